/**
 * Alerts by voice: set one (confirmed, and the notifications permission asked for when the user
 * has not granted it), list them, delete a station's or all; the voice permission's outcome
 * (Connections.Response) and the subscription event Alexa sends when a user turns Pulse's
 * notifications on or off (AlexaSkillEvent.ProactiveSubscriptionChanged).
 */
import { getRequest, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import type { IntentRequest, Response, events } from 'ask-sdk-model';
import { NOTIFICATIONS_PERMISSION } from '../../../domain/notifications';
import { Intent, Slot, type SlotName } from '../../../domain/names';
import {
  isAlertDirection,
  isSensorType,
  SENSOR_TYPES,
  type AlertDirection,
} from '../../../domain/vocabulary';
import { AlertLimitError, InvalidAlertError } from '../../alerts/errors';
import { sensorSubject } from '../../alerts/table';
import type { Alert, AlertSubject } from '../../alerts/types';
import { answer } from '../answer';
import { logger } from '../logger';
import { isIntent, isRequestType } from '../request/requests';
import { rawSlotValue, readSlot } from '../request/slots';
import { chooseStation } from '../request/station';
import type { SkillDependencies } from '../services';
import type { Voice } from '../voice';

/** The alert a user asked for, before it is stored: what the confirmation and the permission carry. */
export interface WantedAlert {
  readonly subject: AlertSubject;
  readonly direction: AlertDirection;
  readonly threshold: number;
}

/** The request type and name of voice permission consent's outcome. */
const CONNECTIONS_RESPONSE = 'Connections.Response';
const ASK_FOR = 'AskFor';
const SUBSCRIPTION_CHANGED = 'AlexaSkillEvent.ProactiveSubscriptionChanged';

/** The wanted alert as the permission request's token: Alexa hands it back in the Connections.Response. */
export function alertToken(alert: WantedAlert): string {
  const { subject, direction, threshold } = alert;
  return JSON.stringify({
    alert: 1,
    ...(subject.kind === 'players'
      ? { players: true }
      : { station: subject.stationId, sensor: subject.sensor }),
    direction,
    threshold,
  });
}

/** The wanted alert a token carries, or undefined for a token Pulse did not write. */
export function alertFromToken(token: unknown): WantedAlert | undefined {
  if (typeof token !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(token);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { alert, station, sensor, players, direction, threshold } = parsed as Record<
    string,
    unknown
  >;
  if (alert !== 1 || !isAlertDirection(direction)) return undefined;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) return undefined;
  if (players === true) return { subject: { kind: 'players' }, direction, threshold };
  if (typeof station !== 'string' || !isSensorType(sensor)) return undefined;
  return { subject: sensorSubject(station, sensor), direction, threshold };
}

/** The Alexa user of a request: whose alerts these are, and whom a notification goes to. */
function userIdOf(input: HandlerInput): string {
  return input.requestEnvelope.context.System.user.userId;
}

/** Whether the request says the user granted the notifications permission (newer requests list scopes). */
function scopeStatus(input: HandlerInput): string | undefined {
  const scopes = input.requestEnvelope.context.System.user.permissions?.scopes as
    Record<string, { status?: string } | undefined> | undefined;
  return scopes?.[NOTIFICATIONS_PERMISSION]?.status;
}

export function alertsHandlers({
  alerts,
  catalog,
  voiceOf,
}: Pick<SkillDependencies, 'alerts' | 'catalog' | 'voiceOf'>): RequestHandler[] {
  /** "the temperature at Berlin Central", "the number of players". */
  const subjectWords = (voice: Voice, subject: AlertSubject): string => {
    if (subject.kind === 'players') return voice.t('alerts.playersSubject');
    const station = catalog.byId(subject.stationId);
    return voice.t('alerts.sensorSubject', {
      the: voice.t(`sensors.type.${subject.sensor}.the`),
      station: station ? station.names[voice.locale].name : subject.stationId,
    });
  };

  /** "20 degrees Celsius", "100" (players). */
  const thresholdWords = (voice: Voice, subject: AlertSubject, threshold: number): string => {
    const value = voice.number(threshold, 2);
    return subject.kind === 'players'
      ? value
      : `${value} ${voice.t(`sensors.type.${subject.sensor}.unit`)}`;
  };

  /** "the temperature at Berlin Central goes above 20 degrees Celsius". */
  const ruleWords = (voice: Voice, alert: WantedAlert): string =>
    voice.t(`alerts.rule.${alert.direction}`, {
      what: subjectWords(voice, alert.subject),
      threshold: thresholdWords(voice, alert.subject, alert.threshold),
    });

  /** Whether Pulse may notify the user: the request's scopes say so, or the user's subscription does. */
  const mayNotify = async (input: HandlerInput): Promise<boolean> => {
    if (scopeStatus(input) === 'GRANTED') return true;
    const subscription = await alerts.subscription(userIdOf(input));
    return subscription !== undefined && subscription.events.length > 0;
  };

  /** Stores the alert and says it back: what, where, which way, which threshold. */
  const store = async (
    input: HandlerInput,
    voice: Voice,
    wanted: WantedAlert,
  ): Promise<Response> => {
    try {
      const { alert, created } = await alerts.create({
        userId: userIdOf(input),
        ...wanted,
        locale: voice.locale,
      });
      const rule = ruleWords(voice, alert);
      return answer(input, voice, {
        sentences: [voice.t(created ? 'alerts.set' : 'alerts.already', { rule })],
        card: 'cards.alerts',
      });
    } catch (error) {
      if (error instanceof AlertLimitError)
        return answer(input, voice, {
          sentences: [voice.t('alerts.limit', { n: voice.number(error.limit) })],
        });
      if (error instanceof InvalidAlertError) {
        logger.warn('alert refused', { problems: error.problems });
        // The one problem a user can say (the rest are caught before): fewer than no players.
        const sentence =
          wanted.subject.kind === 'players' && wanted.threshold < 0
            ? voice.t('alerts.invalid', { reason: voice.t('alerts.negativePlayers') })
            : voice.t('errors.generic');
        return answer(input, voice, { sentences: [sentence] });
      }
      throw error;
    }
  };

  /** Asks again for one slot of SetAlertIntent, so that the answer comes back to it. */
  const askFor = (input: HandlerInput, voice: Voice, slot: SlotName, question: string) => {
    const { intent } = getRequest<IntentRequest>(input.requestEnvelope);
    return answer(input, voice, {
      question,
      directives: [{ type: 'Dialog.ElicitSlot', slot, intent }],
    });
  };

  /** The alert the request asks for, or the question for what it lacks. */
  const wantedOf = (
    input: HandlerInput,
    voice: Voice,
  ): { wanted: WantedAlert } | { slot: SlotName; question: string } => {
    const { t } = voice;
    const subjectSlot = readSlot(input, Slot.Subject);
    const sensorSlot = readSlot(input, Slot.Sensor);
    let subject: AlertSubject;
    if (
      sensorSlot.status === 'empty' &&
      subjectSlot.status === 'match' &&
      subjectSlot.id === 'players'
    ) {
      subject = { kind: 'players' };
    } else if (sensorSlot.status === 'match' && isSensorType(sensorSlot.id)) {
      const choice = chooseStation(input, voice, catalog);
      if (!choice.station) return { slot: Slot.Station, question: choice.question };
      if (catalog.sensorsOfType(choice.station, sensorSlot.id).length === 0) {
        const measured = [...new Set(choice.station.sensors.map((s) => s.type))];
        const list = voice.list(measured.map((type) => voice.said('sensorTypes', type)));
        return {
          slot: Slot.Sensor,
          question: `${t('sensors.notMeasured', {
            station: choice.name,
            name: voice.said('sensorTypes', sensorSlot.id),
            list,
          })} ${t('sensors.missingSensor', { list })}`,
        };
      }
      subject = sensorSubject(choice.station.id, sensorSlot.id);
    } else if (sensorSlot.status !== 'empty') {
      const list = voice.list(SENSOR_TYPES.map((type) => voice.said('sensorTypes', type)));
      const spoken = sensorSlot.status === 'noMatch' ? sensorSlot.spoken : '';
      return { slot: Slot.Sensor, question: t('sensors.unknownSensor', { spoken, list }) };
    } else {
      return { slot: Slot.Sensor, question: t('alerts.missingSubject') };
    }
    const what = subjectWords(voice, subject);
    const directionSlot = readSlot(input, Slot.Direction);
    if (directionSlot.status !== 'match' || !isAlertDirection(directionSlot.id))
      return { slot: Slot.Direction, question: t('alerts.missingDirection', { what }) };
    const spoken = rawSlotValue(input, Slot.Threshold);
    const threshold = spoken === undefined ? Number.NaN : Number(spoken);
    if (!Number.isFinite(threshold))
      return { slot: Slot.Threshold, question: t('alerts.missingThreshold', { what }) };
    return { wanted: { subject, direction: directionSlot.id, threshold } };
  };

  const SetAlert: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.SetAlert),
    async handle(input) {
      const voice = voiceOf(input);
      const asked = wantedOf(input, voice);
      if ('question' in asked) return askFor(input, voice, asked.slot, asked.question);
      const { wanted } = asked;
      const request = getRequest<IntentRequest>(input.requestEnvelope);
      switch (request.intent.confirmationStatus) {
        case 'DENIED':
          return answer(input, voice, { sentences: [voice.t('alerts.denied')] });
        case 'CONFIRMED':
          // Confirmed; an alert the user cannot be told about waits for the permission first.
          if (!(await mayNotify(input)))
            return answer(input, voice, {
              directives: [
                {
                  type: 'AskForPermission',
                  permission: NOTIFICATIONS_PERMISSION,
                  token: alertToken(wanted),
                },
              ],
            });
          return store(input, voice, wanted);
        default:
          return answer(input, voice, {
            question: voice.t('alerts.confirm', { rule: ruleWords(voice, wanted) }),
            directives: [{ type: 'Dialog.ConfirmIntent', intent: request.intent }],
          });
      }
    },
  };

  /** What Alexa sends back after asking the user for the notifications permission. */
  const PermissionResponse: RequestHandler = {
    canHandle: (input) => {
      if (!isRequestType(input, CONNECTIONS_RESPONSE)) return false;
      const request = input.requestEnvelope.request as { name?: unknown };
      return request.name === ASK_FOR;
    },
    async handle(input) {
      const voice = voiceOf(input);
      const request = input.requestEnvelope.request as {
        status?: { code?: string; message?: string };
        payload?: { status?: string; permissionScope?: string };
        token?: string;
      };
      const wanted = alertFromToken(request.token);
      const accepted = request.status?.code === '200' && request.payload?.status === 'ACCEPTED';
      if (accepted && wanted) return store(input, voice, wanted);
      const failed = request.status?.code !== '200';
      if (failed)
        logger.warn('voice permission request failed', {
          status: request.status?.code,
          message: request.status?.message,
        });
      return answer(input, voice, {
        sentences: [voice.t(failed ? 'alerts.permissionFailed' : 'alerts.permissionDenied')],
        permissionsCard: [NOTIFICATIONS_PERMISSION],
        endSession: true,
      });
    },
  };

  const ListAlerts: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.ListAlerts),
    async handle(input) {
      const voice = voiceOf(input);
      const { t, number } = voice;
      const [list, notify] = await Promise.all([
        alerts.listForUser(userIdOf(input)),
        mayNotify(input),
      ]);
      if (list.length === 0)
        return answer(input, voice, { sentences: [t('alerts.none')], card: 'cards.alerts' });
      const sentences = [t('alerts.count', { count: list.length, n: number(list.length) })];
      for (const alert of list) {
        sentences.push(t('alerts.item', { rule: ruleWords(voice, alert) }));
        sentences.push(...firingSentences(voice, alert));
      }
      if (!notify) sentences.push(t('alerts.notificationsOff'));
      return answer(input, voice, { sentences, card: 'cards.alerts' });
    },
  };

  /** For a firing alert: the station and the reading that fired it, and when. */
  const firingSentences = (voice: Voice, alert: Alert): string[] => {
    const fired = alert.lastFiring;
    if (alert.state !== 'firing' || !fired) return [];
    const { subject } = alert;
    if (subject.kind === 'players') {
      return [
        voice.t('alerts.firingPlayers', {
          count: fired.value,
          value: voice.number(fired.value),
          time: voice.clock(fired.windowTime),
        }),
      ];
    }
    const station = catalog.byId(subject.stationId);
    return [
      voice.t('alerts.firingSensor', {
        station: station ? station.names[voice.locale].name : subject.stationId,
        value: voice.number(fired.value, 2),
        unit: voice.t(`sensors.type.${subject.sensor}.unit`),
        time: voice.clock(fired.windowTime, station?.timeZone),
      }),
    ];
  };

  const DeleteAlert: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.DeleteAlert),
    async handle(input) {
      const voice = voiceOf(input);
      const choice = chooseStation(input, voice, catalog);
      if (!choice.station) {
        const { intent } = getRequest<IntentRequest>(input.requestEnvelope);
        return answer(input, voice, {
          question: choice.question,
          directives: [{ type: 'Dialog.ElicitSlot', slot: Slot.Station, intent }],
        });
      }
      const deleted = await alerts.deleteForStation(userIdOf(input), choice.station.id);
      const sentence =
        deleted.length === 0
          ? voice.t('alerts.noneForStation', { station: choice.name })
          : voice.t('alerts.deleted', {
              station: choice.name,
              count: deleted.length,
              n: voice.number(deleted.length),
            });
      return answer(input, voice, { sentences: [sentence], card: 'cards.alerts' });
    },
  };

  const DeleteAllAlerts: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.DeleteAllAlerts),
    async handle(input) {
      const voice = voiceOf(input);
      const { t, number } = voice;
      const request = getRequest<IntentRequest>(input.requestEnvelope);
      const userId = userIdOf(input);
      switch (request.intent.confirmationStatus) {
        case 'DENIED':
          return answer(input, voice, { sentences: [t('alerts.keptAll')] });
        case 'CONFIRMED': {
          const deleted = await alerts.deleteAll(userId);
          const sentence =
            deleted.length === 0
              ? t('alerts.none')
              : t('alerts.deletedAll', { count: deleted.length, n: number(deleted.length) });
          return answer(input, voice, { sentences: [sentence], card: 'cards.alerts' });
        }
        default: {
          const list = await alerts.listForUser(userId);
          if (list.length === 0)
            return answer(input, voice, { sentences: [t('alerts.none')], card: 'cards.alerts' });
          return answer(input, voice, {
            question: t('alerts.confirmDeleteAll', { count: list.length, n: number(list.length) }),
            directives: [{ type: 'Dialog.ConfirmIntent', intent: request.intent }],
          });
        }
      }
    },
  };

  /**
   * A user turned Pulse's notifications on or off in the Alexa app (or by voice consent). Alexa
   * sends the events the user now subscribes to in `body.subscriptions`; none (or no body) means
   * off. The skill keeps them with the user's alerts; nothing is said (skill events take no speech).
   */
  const SubscriptionChanged: RequestHandler = {
    canHandle: (input) => isRequestType(input, SUBSCRIPTION_CHANGED),
    async handle(input) {
      const request = input.requestEnvelope
        .request as events.skillevents.ProactiveSubscriptionChangedRequest;
      const subscriptions = request.body?.subscriptions ?? [];
      const names = subscriptions
        .map((subscription) => subscription.eventName)
        .filter((name): name is string => typeof name === 'string' && name !== '');
      await alerts.setSubscription(userIdOf(input), names);
      logger.info('notification subscription changed', { events: names });
      return input.responseBuilder.getResponse();
    },
  };

  return [
    SetAlert,
    PermissionResponse,
    ListAlerts,
    DeleteAlert,
    DeleteAllAlerts,
    SubscriptionChanged,
  ];
}
