/** A station's status from its shadow: what it reported, how long ago, what is still pending. */
import type { RequestHandler } from 'ask-sdk-core';
import { Intent } from '../../../domain/names';
import { isLightState } from '../../../domain/vocabulary';
import { answer } from '../answer';
import { isIntent } from '../request/requests';
import { chooseStation } from '../request/station';
import type { SkillDependencies } from '../services';
import type { Voice } from '../voice';

type ShadowState = Readonly<Record<string, unknown>>;

/** Each field Pulse knows how to say, in the order a person would want to hear them. */
const SPOKEN_FIELDS = [
  'light',
  'reportingIntervalSeconds',
  'batteryPercent',
  'firmware',
  'online',
] as const;
type SpokenField = (typeof SPOKEN_FIELDS)[number];

function spokenValue(voice: Voice, field: SpokenField, value: unknown): string | undefined {
  const { t, number } = voice;
  switch (field) {
    case 'light':
      return isLightState(value) ? voice.said('lightStates', value) : undefined;
    case 'reportingIntervalSeconds':
      return typeof value === 'number' && value > 0 ? voice.every(value) : undefined;
    case 'batteryPercent':
      return typeof value === 'number' ? number(value) : undefined;
    case 'firmware':
      return typeof value === 'string' && value !== '' ? value : undefined;
    case 'online':
      return typeof value === 'boolean' ? t(`status.online.${value}`) : undefined;
  }
}

/** "the light on, a reading every minute and 2 more values": known fields said, others counted. */
export function describeState(voice: Voice, state: ShadowState): string | undefined {
  const { t, list } = voice;
  const parts: string[] = [];
  for (const field of SPOKEN_FIELDS) {
    const value = field in state ? spokenValue(voice, field, state[field]) : undefined;
    if (value !== undefined) parts.push(t(`status.field.${field}`, { value }));
  }
  const others = Object.keys(state).length - parts.length;
  if (parts.length === 0 && others === 0) return undefined;
  if (others > 0) parts.push(t('status.otherValues', { count: others }));
  return list(parts);
}

export function stationStatusHandlers({
  shadows,
  catalog,
  now,
  voiceOf,
}: Pick<SkillDependencies, 'shadows' | 'catalog' | 'now' | 'voiceOf'>): RequestHandler[] {
  const StationStatus: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.StationStatus),
    async handle(input) {
      const voice = voiceOf(input);
      const { t } = voice;
      const choice = chooseStation(input, voice, catalog);
      if (!choice.station) return answer(input, voice, { question: choice.question });
      const { station, name } = choice;

      const shadow = await shadows.stationShadow(station.id);
      const reported = shadow && describeState(voice, shadow.reported);
      if (!shadow || !reported) {
        return answer(input, voice, {
          sentences: [t('status.neverReported', { station: name })],
          card: 'cards.status',
        });
      }
      const lastReport = shadow.reportedAt
        ? t('status.reported', {
            station: name,
            age: voice.age(now() - shadow.reportedAt.getTime()),
            time: voice.clock(shadow.reportedAt.getTime(), station.timeZone),
          })
        : t('status.reportedNoTime', { station: name });
      const pending = describeState(voice, shadow.delta);
      const sentences = [
        lastReport,
        t('status.values', { list: reported }),
        pending ? t('status.pending', { list: pending }) : t('status.nothingPending'),
      ];
      return answer(input, voice, { sentences, card: 'cards.status' });
    },
  };
  return [StationStatus];
}
