/** How the NLU reaches past the samples without losing what they tell apart: German compounds, singular against plural, samples said as they are, words about nothing the skill does. */
import type { Nlu } from '../../../local/nlu';
import { TextFeatures } from '../../../local/nlu/classifier/textFeatures';
import { german } from '../../../local/nlu/languages/german';
import { projectModel, projectNlu } from '../../support/nluModels';

let en: Nlu;
let de: Nlu;

beforeAll(async () => {
  en = await projectNlu('en-US');
  de = await projectNlu('de-DE');
});

describe('German compounds', () => {
  it.each([
    ['wie ist die gesamtspielerzahl', 'PlayersOnlineIntent'],
    ['wie viele onlinespieler gibt es', 'PlayersOnlineIntent'],
    ['spielerzahltrend', 'PlayersTrendIntent'],
  ])('"%s", a compound no sample says, is %s', async (utterance, intent) => {
    expect((await de.understand(utterance)).intent.name).toBe(intent);
  });

  it('are split into a known word, a linking element and the rest', async () => {
    const features = await TextFeatures.learn(
      german,
      ['wie viele spieler sind online', 'wie ist die wettervorhersage'],
      (word) => Promise.resolve(word),
    );
    expect(features.of(['spieleranzahl'])).toBe('spieleranzahl spieler anzahl');
    // A linking "s": "Spieler|s|tand" is no word here, "online|spieler" is.
    expect(features.of(['onlinespieler'])).toBe('onlinespieler online spieler');
    // Known words stay whole.
    expect(features.of(['spieler', 'online'])).toBe('spieler online');
  });
});

describe('singular and plural, which stemming would merge', () => {
  it.each([
    ['read me my latest posts', 'ListPostsIntent'],
    ['give me the most recent post', 'ReadLatestPostIntent'],
    ['list the most recent posts', 'ListPostsIntent'],
    ['which post is the latest', 'ReadLatestPostIntent'],
  ])('"%s" is %s', async (utterance, intent) => {
    expect((await en.understand(utterance)).intent.name).toBe(intent);
  });
});

it('understands every sample of the model as its own intent, as Alexa does', async () => {
  const document = projectModel('en-US') as {
    interactionModel: { languageModel: { intents: { name: string; samples?: string[] }[] } };
  };
  const wrong: string[] = [];
  for (const intent of document.interactionModel.languageModel.intents) {
    // The samples without slots, as said; with slots they need values, tested elsewhere.
    for (const sample of (intent.samples ?? []).filter((s) => !s.includes('{'))) {
      const understood = await en.understand(sample);
      if (understood.intent.name !== intent.name)
        wrong.push(`${sample} → ${understood.intent.name}`);
    }
  }
  expect(wrong).toEqual([]);
});

it('sends words about nothing the skill does to the fallback, however the classifier leans', async () => {
  for (const utterance of ['wie ist das wetter in tokio', 'wie spät ist es in tokio']) {
    expect({ utterance, intent: (await de.understand(utterance)).intent.name }).toEqual({
      utterance,
      intent: 'AMAZON.FallbackIntent',
    });
  }
});
