/** AMAZON.FallbackIntent where Alexa gives it; without one in the model, the nearest of the skill's own intents, never a built-in. */
import { trainNlu, type Nlu } from '../../../local/nlu';
import { projectModel, projectNlu, withoutIntents } from '../../support/nluModels';

let en: Nlu;
let de: Nlu;

beforeAll(async () => {
  en = await projectNlu('en-US');
  de = await projectNlu('de-DE');
});

it.each([
  'order a pizza',
  "what's the capital of france",
  'play some jazz by miles davis',
  'how do i knit a scarf',
])('English "%s" is out of domain', async (utterance) => {
  const { intent, confidence } = await en.understand(utterance);
  expect(intent).toEqual({ name: 'AMAZON.FallbackIntent', confirmationStatus: 'NONE', slots: {} });
  expect(confidence).toBeGreaterThan(0);
});

it.each(['wie spät ist es in tokio', 'bestell mir eine pizza', 'wer hat die fußball wm gewonnen'])(
  'German "%s" is out of domain',
  async (utterance) => {
    expect((await de.understand(utterance)).intent.name).toBe('AMAZON.FallbackIntent');
  },
);

it('keeps in-domain phrasings that are not samples out of the fallback', async () => {
  expect(
    (await en.understand('can you tell me how many people are online at this very moment')).intent
      .name,
  ).toBe('PlayersOnlineIntent');
  expect((await de.understand('wie viele leute zocken gerade auf dem iphone')).intent.name).toBe(
    'PlayersByOsIntent',
  );
});

it('offers the other intents it considered as alternatives', async () => {
  const { alternatives } = await en.understand('what is the humidity like over in london');
  for (const alternative of alternatives) {
    expect(alternative.name).not.toBe('SensorReadingIntent');
    expect(alternative.confidence).toBeGreaterThanOrEqual(0);
  }
});

describe('in a model without AMAZON.FallbackIntent', () => {
  let nlu: Nlu;
  beforeAll(async () => {
    nlu = await trainNlu(withoutIntents(projectModel('en-US'), ['AMAZON.FallbackIntent']), 'en-US');
  });

  it("maps out-of-domain words to the nearest of the skill's own intents, as Alexa does", async () => {
    expect((await nlu.understand('how many players are online')).intent.name).toBe(
      'PlayersOnlineIntent',
    );
  });

  it('never forces them into a built-in, which answers only its own phrasings', async () => {
    for (const utterance of [
      'order a pizza',
      'play some jazz by miles davis',
      'go to the store',
      'stop the war',
    ]) {
      const understood = await nlu.understand(utterance);
      // A skill intent, or (when the classifier gives none of them any weight) no match at all.
      const matchedNothing =
        understood.intent.name === 'AMAZON.FallbackIntent' && !understood.declared;
      expect({
        utterance,
        builtIn: /^AMAZON\./.test(understood.intent.name) && !matchedNothing,
      }).toEqual({
        utterance,
        builtIn: false,
      });
    }
  });

  it('with no intent of its own, matches nothing: a fallback the model does not declare', async () => {
    const document = projectModel('en-US') as {
      interactionModel: { languageModel: { intents: { name: string }[] } };
    };
    const languageModel = document.interactionModel.languageModel;
    languageModel.intents = languageModel.intents.filter(
      (intent) => intent.name.startsWith('AMAZON.') && intent.name !== 'AMAZON.FallbackIntent',
    );
    const builtInsOnly = await trainNlu(document, 'en-US');
    const pizza = await builtInsOnly.understand('order a pizza');
    expect(pizza.intent.name).toBe('AMAZON.FallbackIntent');
    expect(pizza.declared).toBe(false);
  });
});
