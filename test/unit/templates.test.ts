/** Sample templates: choices, optional parts and slots expand to every sample they say; a template that does not parse or names a stray slot is refused. */
import { Intent } from '../../domain/names';
import { TemplateError } from '../../interactionModels/errors';
import { expandTemplate, expandTemplates, phrasings } from '../../interactionModels/templates';

it('expands choices and optional parts, in the order written, spaces tidied', () => {
  expect(expandTemplate("(what's|what is) the {sensor} [like] at {station}")).toEqual([
    "what's the {sensor} like at {station}",
    "what's the {sensor} at {station}",
    'what is the {sensor} like at {station}',
    'what is the {sensor} at {station}',
  ]);
  expect(expandTemplate('(a|(b|c) d|) e')).toEqual(['a e', 'b d e', 'c d e', 'e']);
});

it('says each sample once across templates', () => {
  expect(expandTemplates(['how many [players] are online', 'how many are online'])).toEqual([
    'how many players are online',
    'how many are online',
  ]);
});

it.each([
  ['(a|b', '")" is missing'],
  ['a|b', '"|" at 1 is outside a choice'],
  ['a) b', '")" at 1 closes nothing'],
  ['[a) b', '")" at 2 closes nothing'],
  ['(only one) b', 'has one option; write [a] for an optional part'],
])('refuses "%s": %s', (template, problem) => {
  expect(() => expandTemplate(template)).toThrow(TemplateError);
  expect(() => expandTemplate(template)).toThrow(problem);
});

it("types a template's slots by its intent", () => {
  expect(
    phrasings(Intent.SensorReading, ['(what is|how high is) the {sensor} at {station}']),
  ).toEqual(['what is the {sensor} at {station}', 'how high is the {sensor} at {station}']);
  // @ts-expect-error: PlayersOnlineIntent has no station slot, so this does not compile.
  expect(phrasings(Intent.PlayersOnline, ['how many players are at {station}'])).toHaveLength(1);
});
