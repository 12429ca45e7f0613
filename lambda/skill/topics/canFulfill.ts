/** CanFulfillIntentRequest: whether Pulse could answer, judged from the request alone, no side effects. */
import type { RequestHandler } from 'ask-sdk-core';
import type { Slot as AlexaSlot, canfulfill } from 'ask-sdk-model';
import { IntentSlots, Slot, SlotType, type CustomIntentName } from '../../../domain/names';
import { isAllowedReportingInterval } from '../../../domain/settings';
import {
  LIGHT_STATES,
  isOperatingSystem,
  isQuadrant,
  isSensorType,
} from '../../../domain/vocabulary';
import { conversationOf, type Conversation } from '../conversation';
import { durationSeconds } from '../durations';
import { readSlotValue } from '../slots';
import { isRequestType } from './requests';

/** Whether a slot value means something to Pulse, by the slot's type. */
function understands(conversation: Conversation, type: string, slot: AlexaSlot): boolean {
  const reading = readSlotValue(slot);
  const id = reading.status === 'match' ? reading.id : undefined;
  const value = slot.value ?? '';
  switch (type) {
    case SlotType.Os:
      return isOperatingSystem(id);
    case SlotType.Quadrant:
      return isQuadrant(id);
    case SlotType.Sensor:
      return isSensorType(id);
    case SlotType.LightState:
      return (LIGHT_STATES as readonly string[]).includes(id ?? '');
    case SlotType.Station: {
      const { catalog } = conversation.services;
      return Boolean((id && catalog.byId(id)) ?? catalog.byName(conversation.locale, value));
    }
    case SlotType.Duration:
      return durationSeconds(value) !== undefined;
    case SlotType.SearchQuery:
      // Any title can be looked for; whether a post matches is only known by looking.
      return value.trim() !== '';
    default:
      return false;
  }
}

function isCustomIntent(name: string): name is CustomIntentName {
  return Object.prototype.hasOwnProperty.call(IntentSlots, name);
}

export const CanFulfillIntentHandler: RequestHandler = {
  canHandle: (input) => isRequestType(input, 'CanFulfillIntentRequest'),
  handle(input) {
    const conversation = conversationOf(input);
    const { intent } = input.requestEnvelope.request as canfulfill.CanFulfillIntentRequest;
    if (!isCustomIntent(intent.name)) {
      return input.responseBuilder.withCanFulfillIntent({ canFulfill: 'NO' }).getResponse();
    }
    const slotTypes: Readonly<Record<string, string>> = IntentSlots[intent.name];
    const slots: Record<string, canfulfill.CanFulfillSlot> = {};
    for (const [name, slot] of Object.entries<AlexaSlot>(intent.slots ?? {})) {
      if (!slot.value) continue;
      const type = slotTypes[name];
      let understood = type !== undefined && understands(conversation, type, slot);
      // Only some intervals can be set, however well the duration itself was understood.
      if (understood && name === Slot.Interval) {
        understood = isAllowedReportingInterval(durationSeconds(slot.value) ?? 0);
      }
      slots[name] = {
        canUnderstand: understood ? 'YES' : 'NO',
        canFulfill: understood ? 'YES' : 'NO',
      };
    }
    const canFulfill = Object.values(slots).every((s) => s.canFulfill === 'YES') ? 'YES' : 'NO';
    return input.responseBuilder.withCanFulfillIntent({ canFulfill, slots }).getResponse();
  },
};
