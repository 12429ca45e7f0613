/**
 * A simulated Echo for the local stack: words in, the skill's response out. It matches what the
 * user says against the generated interaction model (through virtual-alexa), keeps the session
 * across turns, and turns a phrase no intent matches into AMAZON.FallbackIntent, as a device does.
 */
import { join } from 'node:path';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { VirtualAlexa } from 'virtual-alexa';
import { SKILL_PACKAGE_DIR } from '../../interactionModels/generate';
import type { Locale } from '../../domain/locales';
import { Intent, IntentSlots, SlotType } from '../../domain/names';
import { spokenDurationToIso } from './spokenDuration';

export type SkillEndpoint = (envelope: RequestEnvelope) => Promise<ResponseEnvelope>;

export interface Turn {
  readonly request: RequestEnvelope;
  readonly response: ResponseEnvelope;
}

export interface VoiceDevice {
  readonly locale: Locale;
  /** One utterance; "open live pulse" (or the locale's launch phrase) launches the skill. */
  say(utterance: string): Promise<Turn>;
  /** Ends the session, as saying nothing more does. */
  end(): Promise<void>;
}

/** Words that open a skill by its invocation name, per language. */
const LAUNCH_WORDS: Readonly<Record<Locale, RegExp>> = {
  'en-US': /^(?:alexa,?\s+)?(?:open|launch|start|begin)\s+live\s+pulse\s*$/i,
  'en-GB': /^(?:alexa,?\s+)?(?:open|launch|start|begin)\s+live\s+pulse\s*$/i,
  'de-DE': /^(?:alexa,?\s+)?(?:öffne|starte)\s+live\s+puls\s*$/i,
};

/** "ask live pulse how many…" is the one-shot form; what follows the invocation is the utterance. */
const ONE_SHOT: Readonly<Record<Locale, RegExp>> = {
  'en-US': /^(?:alexa,?\s+)?(?:ask|tell)\s+live\s+pulse\s+(?:to\s+|for\s+|whether\s+|if\s+)?/i,
  'en-GB': /^(?:alexa,?\s+)?(?:ask|tell)\s+live\s+pulse\s+(?:to\s+|for\s+|whether\s+|if\s+)?/i,
  'de-DE': /^(?:alexa,?\s+)?(?:frag|frage|sag)\s+live\s+puls\s+(?:nach\s+)?/i,
};

let virtualAlexaClass: typeof VirtualAlexa | undefined;

async function loadVirtualAlexa(): Promise<typeof VirtualAlexa> {
  // virtual-alexa loads the old aws-sdk v2, which announces its end of support on load.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE ??= '1';
  virtualAlexaClass ??= (await import('virtual-alexa')).VirtualAlexa;
  return virtualAlexaClass;
}

export async function createVoiceDevice(
  locale: Locale,
  skill: SkillEndpoint,
): Promise<VoiceDevice> {
  const VirtualAlexaClass = await loadVirtualAlexa();
  let last: Turn | undefined;
  const alexa = VirtualAlexaClass.Builder()
    .handler(async (event: RequestEnvelope) => {
      const response = await skill(event);
      last = { request: event, response };
      return response;
    })
    .interactionModelFile(join(SKILL_PACKAGE_DIR, 'interactionModels', 'custom', `${locale}.json`))
    .locale(locale)
    .create();
  // virtual-alexa treats any phrase containing "ask", "tell" or "open" as a launch; this device
  // strips the invocation itself, as Alexa does, before matching.
  Object.assign(alexa, { parseLaunchRequest: (): undefined => undefined });
  // virtual-alexa passes AMAZON.DURATION words through; Alexa sends ISO 8601, so convert them.
  alexa.filter((event: RequestEnvelope) => {
    if (event.request.type !== 'IntentRequest') return;
    const { intent } = event.request;
    const types: Readonly<Record<string, string>> =
      (IntentSlots as Readonly<Record<string, Readonly<Record<string, string>>>>)[intent.name] ??
      {};
    for (const [name, slot] of Object.entries(intent.slots ?? {})) {
      const iso =
        types[name] === SlotType.Duration && slot.value
          ? spokenDurationToIso(slot.value)
          : undefined;
      if (iso) slot.value = iso;
    }
  });

  async function turn(send: () => Promise<unknown>): Promise<Turn> {
    last = undefined;
    await send();
    if (!last) throw new Error('the skill was not called');
    return last;
  }

  return {
    locale,
    async say(utterance) {
      const words = utterance.trim();
      if (LAUNCH_WORDS[locale].test(words)) return turn(() => alexa.launch());
      const phrase = words.replace(ONE_SHOT[locale], '').replace(/[?!.,]+$/g, '');
      try {
        return await turn(() => alexa.utter(phrase));
      } catch (error) {
        // virtual-alexa throws where a device would send the skill a FallbackIntent.
        if (error instanceof Error && /Unable to match utterance/.test(error.message)) {
          return turn(() => alexa.intend(Intent.Fallback));
        }
        throw error;
      }
    },
    async end() {
      await alexa.endSession();
    },
  };
}
