/**
 * How well the simulated Echo understands people: the development corpus (natural phrasings
 * written apart from the samples) said through POST /simulator/say, each item scored on its intent
 * and its slots' resolved ids or values, as a skill would receive them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../domain/locales';
import { SlotType } from '../../domain/names';
import { impliedStatistic } from '../../domain/spokenNames';
import { SKILL_PACKAGE_DIR } from '../../interactionModels/generate';
import type { Conversation, SimulatorTurn } from '../../local/cli/simulatorClient';

export const CORPUS_DIR = join(__dirname, '..', 'nlu', 'corpus');

const corpusSchema = z.array(
  z.object({
    utterance: z.string().min(1),
    intent: z.string().min(1),
    /**
     * Slot → expected value: a custom type's id or its en-US name, a DURATION's ISO value (or a
     * calendar period such as "today", see calendarPeriodProblems), free text.
     */
    slots: z.record(z.string(), z.string()),
  }),
);

export type CorpusItem = z.infer<typeof corpusSchema>[number];

const modelSchema = z.object({
  interactionModel: z.object({
    languageModel: z.object({
      intents: z.array(
        z.object({
          name: z.string(),
          samples: z.array(z.string()).optional(),
          slots: z.array(z.object({ name: z.string(), type: z.string() })).optional(),
        }),
      ),
      types: z.array(
        z.object({
          name: z.string(),
          values: z.array(z.object({ id: z.string(), name: z.object({ value: z.string() }) })),
        }),
      ),
    }),
  }),
});

type Model = z.infer<typeof modelSchema>;

const YES = 'AMAZON.YesIntent';
const NO = 'AMAZON.NoIntent';

export function readCorpus(locale: Locale, directory = CORPUS_DIR): CorpusItem[] {
  return corpusSchema.parse(JSON.parse(readFileSync(join(directory, `${locale}.json`), 'utf8')));
}

export function readModel(locale: Locale, packageDir = SKILL_PACKAGE_DIR): Model {
  const path = join(packageDir, 'interactionModels', 'custom', `${locale}.json`);
  return modelSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}'{} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether the words are one of the intent's samples with any words in its slots. */
function isSample(model: Model, intent: string, utterance: string): boolean {
  const samples = model.interactionModel.languageModel.intents.find(
    (i) => i.name === intent,
  )?.samples;
  const said = normalise(utterance);
  return (samples ?? []).some((sample) => {
    const parts = normalise(sample).split(/\{[^}]*\}/);
    const pattern = parts.map(escapeRegExp).join('.+');
    return new RegExp(`^${pattern}$`).test(said);
  });
}

/** The id a label stands for: an id of the type as it is, or the en-US name of a value. */
function expectedId(label: string, type: string, models: readonly Model[]): string {
  for (const model of models) {
    const values =
      model.interactionModel.languageModel.types.find((t) => t.name === type)?.values ?? [];
    if (values.some((value) => value.id === label)) return label;
    const named = values.find((value) => normalise(value.name.value) === normalise(label));
    if (named) return named.id;
  }
  return label;
}

export interface Outcome {
  readonly item: CorpusItem;
  readonly correct: boolean;
  /** The utterance is one of the intent's samples, slots aside. */
  readonly inSamples: boolean;
  /** What went wrong, for a miss. */
  readonly problems: readonly string[];
  /** What was understood, in one line. */
  readonly understood: string;
}

export interface LocaleResult {
  readonly locale: Locale;
  readonly outcomes: readonly Outcome[];
  /** Items of intents the model does not have yet, by intent. */
  readonly skipped: ReadonlyMap<string, number>;
}

function describe(turn: SimulatorTurn): string {
  const understood = turn.understanding;
  if (!understood)
    return turn.error ? `(error: ${turn.error.detail})` : '(nothing reached the skill)';
  const slots = Object.entries(understood.slots)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, value]) => {
      const resolution = understood.resolutions[name];
      if (!resolution) return `${name}="${value}"`;
      return `${name}="${value}"→${resolution.values[0]?.id ?? 'NO_MATCH'}`;
    });
  const status =
    understood.confirmationStatus === 'NONE' ? '' : ` ${understood.confirmationStatus}`;
  return `${understood.intent}${status} ${understood.confidence.toFixed(2)}${slots.length ? ` {${slots.join(', ')}}` : ''}`;
}

const DURATION = 'AMAZON.DURATION';
/** An ISO 8601 duration, as AMAZON.DURATION gives one ("PT1H", "P1D"). */
const ISO_DURATION = /^P(?=\d|T\d)/;
/** The intent's slot of `type`, if it has one. */
function slotOfType(slotTypes: ReadonlyMap<string, string>, type: string): string | undefined {
  return [...slotTypes].find(([, slotType]) => slotType === type)?.[0];
}

