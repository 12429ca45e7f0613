/** A small real ask-sdk-core skill for the simulated Echo's tests: station lights and reporting intervals, changed only once confirmed. */
import {
  getDialogState,
  getLocale,
  getRequestType,
  getSlot,
  SkillBuilders,
  type HandlerInput,
  type RequestHandler,
} from 'ask-sdk-core';
import type {
  IntentRequest,
  RequestEnvelope,
  Response,
  ResponseEnvelope,
  SessionEndedRequest,
} from 'ask-sdk-model';

const ENGLISH = {
  welcome: 'Welcome to Live Pulse. What would you like to know?',
  whatNext: 'What would you like to know?',
  whichStation: 'Which station?',
  whichState: 'Should I switch the light at {station} on or off?',
  confirmOn: 'Shall I switch the light at {station} on?',
  confirmOff: 'Shall I switch the light at {station} off?',
  switched: 'OK, the light at {station} is switching {state}.',
  unchanged: "OK, I won't change anything at {station}.",
  intervalSet: '{station} now reports every {interval}.',
  intervalUnchanged: 'OK, the reporting interval at {station} stays as it is.',
  didYouMean: 'Did you mean {station}?',
  whichThen: 'Which station then?',
  status: 'The light at {station} is {state}.',
  noStatus: '{station} has no light setting yet.',
  players: 'There are 42 players online. Do you want the trend too?',
  trend: 'The player count is up twelve percent.',
  noTrend: 'OK, no trend.',
  help: 'You can ask how many players are online, or switch a station light.',
  bye: 'Goodbye.',
  fallback: "Sorry, I can't help with that. What would you like to know?",
  on: 'on',
  off: 'off',
};

type Words = typeof ENGLISH;

const GERMAN: Words = {
  ...ENGLISH,
  welcome: 'Willkommen bei Live Puls. Was möchtest du wissen?',
  whatNext: 'Was möchtest du wissen?',
  whichStation: 'Welche Station?',
  whichState: 'Soll ich das Licht in {station} an- oder ausschalten?',
  confirmOn: 'Soll ich das Licht in {station} einschalten?',
  confirmOff: 'Soll ich das Licht in {station} ausschalten?',
  switched: 'Okay, das Licht in {station} wird {state}geschaltet.',
  unchanged: 'Okay, in {station} ändere ich nichts.',
  bye: 'Tschüss.',
  fallback: 'Das kann ich leider nicht. Was möchtest du wissen?',
  on: 'ein',
  off: 'aus',
};

function words(input: HandlerInput): Words {
  return getLocale(input.requestEnvelope).startsWith('de') ? GERMAN : ENGLISH;
}

function say(template: string, values: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? '');
}

function isIntent(input: HandlerInput, ...names: string[]): boolean {
  const { request } = input.requestEnvelope;
  return request.type === 'IntentRequest' && names.includes(request.intent.name);
}

/** The station a slot resolved to: its id and canonical name. */
function resolvedStation(
  input: HandlerInput,
): { id: string; name: string; said: string } | undefined {
  const slot = getSlot(input.requestEnvelope, 'station');
  const match = slot?.resolutions?.resolutionsPerAuthority?.find(
    (r) => r.status.code === 'ER_SUCCESS_MATCH',
  );
  const value = match?.values?.[0]?.value;
  return value && slot?.value ? { id: value.id, name: value.name, said: slot.value } : undefined;
}

function resolvedId(input: HandlerInput, slotName: string): string | undefined {
  const slot = getSlot(input.requestEnvelope, slotName);
  return slot?.resolutions?.resolutionsPerAuthority?.find(
    (r) => r.status.code === 'ER_SUCCESS_MATCH',
  )?.values?.[0]?.value.id;
}

/** What the skill remembers per Alexa user (as Pulse keeps it in DynamoDB), and what it was told. */
export class StationStore {
  readonly settings = new Map<string, Map<string, { light?: string; interval?: string }>>();
  readonly ended: SessionEndedRequest[] = [];
  readonly requests: RequestEnvelope[] = [];

