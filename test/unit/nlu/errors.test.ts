/** Bad input to the NLU gets a clear error: an unknown locale, a document that is no model, a sample naming a slot that is not there, nothing to understand. */
import {
  InvalidModelError,
  InvalidUtteranceError,
  trainNlu,
  UnsupportedLocaleError,
} from '../../../local/nlu';
import { projectModel } from '../../support/nluModels';

describe('bad input', () => {
  it('rejects an unsupported locale', async () => {
    await expect(trainNlu(projectModel('en-US'), 'fr-FR')).rejects.toBeInstanceOf(
      UnsupportedLocaleError,
    );
  });

  it('rejects a document that is not an interaction model, naming the problem', async () => {
    await expect(trainNlu({ interactionModel: {} }, 'en-US')).rejects.toThrow(
      /interactionModel\.languageModel/,
    );
    await expect(trainNlu('nonsense', 'en-US')).rejects.toBeInstanceOf(InvalidModelError);
  });

  it('rejects a sample that refers to an undeclared slot, and a slot of an undeclared type', async () => {
    const document = {
      interactionModel: {
        languageModel: {
          invocationName: 'test skill',
          intents: [
            {
              name: 'AIntent',
              slots: [{ name: 'x', type: 'MISSING' }],
              samples: ['say {x}', 'say {y}'],
            },
          ],
        },
      },
    };
    const error = await trainNlu(document, 'en-US').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidModelError);
    expect((error as InvalidModelError).issues).toEqual([
      'slot AIntent.x has undeclared type MISSING',
      'sample "say {y}" of AIntent refers to unknown slot {y}',
    ]);
  });

  it('rejects an empty utterance and one that is only punctuation', async () => {
    const nlu = await trainNlu(projectModel('en-US'), 'en-US');
    await expect(nlu.understand('')).rejects.toBeInstanceOf(InvalidUtteranceError);
    await expect(nlu.understand(' ?! ')).rejects.toBeInstanceOf(InvalidUtteranceError);
  });

  it('rejects a fallback threshold outside 0..1', async () => {
    await expect(
      trainNlu(projectModel('en-US'), 'en-US', { fallbackThreshold: 2 }),
    ).rejects.toBeInstanceOf(InvalidModelError);
  });
});
