/** Changing a station's desired state: allow-listed values only, confirmed by the user first. */
import { getRequest, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import type { IntentRequest, Response } from 'ask-sdk-model';
import { Intent, Slot, type SlotName } from '../../../domain/names';
import {
  REPORTING_INTERVALS_SECONDS,
  isAllowedReportingInterval,
  type DesiredChange,
} from '../../../domain/settings';
import { isLightState } from '../../../domain/vocabulary';
import { answer } from '../answer';
import { durationSeconds } from '../../../domain/durations';
import { isIntent } from '../request/requests';
import { rawSlotValue, readSlot } from '../request/slots';
import { chooseStation } from '../request/station';
import type { SkillDependencies } from '../services';
import type { Voice } from '../voice';

/** What a change is called at each step of its dialogue. */
interface Words {
  readonly confirm: string;
  readonly requested: string;
  readonly already: string;
}

/** What the rest of the intent asks for once the station is known: a change, or a slot to ask again. */
type Wanted =
  | { readonly change: DesiredChange; readonly words: Words }
  | { readonly ask: SlotName; readonly question: string };

/** Asks again for one slot of this intent, so the answer comes back to the same handler. */
function askAgain(input: HandlerInput, voice: Voice, slot: SlotName, question: string): Response {
  const { intent } = getRequest<IntentRequest>(input.requestEnvelope);
  return answer(input, voice, {
    question,
    directives: [{ type: 'Dialog.ElicitSlot', slot, intent }],
  });
}

export function stationSettingsHandlers({
  shadows,
  catalog,
  voiceOf,
}: Pick<SkillDependencies, 'shadows' | 'catalog' | 'voiceOf'>): RequestHandler[] {
  /**
   * The dialogue every change follows: which station, what change (asking again for a slot that
   * does not say), confirm it (Dialog.ConfirmIntent, with the station and value resolved), write
   * only once confirmed, and say honestly whether the station has it yet.
   */
  const changeHandler = (
    intent: typeof Intent.SetStationLight | typeof Intent.SetReportingInterval,
    wanted: (input: HandlerInput, voice: Voice, station: string) => Wanted,
  ): RequestHandler => ({
    canHandle: (input) => isIntent(input, intent),
    async handle(input) {
      const voice = voiceOf(input);
      const choice = chooseStation(input, voice, catalog);
      if (!choice.station) return askAgain(input, voice, Slot.Station, choice.question);
      const want = wanted(input, voice, choice.name);
      if ('ask' in want) return askAgain(input, voice, want.ask, want.question);

      const request = getRequest<IntentRequest>(input.requestEnvelope);
      switch (request.intent.confirmationStatus) {
        case 'DENIED':
          return answer(input, voice, {
            sentences: [voice.t('settings.denied', { station: choice.name })],
          });
        case 'CONFIRMED': {
          const result = await shadows.requestDesiredChange(choice.station.id, want.change);
          const sentence = result.alreadyReported ? want.words.already : want.words.requested;
          return answer(input, voice, { sentences: [sentence], card: 'cards.settings' });
        }
        default:
          return answer(input, voice, {
            question: want.words.confirm,
            directives: [{ type: 'Dialog.ConfirmIntent', intent: request.intent }],
          });
      }
    },
  });

  const SetStationLight = changeHandler(Intent.SetStationLight, (input, voice, station) => {
    const { t } = voice;
    const slot = readSlot(input, Slot.LightState);
    if (slot.status !== 'match' || !isLightState(slot.id)) {
      return { ask: Slot.LightState, question: t('settings.missingLight', { station }) };
    }
    const light = slot.id;
    const state = voice.said('lightStates', light);
    return {
      change: { light },
      words: {
        confirm: t(light === 'on' ? 'settings.confirmLightOn' : 'settings.confirmLightOff', {
          station,
        }),
        requested: t('settings.lightRequested', { station, state }),
        already: t('settings.lightAlready', { station, state }),
      },
    };
  });

  const SetReportingInterval = changeHandler(
    Intent.SetReportingInterval,
    (input, voice, station) => {
      const { t } = voice;
      const allowed = voice.list(
        REPORTING_INTERVALS_SECONDS.map((s) => voice.every(s)),
        'disjunction',
      );
      const spoken = rawSlotValue(input, Slot.Interval);
      if (spoken === undefined) {
        return {
          ask: Slot.Interval,
          question: t('settings.missingInterval', { station, list: allowed }),
        };
      }
      const seconds = durationSeconds(spoken);
      if (seconds === undefined || !isAllowedReportingInterval(seconds)) {
        return {
          ask: Slot.Interval,
          question: t('settings.intervalNotAllowed', { station, list: allowed }),
        };
      }
      const interval = voice.every(seconds);
      return {
        change: { reportingIntervalSeconds: seconds },
        words: {
          confirm: t('settings.confirmInterval', { station, interval }),
          requested: t('settings.intervalRequested', { station, interval }),
          already: t('settings.intervalAlready', { station, interval }),
        },
      };
    },
  );

  return [SetStationLight, SetReportingInterval];
}
