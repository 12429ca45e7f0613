/**
 * Spoken durations ("ten minutes", "eine halbe Stunde") as the ISO 8601 values Alexa's
 * AMAZON.DURATION slot delivers ("PT10M"), for the local matcher, which passes the words through.
 */

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fortyfive: 45,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  ein: 1,
  eine: 1,
  einer: 1,
  einen: 1,
  einem: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  elf: 11,
  zwölf: 12,
  fünfzehn: 15,
  zwanzig: 20,
  dreißig: 30,
  vierzig: 40,
  fünfundvierzig: 45,
  fünfzig: 50,
  sechzig: 60,
  neunzig: 90,
};

const UNITS: readonly [RegExp, number][] = [
  [/^(?:seconds?|sekunden?)$/, 1],
  [/^(?:minutes?|minuten?)$/, 60],
  [/^(?:hours?|stunden?)$/, 3600],
  [/^(?:days?|tage?n?)$/, 86400],
];

function unitSeconds(word: string): number | undefined {
  return UNITS.find(([pattern]) => pattern.test(word))?.[1];
}

/** Seconds as ISO 8601 in the largest units that say it exactly. */
function iso(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const rest = seconds % 86400;
  const time = [
    [Math.floor(rest / 3600), 'H'],
    [Math.floor((rest % 3600) / 60), 'M'],
    [rest % 60, 'S'],
  ]
    .filter(([amount]) => amount !== 0)
    .map(([amount, unit]) => `${amount}${unit}`)
    .join('');
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** The ISO duration the words say, or undefined when they are not a duration (or already ISO). */
export function spokenDurationToIso(spoken: string): string | undefined {
  const words = spoken
    .toLowerCase()
    .replace(/-/g, '')
    .split(/[\s,]+/)
    .filter(
      (word) =>
        word !== '' &&
        word !== 'and' &&
        word !== 'und' &&
        word !== 'the' &&
        word !== 'last' &&
        word !== 'letzten',
    );
  let total = 0;
  let amount: number | undefined;
  let found = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === 'half' || word === 'halbe' || word === 'halben') {
      amount = (amount ?? 1) / 2;
      continue;
    }
    const number = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word];
    if (number !== undefined) {
      amount = amount === 0.5 ? number / 2 : number;
      continue;
    }
    const seconds = unitSeconds(word);
    if (seconds === undefined) return undefined;
    total += (amount ?? 1) * seconds;
    amount = undefined;
    found = true;
  }
  return found && total > 0 ? iso(Math.round(total)) : undefined;
}