/** The custom type that carries the calendar periods AMAZON.DURATION cannot ("today"). */
const PERIOD_TYPE = 'PERIOD';

/**
 * A period label that is no ISO duration ("today") names a calendar period. AMAZON.DURATION
 * cannot carry one (Alexa fills it only with spans like PT1H), so the model gives such an intent
 * a slot of the custom PERIOD type beside its duration, as a skill on Alexa would have: the label
 * is met when that slot resolves to the period's id and the duration slot is left empty (the
 * skill reads one or the other). The rule is by type, not by item or intent.
 */
function calendarPeriodProblems(
  slot: string,
  label: string,
  understood: NonNullable<SimulatorTurn['understanding']>,
  slotTypes: ReadonlyMap<string, string>,
  models: readonly Model[],
): string[] {
  const periodSlot = slotOfType(slotTypes, PERIOD_TYPE);
  if (periodSlot === undefined)
    return [`${slot}: "${label}" is a calendar period, and the intent has no ${PERIOD_TYPE} slot`];
  const problems: string[] = [];
  const id = understood.resolutions[periodSlot]?.values[0]?.id;
  const want = expectedId(label, PERIOD_TYPE, models);
  if (id !== want) {
    const value = understood.slots[periodSlot];
    problems.push(
      value === null || value === undefined
        ? `${periodSlot}: missing (expected ${want} for ${slot} "${label}")`
        : `${periodSlot}: "${value}" → ${id ?? 'NO_MATCH'} (expected ${want})`,
    );
  }
  const duration = understood.slots[slot];
  if (duration !== null && duration !== undefined)
    problems.push(`${slot}: ${duration} (expected none beside the period "${label}")`);
  return problems;
}

/**
 * A statistic said only in the sensor's adjective ("how cold did it get"): one word cannot fill
 * two slots on Alexa, so the sensor slot carries it and the skill reads the statistic from it
 * (IMPLIED_STATISTICS, domain/spokenNames.ts). The label is met when the statistic slot is empty
 * and the sensor's word implies the labelled statistic. The rule is by type, not by item.
 */
function impliedByTheSensor(
  locale: Locale,
  label: string,
  understood: NonNullable<SimulatorTurn['understanding']>,
  slotTypes: ReadonlyMap<string, string>,
  models: readonly Model[],
): boolean {
  const sensorSlot = slotOfType(slotTypes, SlotType.Sensor);
  const word = sensorSlot === undefined ? undefined : understood.slots[sensorSlot];
  if (word === null || word === undefined) return false;
  return impliedStatistic(locale, word) === expectedId(label, SlotType.Statistic, models);
}

function slotProblems(
  locale: Locale,
  item: CorpusItem,
  turn: SimulatorTurn,
  slotTypes: ReadonlyMap<string, string>,
  models: readonly Model[],
): string[] {
  const understood = turn.understanding;
  if (!understood) return ['nothing understood'];
  const problems: string[] = [];
  for (const [slot, label] of Object.entries(item.slots)) {
    const type = slotTypes.get(slot) ?? '';
    if (type === DURATION && !ISO_DURATION.test(label)) {
      problems.push(...calendarPeriodProblems(slot, label, understood, slotTypes, models));
      continue;
    }
    const value = understood.slots[slot];
    if (
      type === SlotType.Statistic &&
      (value === null || value === undefined) &&
      impliedByTheSensor(locale, label, understood, slotTypes, models)
    )
      continue;
    if (value === null || value === undefined) {
      problems.push(`${slot}: missing (expected ${label})`);
    } else if (type === 'AMAZON.SearchQuery') {
      if (normalise(value) !== normalise(label))
        problems.push(`${slot}: "${value}" (expected "${label}")`);
    } else if (type.startsWith('AMAZON.')) {
      if (value !== label) problems.push(`${slot}: ${value} (expected ${label})`);
    } else {
      const id = understood.resolutions[slot]?.values[0]?.id;
      const want = expectedId(label, type, models);
      if (id !== want)
        problems.push(`${slot}: "${value}" → ${id ?? 'NO_MATCH'} (expected ${want})`);
    }
  }
  return problems;
}

/**
 * A request the skill answers with Dialog.ConfirmIntent, made from the model's own samples: yes
 * and no are measured as Alexa hears them, as the answer to a confirmation.
 */
function confirmationRequest(model: Model): string {
  const { intents, types } = model.interactionModel.languageModel;
  const light = intents.find((intent) => intent.name === 'SetStationLightIntent');
  const sample = light?.samples?.find((s) => s.includes('{lightState}') && s.includes('{station}'));
  const station = types.find((type) => type.name === 'STATION')?.values[0]?.name.value;
  const on = types.find((type) => type.name === 'LIGHT_STATE')?.values.find((v) => v.id === 'on');
  if (!sample || !station || !on) throw new Error('the model has no light change to confirm');
  return sample.replace('{lightState}', on.name.value).replace('{station}', station);
}