  of(userId: string, station: string): { light?: string; interval?: string } {
    const user =
      this.settings.get(userId) ?? new Map<string, { light?: string; interval?: string }>();
    this.settings.set(userId, user);
    const setting = user.get(station) ?? {};
    user.set(station, setting);
    return setting;
  }
}

export function stationSkill(
  store: StationStore,
  skillId: string,
): (envelope: RequestEnvelope) => Promise<ResponseEnvelope> {
  const userOf = (input: HandlerInput): string => input.requestEnvelope.context.System.user.userId;

  const launch: RequestHandler = {
    canHandle: (input) => getRequestType(input.requestEnvelope) === 'LaunchRequest',
    handle: (input) =>
      input.responseBuilder
        .speak(words(input).welcome)
        .reprompt(words(input).whatNext)
        .getResponse(),
  };

  const setLight: RequestHandler = {
    canHandle: (input) => isIntent(input, 'SetStationLightIntent'),
    handle(input): Response {
      const w = words(input);
      const request = input.requestEnvelope.request as IntentRequest;
      const station = resolvedStation(input);
      if (!station) {
        return input.responseBuilder
          .speak(w.whichStation)
          .reprompt(w.whichStation)
          .addElicitSlotDirective('station')
          .getResponse();
      }
      const state = resolvedId(input, 'lightState');
      if (state !== 'on' && state !== 'off') {
        const question = say(w.whichState, { station: station.name });
        return input.responseBuilder
          .speak(question)
          .reprompt(question)
          .addElicitSlotDirective('lightState')
          .getResponse();
      }
      switch (request.intent.confirmationStatus) {
        case 'CONFIRMED':
          store.of(userOf(input), station.id).light = state;
          return input.responseBuilder
            .speak(say(w.switched, { station: station.name, state: w[state] }))
            .getResponse();
        case 'DENIED':
          return input.responseBuilder
            .speak(say(w.unchanged, { station: station.name }))
            .getResponse();
        default: {
          const question = say(state === 'on' ? w.confirmOn : w.confirmOff, {
            station: station.name,
          });
          return input.responseBuilder
            .speak(question)
            .reprompt(question)
            .addConfirmIntentDirective()
            .getResponse();
        }
      }
    },
  };

  // Leaves the whole dialog to Alexa's dialog model (Dialog.Delegate) and acts on the completed intent.
  const setInterval: RequestHandler = {
    canHandle: (input) => isIntent(input, 'SetReportingIntervalIntent'),
    handle(input): Response {
      const request = input.requestEnvelope.request as IntentRequest;
      if (getDialogState(input.requestEnvelope) !== 'COMPLETED')
        return input.responseBuilder.addDelegateDirective().getResponse();
      const w = words(input);
      const station = resolvedStation(input);
      const interval = getSlot(input.requestEnvelope, 'interval')?.value ?? '';
      const name = station?.name ?? '';
      if (request.intent.confirmationStatus === 'DENIED')
        return input.responseBuilder
          .speak(say(w.intervalUnchanged, { station: name }))
          .getResponse();
      if (station) store.of(userOf(input), station.id).interval = interval;
      return input.responseBuilder
        .speak(say(w.intervalSet, { station: name, interval }))
        .getResponse();
    },
  };

  // Confirms a station said by a short name (Dialog.ConfirmSlot), asks again when denied.
  const status: RequestHandler = {
    canHandle: (input) => isIntent(input, 'StationStatusIntent'),
    handle(input): Response {
      const w = words(input);
      const station = resolvedStation(input);
      if (!station)
        return input.responseBuilder
          .speak(w.whichStation)
          .addElicitSlotDirective('station')
          .getResponse();
      const slot = getSlot(input.requestEnvelope, 'station');
      if (slot?.confirmationStatus === 'DENIED') {
        return input.responseBuilder
          .speak(w.whichThen)
          .reprompt(w.whichThen)
          .addElicitSlotDirective('station')
          .getResponse();
      }
      if (
        getDialogState(input.requestEnvelope) === 'STARTED' &&
        station.said.toLowerCase() !== station.name.toLowerCase()
      ) {
        const question = say(w.didYouMean, { station: station.name });
        return input.responseBuilder
          .speak(question)
          .reprompt(question)
          .addConfirmSlotDirective('station')
          .getResponse();
      }
      const light = store.of(userOf(input), station.id).light;
      const answer = light
        ? say(w.status, {
            station: station.name,
            state: light === 'on' || light === 'off' ? w[light] : light,
          })
        : say(w.noStatus, { station: station.name });
      return input.responseBuilder.speak(answer).reprompt(w.whatNext).getResponse();
    },
  };

  // Asks its own yes/no question and remembers it in the session.
  const players: RequestHandler = {
    canHandle: (input) => isIntent(input, 'PlayersOnlineIntent'),
    handle(input): Response {
      input.attributesManager.setSessionAttributes({
        ...input.attributesManager.getSessionAttributes(),
        question: 'trend',
      });
      return input.responseBuilder
        .speak(words(input).players)
        .reprompt(words(input).players)
        .getResponse();
    },
  };

  const yesNo: RequestHandler = {
    canHandle: (input) => isIntent(input, 'AMAZON.YesIntent', 'AMAZON.NoIntent'),
    handle(input): Response {
      const attributes = input.attributesManager.getSessionAttributes();
      const asked = attributes.question === 'trend';
      input.attributesManager.setSessionAttributes({ ...attributes, question: undefined });
      if (!asked)
        return input.responseBuilder
          .speak(words(input).fallback)
          .reprompt(words(input).whatNext)
          .getResponse();
      const yes = isIntent(input, 'AMAZON.YesIntent');
      return input.responseBuilder
        .speak(yes ? words(input).trend : words(input).noTrend)
        .reprompt(words(input).whatNext)
        .getResponse();
    },
  };

  const help: RequestHandler = {
    canHandle: (input) => isIntent(input, 'AMAZON.HelpIntent'),
    handle: (input) =>
      input.responseBuilder.speak(words(input).help).reprompt(words(input).whatNext).getResponse(),
  };

  const stop: RequestHandler = {
    canHandle: (input) => isIntent(input, 'AMAZON.StopIntent', 'AMAZON.CancelIntent'),
    handle: (input) =>
      input.responseBuilder.speak(words(input).bye).withShouldEndSession(true).getResponse(),
  };

  const fallback: RequestHandler = {
    canHandle: (input) => isIntent(input, 'AMAZON.FallbackIntent'),
    handle: (input) =>
      input.responseBuilder
        .speak(words(input).fallback)
        .reprompt(words(input).whatNext)
        .getResponse(),
  };

  const ended: RequestHandler = {
    canHandle: (input) => getRequestType(input.requestEnvelope) === 'SessionEndedRequest',
    handle(input): Response {
      store.ended.push(input.requestEnvelope.request as SessionEndedRequest);
      return input.responseBuilder.getResponse();
    },
  };

  const skill = SkillBuilders.custom()
    .addRequestHandlers(
      launch,
      setLight,
      setInterval,
      status,
      players,
      yesNo,
      help,
      stop,
      fallback,
      ended,
    )
    .addRequestInterceptors((input) => {
      store.requests.push(structuredClone(input.requestEnvelope));
      // Counts the turns of the session in its attributes, to see them carried from turn to turn.
      if (input.requestEnvelope.session) {
        const attributes = input.attributesManager.getSessionAttributes();
        input.attributesManager.setSessionAttributes({
          ...attributes,
          turns: Number(attributes.turns ?? 0) + 1,
        });
      }
    })
    .withSkillId(skillId)
    .create();
  return (envelope) => skill.invoke(envelope);
}
