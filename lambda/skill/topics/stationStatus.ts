/** A station's status from its shadow: what it reported, how long ago, what is still pending. */
import type { RequestHandler } from 'ask-sdk-core';
import { Intent } from '../../../domain/names';
import { isLightState } from '../../../domain/vocabulary';
import { answer } from '../answer';
import { conversationOf, type Conversation } from '../conversation';
import { isIntent } from './requests';
import { chooseStation } from './stationSlot';

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

function spokenValue(
  conversation: Conversation,
  field: SpokenField,
  value: unknown,
): string | undefined {
  const { t, number } = conversation;
  switch (field) {
    case 'light':
      return isLightState(value) ? conversation.said('lightStates', value) : undefined;
    case 'reportingIntervalSeconds':
      return typeof value === 'number' && value > 0 ? conversation.every(value) : undefined;
    case 'batteryPercent':
      return typeof value === 'number' ? number(value) : undefined;
    case 'firmware':
      return typeof value === 'string' && value !== '' ? value : undefined;
    case 'online':
      return typeof value === 'boolean' ? t(`status.online.${value}`) : undefined;
  }
}

/** "the light on, a reading every minute and 2 more values": known fields said, others counted. */
export function describeState(conversation: Conversation, state: ShadowState): string | undefined {
  const { t, list } = conversation;
  const parts: string[] = [];
  for (const field of SPOKEN_FIELDS) {
    const value = field in state ? spokenValue(conversation, field, state[field]) : undefined;
    if (value !== undefined) parts.push(t(`status.field.${field}`, { value }));
  }
  const others = Object.keys(state).length - parts.length;
  if (parts.length === 0 && others === 0) return undefined;
  if (others > 0) parts.push(t('status.otherValues', { count: others }));
  return list(parts);
}

export const StationStatusHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.StationStatus),
  async handle(input) {
    const conversation = conversationOf(input);
    const { t, services } = conversation;
    const choice = chooseStation(input, conversation);
    if (!choice.station)
      return answer(input, conversation, { sentences: [], question: choice.question });
    const { station, name } = choice;

    const shadow = await services.shadows.stationShadow(station.id);
    const reported = shadow && describeState(conversation, shadow.reported);
    if (!shadow || !reported) {
      return answer(input, conversation, {
        sentences: [t('status.neverReported', { station: name })],
        card: 'cards.status',
      });
    }
    const sentences = [
      shadow.reportedAt
        ? t('status.reported', {
            station: name,
            age: conversation.age(services.now() - shadow.reportedAt.getTime()),
            time: conversation.clock(shadow.reportedAt.getTime(), station.timeZone),
          })
        : t('status.reportedNoTime', { station: name }),
      t('status.values', { list: reported }),
    ];
    const pending = describeState(conversation, shadow.delta);
    sentences.push(pending ? t('status.pending', { list: pending }) : t('status.nothingPending'));
    return answer(input, conversation, { sentences, card: 'cards.status' });
  },
};