/** Says every item of one locale's corpus through the Echo, each in a session of its own. */
export async function measureLocale(
  echo: Conversation,
  locale: Locale,
  corpus: readonly CorpusItem[],
): Promise<LocaleResult> {
  const model = readModel(locale);
  const models = [model, readModel('en-US')];
  const declared = new Set(
    model.interactionModel.languageModel.intents.map((intent) => intent.name),
  );
  const skipped = new Map<string, number>();
  const outcomes: Outcome[] = [];
  const setup = confirmationRequest(model);
  for (const item of corpus) {
    const answersAConfirmation = item.intent === YES || item.intent === NO;
    if (!declared.has(item.intent) && !answersAConfirmation) {
      skipped.set(item.intent, (skipped.get(item.intent) ?? 0) + 1);
      continue;
    }
    const slotTypes = new Map(
      (
        model.interactionModel.languageModel.intents.find((i) => i.name === item.intent)?.slots ??
        []
      ).map((slot) => [slot.name, slot.type]),
    );
    let turn: SimulatorTurn;
    const problems: string[] = [];
    if (answersAConfirmation) {
      const asked = await echo.say(setup, { locale, audio: false });
      if (asked.understanding?.intent !== 'SetStationLightIntent' || asked.shouldEndSession) {
        problems.push(`the confirmation was not asked for (${describe(asked)})`);
      }
      turn = await echo.say(item.utterance, {
        locale,
        audio: false,
        ...(asked.sessionId ? { sessionId: asked.sessionId } : {}),
      });
      const want = item.intent === YES ? 'CONFIRMED' : 'DENIED';
      if (
        turn.understanding?.as !== 'confirmation' ||
        turn.understanding.confirmationStatus !== want
      ) {
        problems.push(`not heard as the answer ${want}`);
      }
    } else {
      turn = await echo.say(item.utterance, { locale, audio: false });
      const intent = turn.understanding?.intent;
      if (intent !== item.intent)
        problems.push(`intent ${intent ?? 'none'} (expected ${item.intent})`);
      else problems.push(...slotProblems(locale, item, turn, slotTypes, models));
    }
    outcomes.push({
      item,
      correct: problems.length === 0,
      inSamples: !answersAConfirmation && isSample(model, item.intent, item.utterance),
      problems,
      understood: describe(turn),
    });
  }
  return { locale, outcomes, skipped };
}

export interface Rate {
  readonly correct: number;
  readonly counted: number;
}

export function rateOf(outcomes: readonly Outcome[]): Rate {
  return { correct: outcomes.filter((o) => o.correct).length, counted: outcomes.length };
}

export function percent({ correct, counted }: Rate): number {
  return counted === 0 ? 0 : (100 * correct) / counted;
}

/** Every locale's corpus through the Echo. */
export async function measureAll(
  echo: Conversation,
  locales: readonly Locale[] = LOCALES,
): Promise<LocaleResult[]> {
  const results: LocaleResult[] = [];
  for (const locale of locales) results.push(await measureLocale(echo, locale, readCorpus(locale)));
  return results;
}

function formatRate(rate: Rate): string {
  return `${rate.correct}/${rate.counted} = ${percent(rate).toFixed(1)}%`;
}

/** The report `npm run nlu:measure` prints: rates per locale and overall, then every miss. */
export function report(results: readonly LocaleResult[], verbose = false): string {
  const lines: string[] = [];
  for (const result of results) {
    const all = rateOf(result.outcomes);
    const fresh = rateOf(result.outcomes.filter((o) => !o.inSamples));
    const skipped = [...result.skipped.values()].reduce((a, b) => a + b, 0);
    lines.push(
      `${result.locale}: ${formatRate(all)} (not among the samples: ${formatRate(fresh)}); ` +
        `skipped ${skipped} items of intents not in the model (${[...result.skipped].map(([i, n]) => `${i} ${n}`).join(', ')})`,
    );
    for (const outcome of result.outcomes) {
      if (outcome.correct && !verbose) continue;
      const mark = outcome.correct ? '  ok  ' : '  MISS';
      const why = outcome.correct ? '' : ` :: ${outcome.problems.join('; ')}`;
      lines.push(`${mark} "${outcome.item.utterance}" → ${outcome.understood}${why}`);
    }
  }
  const everything = results.flatMap((result) => result.outcomes);
  lines.push(
    `overall: ${formatRate(rateOf(everything))} (not among the samples: ${formatRate(rateOf(everything.filter((o) => !o.inSamples)))})`,
  );
  return lines.join('\n');
}
