/** Finds what ASK would refuse, or Pulse would regret, in one locale's voice text: every problem at once. */
import type { Locale } from '../domain/locales';
import { CONFIRMED_INTENTS, CUSTOM_INTENTS, slotsOf, type CustomIntentName } from '../domain/names';
import type { LocaleUtterances } from './utterances/types';

const PLACEHOLDER = /\{([^{}]*)\}/g;

export function placeholdersOf(sample: string): string[] {
  return [...sample.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** ASK accepts letters, spaces, apostrophes and periods; digits must be spelled out, and the braces are slots. */
const SPEAKABLE = /^[\p{L}' .{}]+$/u;

/** Two samples that differ only in case or spacing are the same sample to Alexa. */
export function normaliseSample(sample: string, locale: Locale): string {
  return sample.trim().replace(/\s+/g, ' ').toLocaleLowerCase(locale);
}

/** Every problem in one locale's voice text, so one run of the generator reports them all. */
export function findUtteranceProblems(locale: Locale, voice: LocaleUtterances): string[] {
  const problems: string[] = [];
  const firstIntentOf = new Map<string, CustomIntentName>();

  const checkSample = (
    where: string,
    sample: string,
    allowedSlots: readonly string[],
    slotOnlyAllowed: boolean,
  ): void => {
    if (!SPEAKABLE.test(sample)) {
      problems.push(`${where}: "${sample}" has characters Alexa cannot take (digits, punctuation)`);
    }
    const placeholders = placeholdersOf(sample);
    for (const placeholder of placeholders) {
      if (!allowedSlots.includes(placeholder)) {
        problems.push(`${where}: "${sample}" uses {${placeholder}}, not a slot of this intent`);
      }
    }
    if (new Set(placeholders).size !== placeholders.length) {
      problems.push(`${where}: "${sample}" uses a slot twice`);
    }
    if (!slotOnlyAllowed && sample.replace(PLACEHOLDER, '').trim() === '') {
      problems.push(`${where}: "${sample}" is only a slot; models with a dialog reject those`);
    }
  };

  for (const intent of CUSTOM_INTENTS) {
    const slotNames = slotsOf(intent).map((slot) => slot.name);
    const samples = voice.samples[intent];
    if (samples.length === 0) problems.push(`${locale} ${intent}: no sample utterances`);
    for (const sample of samples) {
      checkSample(`${locale} ${intent}`, sample, slotNames, false);
      const key = normaliseSample(sample, locale);
      const earlier = firstIntentOf.get(key);
      if (earlier === undefined) {
        firstIntentOf.set(key, intent);
      } else {
        problems.push(
          earlier === intent
            ? `${locale} ${intent}: "${sample}" appears twice`
            : `${locale}: "${sample}" is a sample of both ${earlier} and ${intent}`,
        );
      }
    }
  }

  for (const intent of CONFIRMED_INTENTS) {
    for (const slot of slotsOf(intent)) {
      const elicitation = voice.elicitation[intent]?.[slot.name];
      const where = `${locale} elicitation of ${intent}.${slot.name}`;
      if (elicitation === undefined) {
        problems.push(`${where}: missing (every slot of a confirmed intent needs a prompt)`);
        continue;
      }
      if (elicitation.prompts.length === 0) problems.push(`${where}: no prompt`);
      for (const prompt of elicitation.prompts) {
        // Slots may still be empty when Alexa speaks the prompt, and would be read out as nothing.
        if (placeholdersOf(prompt).length > 0) {
          problems.push(`${where}: prompt "${prompt}" names a slot that may still be empty`);
        }
      }
      const slotNames = slotsOf(intent).map((s) => s.name);
      for (const sample of elicitation.samples) {
        checkSample(where, sample, slotNames, true);
        if (!placeholdersOf(sample).includes(slot.name)) {
          problems.push(`${where}: answer "${sample}" does not contain {${slot.name}}`);
        }
      }
    }
  }
  return problems;
}
