/** Fixtures for the simulated Echo's tests: model variants with a fuller dialog model, and an Echo on the test skill. */
import type { Locale } from '../../../domain/locales';
import { DEFAULT_SKILL_ID } from '../../../local/nlu';
import {
  SimulatedEcho,
  type EchoTurn,
  type SimulatedEchoOptions,
} from '../../../local/voiceDevice';
import { nluFor, projectModel, withoutIntents } from '../nluModels';
import { StationStore, stationSkill } from './stationSkill';

export { nluFor };

type Document = {
  interactionModel: {
    languageModel: { intents: { name: string; samples?: string[] }[] };
    dialog: { delegationStrategy?: string; intents: Record<string, unknown>[] };
    prompts: { id: string; variations: { type: string; value: string }[] }[];
  };
};

const PROMPTS: Record<string, Record<string, string>> = {
  en: {
    'Confirm.Slot.SetReportingIntervalIntent.station': 'You mean {station}, right?',
    'Confirm.Intent.SetReportingIntervalIntent': 'Shall I change how often {station} reports?',
    'Validate.Slot.SetReportingIntervalIntent.station':
      "I don't know a station called {station}. Which station?",
  },
  de: {
    'Confirm.Slot.SetReportingIntervalIntent.station': 'Du meinst {station}, richtig?',
    'Confirm.Intent.SetReportingIntervalIntent':
      'Soll ich das Meldeintervall von {station} ändern?',
    'Validate.Slot.SetReportingIntervalIntent.station':
      'Eine Station {station} kenne ich nicht. Welche Station?',
  },
};

/**
 * The project's model as a skill without AMAZON.YesIntent / NoIntent has it (Pulse's today, whatever
 * the project adds later): a "yes" outside a confirmation has no intent of its own.
 */
export function baseModel(locale: Locale): unknown {
  return withoutIntents(projectModel(locale), ['AMAZON.YesIntent', 'AMAZON.NoIntent']);
}

/**
 * The project's model with the reporting interval's dialog made full: the station confirmed and
 * validated (it must resolve), the whole intent confirmed, all with prompts; `strategy` ALWAYS
 * turns auto delegation on for that intent.
 */
export function fullDialogModel(
  locale: Locale,
  strategy: 'SKILL_RESPONSE' | 'ALWAYS' = 'SKILL_RESPONSE',
): unknown {
  const document = baseModel(locale) as Document;
  const { dialog, prompts } = document.interactionModel;
  const intent = dialog.intents.find((i) => i.name === 'SetReportingIntervalIntent') as {
    delegationStrategy: string;
    confirmationRequired: boolean;
    prompts: Record<string, string>;
    slots: {
      name: string;
      confirmationRequired?: boolean;
      prompts: Record<string, string>;
      validations?: unknown[];
    }[];
  };
  intent.delegationStrategy = strategy;
  intent.confirmationRequired = true;
  intent.prompts = { confirmation: 'Confirm.Intent.SetReportingIntervalIntent' };
  const station = intent.slots.find((s) => s.name === 'station');
  if (!station)
    throw new Error('the project model has no station slot for SetReportingIntervalIntent');
  station.confirmationRequired = true;
  station.prompts = {
    ...station.prompts,
    confirmation: 'Confirm.Slot.SetReportingIntervalIntent.station',
  };
  station.validations = [
    {
      type: 'hasEntityResolutionMatch',
      prompt: 'Validate.Slot.SetReportingIntervalIntent.station',
    },
  ];
  for (const [id, value] of Object.entries(PROMPTS[locale.slice(0, 2)] ?? {}))
    prompts.push({ id, variations: [{ type: 'PlainText', value }] });
  return document;
}

/** The project's model with AMAZON.YesIntent and AMAZON.NoIntent declared, as a skill asking its own questions would. */
export function withYesNo(locale: Locale): unknown {
  const document = baseModel(locale) as Document;
  document.interactionModel.languageModel.intents.push(
    { name: 'AMAZON.YesIntent', samples: [] },
    { name: 'AMAZON.NoIntent', samples: [] },
  );
  return document;
}

/** The skill manifest's shape, with the interfaces Pulse declares. */
export const MANIFEST = {
  manifest: {
    apis: {
      custom: { interfaces: [{ type: 'CAN_FULFILL_INTENT_REQUEST' }, { type: 'AUDIO_PLAYER' }] },
    },
  },
};

export interface EchoOnSkill {
  readonly echo: SimulatedEcho;
  readonly store: StationStore;
}

/** A simulated Echo on the test skill, speaking the given models (each trained once per test file, by key). */
export function echoOnSkill(
  models: Partial<Record<Locale, { key: string; model: unknown }>>,
  options: Partial<SimulatedEchoOptions> = {},
): EchoOnSkill {
  const store = new StationStore();
  const documents: Partial<Record<Locale, unknown>> = {};
  for (const [locale, { model }] of Object.entries(models) as [Locale, { model: unknown }][]) {
    documents[locale] = model;
  }
  const echo = new SimulatedEcho({
    skill: stationSkill(store, DEFAULT_SKILL_ID),
    models: documents,
    nlu: (locale) => {
      const { key, model } = models[locale]!;
      return nluFor(key, locale, model);
    },
    manifest: MANIFEST,
    random: () => 0,
    ...options,
  });
  return { echo, store };
}

/** The requests a turn sent, as "Type:Intent/dialogState/confirmationStatus" (or "SessionEndedRequest:REASON"). */
export function sent(turn: EchoTurn): string[] {
  return turn.exchanges.map(({ request: { request } }) => {
    if (request.type === 'IntentRequest') {
      return `${request.intent.name}/${request.dialogState ?? '-'}/${request.intent.confirmationStatus}`;
    }
    if (request.type === 'SessionEndedRequest') return `SessionEndedRequest:${request.reason}`;
    return request.type;
  });
}

/** Says each utterance in turn in one session (the first may open it), returning every turn. */
export async function converse(
  echo: SimulatedEcho,
  locale: Locale,
  utterances: readonly string[],
  sessionId?: string,
): Promise<EchoTurn[]> {
  const turns: EchoTurn[] = [];
  let id = sessionId;
  for (const utterance of utterances) {
    const turn = await echo.say(utterance, { locale, sessionId: id });
    turns.push(turn);
    id = turn.sessionId;
  }
  return turns;
}

/** An Echo on any skill, speaking the base models of `locales` (their NLUs trained once per test file). */
export function baseEcho(
  options: Omit<SimulatedEchoOptions, 'models' | 'nlu'>,
  locales: readonly Locale[] = ['en-US'],
): SimulatedEcho {
  return new SimulatedEcho({
    models: Object.fromEntries(locales.map((locale) => [locale, baseModel(locale)])),
    nlu: (locale) => nluFor('base', locale, baseModel(locale)),
    ...options,
  });
}
