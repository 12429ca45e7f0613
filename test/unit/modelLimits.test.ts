/** The generated models stay within ASK's documented interaction model limits, and the generator refuses one that does not. */
import { LOCALES } from '../../domain/locales';
import { buildInteractionModel } from '../../interactionModels/generate';
import { ASK_MODEL_LIMITS, findModelLimitProblems } from '../../interactionModels/limits';

it.each(LOCALES)('the %s model is within every limit', (locale) => {
  const document = buildInteractionModel(locale);
  expect(findModelLimitProblems(locale, document)).toEqual([]);
  // With room to grow: a fifth of the size limit at most (the models are about 11 % of it).
  expect(Buffer.byteLength(JSON.stringify(document))).toBeLessThan(
    ASK_MODEL_LIMITS.maxModelBytes / 5,
  );
});

it('names every limit a model breaks', () => {
  const document = structuredClone(buildInteractionModel('en-US'));
  const { languageModel } = document.interactionModel;
  const [first] = languageModel.intents;
  for (let i = 0; i < 350; i += 1) languageModel.intents.push({ ...first!, samples: [] });
  languageModel.intents[0]!.samples = Array.from(
    { length: 40_000 },
    (_, i) => `sample ${'x'.repeat(40)} ${i}`,
  );
  languageModel.types[0]!.values[0]!.name.synonyms.push('y'.repeat(141));
  const problems = findModelLimitProblems('en-US', document);
  expect(problems).toEqual([
    expect.stringMatching(/^en-US: the model is \d+ bytes, over ASK's 1572864$/),
    expect.stringMatching(/^en-US: \d+ intents, over ASK's 250$/),
    expect.stringMatching(/^en-US: \d+ intents and 9 slot types, over ASK's 350 together$/),
    expect.stringMatching(/^en-US OS: "y+…" is 141 characters, over ASK's 140$/),
  ]);
});
