/** German number words to numbers: "zweiundvierzig" → 42, "einhundertfünf" → 105, "anderthalb" → 1.5, "halben" → 0.5. */
import { fold } from '../../text/words';

const UNITS: Readonly<Record<string, number>> = {
  null: 0,
  ein: 1,
  eins: 1,
  eine: 1,
  einer: 1,
  einem: 1,
  einen: 1,
  eines: 1,
  zwei: 2,
  zwo: 2,
  drei: 3,
  vier: 4,
  funf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
};
const TEENS: Readonly<Record<string, number>> = {
  zehn: 10,
  elf: 11,
  zwolf: 12,
  dreizehn: 13,
  vierzehn: 14,
  funfzehn: 15,
  sechzehn: 16,
  siebzehn: 17,
  achtzehn: 18,
  neunzehn: 19,
};
const TENS: Readonly<Record<string, number>> = {
  zwanzig: 20,
  dreissig: 30,
  vierzig: 40,
  funfzig: 50,
  sechzig: 60,
  siebzig: 70,
  achtzig: 80,
  neunzig: 90,
};
/** Fractions said as words; "halben Stunde" is half of one. */
const FRACTIONS: Readonly<Record<string, number>> = {
  halb: 0.5,
  halbe: 0.5,
  halben: 0.5,
  halber: 0.5,
  halbes: 0.5,
  viertel: 0.25,
  dreiviertel: 0.75,
  anderthalb: 1.5,
  eineinhalb: 1.5,
  einundhalb: 1.5,
  einhalb: 0.5,
};

/** Whole number below 100 written as one word ("siebenundachtzig"). */
function belowHundred(word: string): number | undefined {
  if (word === '') return 0;
  const direct = UNITS[word] ?? TEENS[word] ?? TENS[word];
  if (direct !== undefined) return direct;
  const compound = /^(.+)und(.+)$/.exec(word);
  if (compound) {
    const unit = compound[1] === 'ein' ? 1 : UNITS[compound[1] ?? ''];
    const ten = TENS[compound[2] ?? ''];
    if (unit !== undefined && unit > 0 && unit < 10 && ten !== undefined) return ten + unit;
  }
  return undefined;
}

function belowThousand(word: string): number | undefined {
  const at = word.indexOf('hundert');
  if (at < 0) return belowHundred(word);
  const head = word.slice(0, at);
  const hundreds = head === '' ? 1 : belowHundred(head);
  const rest = belowHundred(word.slice(at + 'hundert'.length));
  if (hundreds === undefined || rest === undefined || hundreds < 1 || hundreds > 9)
    return undefined;
  return hundreds * 100 + rest;
}

/** The whole number a single German word or digit string stands for, if any. */
export function germanInteger(word: string): number | undefined {
  if (/^\d+$/.test(word)) return Number(word);
  const folded = fold(word);
  const at = folded.indexOf('tausend');
  if (at < 0) return belowThousand(folded);
  const head = folded.slice(0, at);
  const thousands = head === '' ? 1 : belowThousand(head);
  const rest = belowThousand(folded.slice(at + 'tausend'.length));
  if (thousands === undefined || rest === undefined) return undefined;
  return thousands * 1000 + rest;
}

/** A fraction word, alone ("halben") or after a whole number ("zweieinhalb" → 2.5). */
export function germanFraction(word: string): number | undefined {
  const folded = fold(word);
  const direct = FRACTIONS[folded];
  if (direct !== undefined) return direct;
  const mixed = /^(.+?)(einhalb|undeinhalb)$/.exec(folded);
  if (mixed) {
    const whole = germanInteger(mixed[1] ?? '');
    if (whole !== undefined) return whole + 0.5;
  }
  if (/^\d+[.,]\d+$/.test(folded)) return Number(folded.replace(',', '.'));
  return undefined;
}

/** Indefinite articles, which count as "one" before a unit ("eine Stunde") but not before a fraction ("eine halbe"). */
export function isGermanArticle(word: string): boolean {
  return ['ein', 'eine', 'einer', 'einem', 'einen', 'eines'].includes(fold(word));
}
