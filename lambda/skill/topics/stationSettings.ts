/** Changing a station's desired state: allow-listed values only, confirmed by the user first. */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { IntentRequest, Response } from 'ask-sdk-model';
import { Intent, Slot } from '../../../domain/names';
import { LIGHT_STATES, type LightState } from '../../../domain/vocabulary';
import type { Station } from '../../../domain/catalog';
import {
  REPORTING_INTERVALS_SECONDS,
  isAllowedReportingInterval,
  type DesiredChange,
} from '../../../domain/settings';
import { answer } from '../answer';
import { conversationOf, type Conversation } from '../conversation';
import { durationSeconds } from '../durations';
import { rawSlotValue, readSlot } from '../slots';
import { isIntent } from './requests';
import { chooseStation } from './stationSlot';

interface Words {
  readonly confirm: string;
  readonly requested: string;
  readonly already: string;
}

/** Asks again for one slot of this intent, so the answer comes back to the same handler. */
function askForSlot(
  input: HandlerInput,
  conversation: Conversation,
  slot: string,
  question: string,
): Response {
  const intent = (input.requestEnvelope.request as IntentRequest).intent;
  input.responseBuilder.addElicitSlotDirective(slot, intent);
  return answer(input, conversation, { sentences: [], question });
}

/**
 * The dialogue every change follows: ask to confirm (Dialog.ConfirmIntent, with the station and
 * value resolved), write only once confirmed, and say honestly whether the station has it yet.
 */
async function confirmThenChange(
  input: HandlerInput,
  conversation: Conversation,
  station: Station,
  change: DesiredChange,
  words: Words,
): Promise<Response> {
  const { t, services } = conversation;
  const request = input.requestEnvelope.request as IntentRequest;
  const name = station.names[conversation.locale].name;
  switch (request.intent.confirmationStatus) {
    case 'DENIED':
      return answer(input, conversation, { sentences: [t('settings.denied', { station: name })] });
    case 'CONFIRMED': {
      const result = await services.shadows.requestDesiredChange(station.id, change);
      const sentence = result.alreadyReported ? words.already : words.requested;
      return answer(input, conversation, { sentences: [sentence], card: 'cards.settings' });
    }
    default:
      input.responseBuilder.addConfirmIntentDirective(request.intent);
      return answer(input, conversation, { sentences: [], question: words.confirm });
  }
}

export const SetStationLightHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.SetStationLight),
  async handle(input) {
    const conversation = conversationOf(input);
    const { t } = conversation;
    const choice = chooseStation(input, conversation);
    if (!choice.station) return askForSlot(input, conversation, Slot.Station, choice.question);
    const { station, name } = choice;

    const slot = readSlot(input, Slot.LightState);
    if (slot.status !== 'match' || !(LIGHT_STATES as readonly string[]).includes(slot.id)) {
      return askForSlot(
        input,
        conversation,
        Slot.LightState,
        t('settings.missingLight', { station: name }),
      );
    }
    const light = slot.id as LightState;
    const state = conversation.said('lightStates', light);
    return confirmThenChange(
      input,
      conversation,
      station,
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

export const SetReportingIntervalHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.SetReportingInterval),
  async handle(input) {
    const conversation = conversationOf(input);
    const { t } = conversation;
    const choice = chooseStation(input, conversation);
    if (!choice.station) return askForSlot(input, conversation, Slot.Station, choice.question);
    const { station, name } = choice;

    const allowed = conversation.list(
      REPORTING_INTERVALS_SECONDS.map((s) => conversation.every(s)),
      'disjunction',
    );
    const spoken = rawSlotValue(input, Slot.Interval);
    if (spoken === undefined) {
      return askForSlot(
        input,
        conversation,
        Slot.Interval,
        t('settings.missingInterval', { station: name, list: allowed }),
      );
    }
    const seconds = durationSeconds(spoken);
    if (seconds === undefined || !isAllowedReportingInterval(seconds)) {
      return askForSlot(
        input,
        conversation,
        Slot.Interval,
        t('settings.intervalNotAllowed', { station: name, list: allowed }),
      );
    }
    const interval = conversation.every(seconds);
    return confirmThenChange(
      input,
      conversation,
      station,
      { reportingIntervalSeconds: seconds },
      {
        confirm: t('settings.confirmInterval', { station: name, interval }),
        requested: t('settings.intervalRequested', { station: name, interval }),
        already: t('settings.intervalAlready', { station: name, interval }),
      },
    );
  },
};
