import { spokenDurationToIso } from '../../local/voiceDevice';

it.each([
  ['ten minutes', 'PT10M'],
  ['the last five minutes', 'PT5M'],
  ['an hour', 'PT1H'],
  ['half an hour', 'PT30M'],
  ['one hour and thirty minutes', 'PT1H30M'],
  ['90 seconds', 'PT1M30S'],
  ['a day', 'P1D'],
  ['zehn Minuten', 'PT10M'],
  ['eine halbe Stunde', 'PT30M'],
  ['zwei Tage', 'P2D'],
])('hears "%s" as %s', (spoken, iso) => {
  expect(spokenDurationToIso(spoken)).toBe(iso);
});

it.each(['banana', 'PT10M', 'ten', ''])('leaves "%s" alone', (spoken) => {
  expect(spokenDurationToIso(spoken)).toBeUndefined();
});
