/**
 * Typed sample templates: one line says many samples. `(a|b)` is a choice, `(a|)` or `[a]` an
 * optional part, `{slot}` a slot of the intent; a template naming a slot its intent lacks does not
 * compile.
 */
import type { CustomIntentName, IntentSlots } from '../domain/names';
import { TemplateError } from './errors';

/** The slot names a template refers to: "what's the {sensor} at {station}" → "sensor" | "station". */
type SlotsIn<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
  ? Name | SlotsIn<Rest>
  : never;

/** The template itself when each slot it names is allowed; otherwise a type naming the stray slot. */
export type CheckedTemplate<T extends string, Allowed extends string> = [SlotsIn<T>] extends [
  Allowed,
]
  ? T
  : `{${Exclude<SlotsIn<T>, Allowed>}} is no slot of this intent`;

/** The slot names of a custom intent. */
export type SlotNameOf<I extends CustomIntentName> = keyof (typeof IntentSlots)[I] & string;

/** One parsed piece of a template: words (and slot references), or a choice between sequences. */
type Piece = { readonly text: string } | { readonly choice: readonly Piece[][] };

function parse(template: string): Piece[] {
  let at = 0;
  const sequence = (closing: string | undefined): Piece[][] => {
    const alternatives: Piece[][] = [[]];
    while (at < template.length) {
      const character = template[at]!;
      if (character === '(' || character === '[') {
        at += 1;
        const opened = at - 1;
        const inner = sequence(character === '(' ? ')' : ']');
        if (character === '(' && inner.length === 1) {
          throw new TemplateError(
            template,
            `the choice at ${opened} has one option; write [a] for an optional part`,
          );
        }
        // "[a]" is "(a|)": the part, or nothing.
        alternatives.at(-1)!.push({ choice: character === '[' ? [...inner, []] : inner });
        continue;
      }
      if (character === ')' || character === ']') {
        if (character !== closing) {
          throw new TemplateError(template, `"${character}" at ${at} closes nothing`);
        }
        at += 1;
        return alternatives;
      }
      if (character === '|') {
        if (closing === undefined) {
          throw new TemplateError(template, `"|" at ${at} is outside a choice; write (a|b)`);
        }
        alternatives.push([]);
        at += 1;
        continue;
      }
      const next = template.slice(at).search(/[()[\]|]/);
      const text = next === -1 ? template.slice(at) : template.slice(at, at + next);
      alternatives.at(-1)!.push({ text });
      at += text.length;
    }
    if (closing !== undefined) throw new TemplateError(template, `"${closing}" is missing`);
    return alternatives;
  };
  const [whole] = sequence(undefined);
  return whole ?? [];
}

function expandPieces(pieces: readonly Piece[]): string[] {
  let results = [''];
  for (const piece of pieces) {
    if ('text' in piece) {
      results = results.map((result) => result + piece.text);
      continue;
    }
    const options = piece.choice.flatMap(expandPieces);
    results = results.flatMap((result) => options.map((option) => result + option));
  }
  return results;
}

/** Every sample a template says, spaces tidied, in the order written, each once. */
export function expandTemplate(template: string): string[] {
  const samples = expandPieces(parse(template)).map((sample) => sample.replace(/\s+/g, ' ').trim());
  return [...new Set(samples.filter((sample) => sample !== ''))];
}

/** Every sample of several templates, each once, in order. */
export function expandTemplates(templates: readonly string[]): string[] {
  return [...new Set(templates.flatMap(expandTemplate))];
}

/**
 * The samples of one custom intent from its templates; a template naming a slot the intent lacks
 * is a compile error ("{station} is no slot of this intent").
 */
export function phrasings<I extends CustomIntentName, const T extends readonly string[]>(
  intent: I,
  templates: readonly [...{ [K in keyof T]: CheckedTemplate<T[K] & string, SlotNameOf<I>> }],
): readonly string[] {
  void intent;
  return expandTemplates(templates);
}
