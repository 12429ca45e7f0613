/** Changing a station's desired state: allow-listed values only, confirmed by the user first. */
import { getRequest, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import type { IntentRequest, Response } from 'ask-sdk-model';
import type { Station } from '../../../domain/catalog';
import { Intent, Slot, type SlotName } from '../../../domain/names';
import {
  REPORTING_INTERVALS_SECONDS,
  isAllowedReportingInterval,
  type DesiredChange,
} from '../../../domain/settings';
import { isLightState } from '../../../domain/vocabulary';
import { answer } from '../answer';
import { durationSeconds } from '../durations';
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

/** Asks again for one slot of this intent, so the answer comes back to the same handler. */
function askForSlot(input: HandlerInput, voice: Voice, slot: SlotName, question: string): Response {
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
   * The dialogue every change follows: ask to confirm (Dialog.ConfirmIntent, with the station and
   * value resolved), write only once confirmed, and say honestly whether the station has it yet.
   */
  async function confirmThenChange(
    input: HandlerInput,
    voice: Voice,
    { station, name }: { readonly station: Station; readonly name: string },
    change: DesiredChange,
    words: Words,
  ): Promise<Response> {
    const { intent } = getRequest<IntentRequest>(input.requestEnvelope);
    switch (intent.confirmationStatus) {
      case 'DENIED':
        return answer(input, voice, { sentences: [voice.t('settings.denied', { station: name })] });
      case 'CONFIRMED': {
        const result = await shadows.requestDesiredChange(station.id, change);
        const sentence = result.alreadyReported ? words.already : words.requested;
        return answer(input, voice, { sentences: [sentence], card: 'cards.settings' });
      }
      default:
        return answer(input, voice, {
          question: words.confirm,
          directives: [{ type: 'Dialog.ConfirmIntent', intent }],
        });
    }
  }

  const SetStationLight: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.SetStationLight),
    async handle(input) {
      const voice = voiceOf(input);
      const { t } = voice;
      const choice = chooseStation(input, voice, catalog);
      if (!choice.station) return askForSlot(input, voice, Slot.Station, choice.question);
      const { name } = choice;

      const slot = readSlot(input, Slot.LightState);
      if (slot.status !== 'match' || !isLightState(slot.id)) {
        const question = t('settings.missingLight', { station: name });
        return askForSlot(input, voice, Slot.LightState, question);
      }
      const light = slot.id;
      const state = voice.said('lightStates', light);
      return confirmThenChange(
        input,
        voice,
        choice,
        { light },
        {
          confirm: t(light === 'on' ? 'settings.confirmLightOn' : 'settings.confirmLightOff', {
            station: name,
          }),
          requested: t('settings.lightRequested', { station: name, state }),
          already: t('settings.lightAlready', { station: name, state }),
        },
      );
    },
  };

  const SetReportingInterval: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.SetReportingInterval),
    async handle(input) {
      const voice = voiceOf(input);
      const { t } = voice;
      const choice = chooseStation(input, voice, catalog);
      if (!choice.station) return askForSlot(input, voice, Slot.Station, choice.question);
      const { name } = choice;

      const allowed = voice.list(
        REPORTING_INTERVALS_SECONDS.map((s) => voice.every(s)),
        'disjunction',
      );
      const spoken = rawSlotValue(input, Slot.Interval);
      if (spoken === undefined) {
        const question = t('settings.missingInterval', { station: name, list: allowed });
        return askForSlot(input, voice, Slot.Interval, question);
      }
      const seconds = durationSeconds(spoken);
      if (seconds === undefined || !isAllowedReportingInterval(seconds)) {
        const question = t('settings.intervalNotAllowed', { station: name, list: allowed });
        return askForSlot(input, voice, Slot.Interval, question);
      }
      const interval = voice.every(seconds);
      return confirmThenChange(
        input,
        voice,
        choice,
        { reportingIntervalSeconds: seconds },
        {
          confirm: t('settings.confirmInterval', { station: name, interval }),
          requested: t('settings.intervalRequested', { station: name, interval }),
          already: t('settings.intervalAlready', { station: name, interval }),
        },
      );
    },
  };

  return [SetStationLight, SetReportingInterval];
}
