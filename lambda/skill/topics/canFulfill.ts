/** CanFulfillIntentRequest: whether Pulse could answer, judged from the request alone, no side effects. */
import { getRequest, type RequestHandler } from 'ask-sdk-core';
import type { Slot as AlexaSlot, canfulfill } from 'ask-sdk-model';
import type { StationCatalog } from '../../../domain/catalog';
import type { Locale } from '../../../domain/locales';
import { IntentSlots, Slot, SlotType, type CustomIntentName } from '../../../domain/names';
import { isAllowedReportingInterval } from '../../../domain/settings';
import {
  isLightState,
  isOperatingSystem,
  isQuadrant,
  isSensorType,
} from '../../../domain/vocabulary';
import { answer } from '../answer';
import { durationSeconds } from '../../../domain/durations';
import { isRequestType } from '../request/requests';
import { readSlotValue } from '../request/slots';
import type { SkillDependencies } from '../services';

/** Whether a slot value means something to Pulse, by the slot's type. */
function understands(
  catalog: StationCatalog,
  locale: Locale,
  type: string,
  slot: AlexaSlot,
): boolean {
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
      return isLightState(id);
    case SlotType.Station:
      return Boolean((id && catalog.byId(id)) ?? catalog.byName(locale, value));
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

export function canFulfillHandlers({
  catalog,
  voiceOf,
}: Pick<SkillDependencies, 'catalog' | 'voiceOf'>): RequestHandler[] {
  const CanFulfillIntent: RequestHandler = {
    canHandle: (input) => isRequestType(input, 'CanFulfillIntentRequest'),
    handle(input) {
      const voice = voiceOf(input);
      const { intent } = getRequest<canfulfill.CanFulfillIntentRequest>(input.requestEnvelope);
      if (!isCustomIntent(intent.name)) {
        return answer(input, voice, { canFulfill: { canFulfill: 'NO' } });
      }
      const slotTypes: Readonly<Record<string, string>> = IntentSlots[intent.name];
      const slots: Record<string, canfulfill.CanFulfillSlot> = {};
      for (const [name, slot] of Object.entries<AlexaSlot>(intent.slots ?? {})) {
        if (!slot.value) continue;
        const type = slotTypes[name];
        let understood = type !== undefined && understands(catalog, voice.locale, type, slot);
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
      return answer(input, voice, { canFulfill: { canFulfill, slots } });
    },
  };
  return [CanFulfillIntent];
}
