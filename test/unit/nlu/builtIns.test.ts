/** Built-in intents in each locale's own words, never answered for a request of the skill's own, nor when the model does not declare them. */
import type { Locale } from '../../../domain/locales';
import { trainNlu, type Nlu } from '../../../local/nlu';
import { nluFor, projectModel, projectNlu, withoutIntents } from '../../support/nluModels';

const engines: Partial<Record<Locale, Nlu>> = {};

beforeAll(async () => {
  for (const locale of ['en-US', 'en-GB', 'de-DE'] as const)
    engines[locale] = await projectNlu(locale);
});

const cases: [Locale, string, string][] = [
  ['en-US', 'help', 'AMAZON.HelpIntent'],
  ['en-US', 'what can you do', 'AMAZON.HelpIntent'],
  ['en-GB', 'help me please', 'AMAZON.HelpIntent'],
  ['en-US', 'stop', 'AMAZON.StopIntent'],
  ['en-GB', 'Alexa, stop!', 'AMAZON.StopIntent'],
  ['en-US', 'cancel', 'AMAZON.CancelIntent'],
  ['en-US', 'never mind', 'AMAZON.CancelIntent'],
  ['en-US', 'yes', 'AMAZON.YesIntent'],
  ['en-US', 'yeah', 'AMAZON.YesIntent'],
  ['en-GB', 'sure', 'AMAZON.YesIntent'],
  ['en-US', 'no', 'AMAZON.NoIntent'],
  ['en-GB', 'no thanks', 'AMAZON.NoIntent'],
  ['en-US', 'pause', 'AMAZON.PauseIntent'],
  ['en-US', 'resume', 'AMAZON.ResumeIntent'],
  ['en-US', 'next', 'AMAZON.NextIntent'],
  ['en-US', 'go back', 'AMAZON.PreviousIntent'],
  ['en-US', 'say that again', 'AMAZON.RepeatIntent'],
  ['en-US', 'start over', 'AMAZON.StartOverIntent'],
  ['en-US', 'loop on', 'AMAZON.LoopOnIntent'],
  ['en-US', 'loop off', 'AMAZON.LoopOffIntent'],
  ['en-US', 'shuffle', 'AMAZON.ShuffleOnIntent'],
  ['en-US', 'stop shuffling', 'AMAZON.ShuffleOffIntent'],
  ['en-US', 'go home', 'AMAZON.NavigateHomeIntent'],
  ['de-DE', 'hilfe', 'AMAZON.HelpIntent'],
  ['de-DE', 'was kannst du', 'AMAZON.HelpIntent'],
  ['de-DE', 'stopp', 'AMAZON.StopIntent'],
  ['de-DE', 'halt', 'AMAZON.StopIntent'],
  ['de-DE', 'aufhören', 'AMAZON.StopIntent'],
  ['de-DE', 'abbrechen', 'AMAZON.CancelIntent'],
  ['de-DE', 'ja', 'AMAZON.YesIntent'],
  ['de-DE', 'ja bitte', 'AMAZON.YesIntent'],
  ['de-DE', 'nein', 'AMAZON.NoIntent'],
  ['de-DE', 'pause', 'AMAZON.PauseIntent'],
  // On a German Echo "weiter" skips on; "fortsetzen" goes on with what was paused.
  ['de-DE', 'weiter', 'AMAZON.NextIntent'],
  ['de-DE', 'fortsetzen', 'AMAZON.ResumeIntent'],
  ['de-DE', 'nächster', 'AMAZON.NextIntent'],
  ['de-DE', 'zurück', 'AMAZON.PreviousIntent'],
  ['de-DE', 'wiederholen', 'AMAZON.RepeatIntent'],
  ['de-DE', 'von vorne', 'AMAZON.StartOverIntent'],
  ['de-DE', 'zufallswiedergabe an', 'AMAZON.ShuffleOnIntent'],
  ['de-DE', 'zur startseite', 'AMAZON.NavigateHomeIntent'],
];

it.each(cases)('%s "%s" is %s', async (locale, utterance, intent) => {
  const understood = await engines[locale]!.understand(utterance);
  expect(understood.intent).toEqual({ name: intent, confirmationStatus: 'NONE', slots: {} });
  expect(understood.confidence).toBe(1);
});

it('understands yes and no even when the model lacks them, and says so', async () => {
  const yes = await engines['de-DE']!.understand('ja');
  expect(yes.intent.name).toBe('AMAZON.YesIntent');
  expect(yes.declared).toBe(false);
  expect((await engines['de-DE']!.understand('hilfe')).declared).toBe(true);
});

it('does not answer with a built-in the model does not list', async () => {
  const nlu = await trainNlu(
    withoutIntents(projectModel('en-US'), ['AMAZON.ShuffleOnIntent', 'AMAZON.ShuffleOffIntent']),
    'en-US',
  );
  expect((await nlu.understand('shuffle')).intent.name).toBe('AMAZON.FallbackIntent');
  expect(nlu.intentNames).not.toContain('AMAZON.ShuffleOnIntent');
});

it('does not mistake a request with a word a built-in uses for the built-in', async () => {
  expect((await engines['de-DE']!.understand('mach das licht in berlin aus')).intent.name).toBe(
    'SetStationLightIntent',
  );
  expect(
    (await engines['en-US']!.understand('turn the light off at the airport')).intent.name,
  ).toBe('SetStationLightIntent');
  // "play" is said in "play in order" (shuffle off) and in every request to play a post.
  const play = await nluFor('project', 'en-US', projectModel('en-US'));
  expect((await play.understand('play the weekend recap post')).intent.name).toBe('PlayPostIntent');
});
