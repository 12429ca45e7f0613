/** Natural phrasings in each locale reach the right intent and slot ids when the generated model runs in virtual-alexa. */
import { join } from 'node:path';
import type { IntentRequest, RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { VirtualAlexa } from 'virtual-alexa';
import { SKILL_PACKAGE_DIR } from '../../interactionModels/generate';
import type { Locale } from '../../domain/locales';
import { Intent, Slot, type IntentName, type SlotName } from '../../domain/names';
import { stationCatalog } from '../../domain/catalog';

const MINIMAL_RESPONSE: ResponseEnvelope = { version: '1.0', response: {} };

let VirtualAlexaClass: typeof VirtualAlexa;

beforeAll(async () => {
  // virtual-alexa loads aws-sdk v2, which prints an end-of-support notice on load unless told not to.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
  ({ VirtualAlexa: VirtualAlexaClass } = await import('virtual-alexa'));
});

function stationId(englishName: string): string {
  const station = stationCatalog.byName('en-US', englishName);
  if (station === undefined) throw new Error(`no station called ${englishName}`);
  return station.id;
}

/**
 * virtual-alexa's utter() takes any phrase containing "ask", "open", "launch", "tell" or "talk to" for a
 * LaunchRequest (its regex is not anchored, so German "stell" counts). Real Alexa strips the invocation
 * before it matches a request, so the tests switch that parsing off.
 */
function withoutLaunchParsing(alexa: VirtualAlexa): VirtualAlexa {
  Object.assign(alexa, { parseLaunchRequest: (): undefined => undefined });
  return alexa;
}

/** The IntentRequest the skill receives when a user says the phrase; a fresh session each time,
 * because virtual-alexa carries dialog slots over from one utterance to the next within a session. */
async function requestFor(locale: Locale, phrase: string): Promise<IntentRequest> {
  let received: RequestEnvelope | undefined;
  const alexa = VirtualAlexaClass.Builder()
    .handler(async (envelope: RequestEnvelope) => {
      received = envelope;
      return MINIMAL_RESPONSE;
    })
    .interactionModelFile(join(SKILL_PACKAGE_DIR, 'interactionModels', 'custom', `${locale}.json`))
    .locale(locale)
    .create();
  await withoutLaunchParsing(alexa).utter(phrase);
  if (received?.request.type !== 'IntentRequest') {
    throw new Error(`"${phrase}" reached the skill as ${received?.request.type ?? 'nothing'}`);
  }
  expect(received.request.locale).toBe(locale);
  return received.request;
}

function resolvedId(request: IntentRequest, slot: SlotName): string | undefined {
  return request.intent.slots?.[slot]?.resolutions?.resolutionsPerAuthority?.[0]?.values?.[0]?.value
    .id;
}

interface Expectation {
  readonly phrase: string;
  readonly intent: IntentName;
  /** Resolution ids of custom slots. */
  readonly ids?: Partial<Record<SlotName, string>>;
  /** Raw values of built-in slots, which virtual-alexa passes through unresolved. */
  readonly values?: Partial<Record<SlotName, string>>;
}

const SEATTLE = stationId('Seattle Harbor');
const PORTLAND = stationId('Portland Bridge');
const LONDON = stationId('London Docklands');
const BERLIN = stationId('Berlin Central');
const MUNICH = stationId('Munich Airport');

const EXPECTATIONS: Readonly<Record<Locale, readonly Expectation[]>> = {
  'en-US': [
    { phrase: 'how many players are online', intent: Intent.PlayersOnline },
    { phrase: 'how many people are playing right now', intent: Intent.PlayersOnline },
    { phrase: 'tell me how many players are online', intent: Intent.PlayersOnline },
    { phrase: 'how many players are on iphone', intent: Intent.PlayersByOs, ids: { os: 'ios' } },
    {
      phrase: 'how many players are on android phones',
      intent: Intent.PlayersByOs,
      ids: { os: 'android' },
    },
    {
      phrase: 'how many players use windows phone',
      intent: Intent.PlayersByOs,
      ids: { os: 'windowsPhone' },
    },
    {
      phrase: 'how many players are in quadrant bravo',
      intent: Intent.PlayersByQuadrant,
      ids: { quadrant: 'B' },
    },
    {
      phrase: 'how crowded is quadrant d',
      intent: Intent.PlayersByQuadrant,
      ids: { quadrant: 'D' },
    },
    {
      phrase: 'how has the player count changed over the last ten minutes',
      intent: Intent.PlayersTrend,
      values: { duration: 'ten minutes' },
    },
    { phrase: 'is the player count going up', intent: Intent.PlayersTrend },
    {
      phrase: "what's the wind speed at the harbor",
      intent: Intent.SensorReading,
      ids: { sensor: 'wind', station: SEATTLE },
    },
    {
      phrase: 'what did the air pressure sensor at munich airport measure',
      intent: Intent.SensorReading,
      ids: { sensor: 'pres', station: MUNICH },
    },
    { phrase: 'is berlin mitte online', intent: Intent.StationStatus, ids: { station: BERLIN } },
    {
      phrase: 'give me a status report for the docklands',
      intent: Intent.StationStatus,
      ids: { station: LONDON },
    },
    {
      phrase: 'turn the light off at the bridge',
      intent: Intent.SetStationLight,
      ids: { station: PORTLAND, lightState: 'off' },
    },
    { phrase: 'turn on the light', intent: Intent.SetStationLight, ids: { lightState: 'on' } },
    {
      phrase: 'set the reporting interval for london to five minutes',
      intent: Intent.SetReportingInterval,
      ids: { station: LONDON },
      values: { interval: 'five minutes' },
    },
    {
      phrase: 'make seattle report every thirty seconds',
      intent: Intent.SetReportingInterval,
      ids: { station: SEATTLE },
      values: { interval: 'thirty seconds' },
    },
    { phrase: 'help', intent: Intent.Help },
  ],
  'en-GB': [
    { phrase: 'how many players are online at the moment', intent: Intent.PlayersOnline },
    { phrase: 'how many apple players are there', intent: Intent.PlayersByOs, ids: { os: 'ios' } },
    {
      phrase: 'how many players are in the charlie quadrant',
      intent: Intent.PlayersByQuadrant,
      ids: { quadrant: 'C' },
    },
    {
      phrase: 'is the player count rising',
      intent: Intent.PlayersTrend,
    },
    {
      phrase: "what's the humidity like at seattle harbour",
      intent: Intent.SensorReading,
      ids: { sensor: 'hum', station: SEATTLE },
    },
    {
      phrase: 'is everything alright at the airport',
      intent: Intent.StationStatus,
      ids: { station: MUNICH },
    },
    {
      phrase: 'switch the light on at the harbour',
      intent: Intent.SetStationLight,
      ids: { station: SEATTLE, lightState: 'on' },
    },
    {
      phrase: 'have the bridge send its readings every two minutes',
      intent: Intent.SetReportingInterval,
      ids: { station: PORTLAND },
      values: { interval: 'two minutes' },
    },
  ],
  'de-DE': [
    { phrase: 'wie viele Spieler sind gerade online', intent: Intent.PlayersOnline },
    { phrase: 'wie viel ist im Spiel los', intent: Intent.PlayersOnline },
    {
      phrase: 'wie viele Spieler spielen auf dem iPhone',
      intent: Intent.PlayersByOs,
      ids: { os: 'ios' },
    },
    {
      phrase: 'wie viele Spieler nutzen andere Betriebssysteme',
      intent: Intent.PlayersByOs,
      ids: { os: 'other' },
    },
    {
      phrase: 'wie viele Spieler sind im Quadranten Cäsar',
      intent: Intent.PlayersByQuadrant,
      ids: { quadrant: 'C' },
    },
    {
      phrase: 'wie viele Spieler sind in Quadrant Bravo',
      intent: Intent.PlayersByQuadrant,
      ids: { quadrant: 'B' },
    },
    {
      phrase: 'wie hat sich die Spielerzahl in den letzten zehn Minuten entwickelt',
      intent: Intent.PlayersTrend,
      values: { duration: 'zehn Minuten' },
    },
    {
      phrase: 'wie hoch ist die Luftfeuchtigkeit in München',
      intent: Intent.SensorReading,
      ids: { sensor: 'hum', station: MUNICH },
    },
    {
      phrase: 'wie ist der Luftdruck an der Brücke',
      intent: Intent.SensorReading,
      ids: { sensor: 'pres', station: PORTLAND },
    },
    {
      phrase: 'welche Erschütterung wurde in Seattle gemessen',
      intent: Intent.SensorReading,
      ids: { sensor: 'vib', station: SEATTLE },
    },
    {
      phrase: 'ist am Flughafen alles in Ordnung',
      intent: Intent.StationStatus,
      ids: { station: MUNICH },
    },
    {
      phrase: 'läuft die Station Docklands',
      intent: Intent.StationStatus,
      ids: { station: LONDON },
    },
    {
      phrase: 'schalte in Berlin das Licht aus',
      intent: Intent.SetStationLight,
      ids: { station: BERLIN, lightState: 'off' },
    },
    {
      phrase: 'schalte an der Brückenstation das Licht an',
      intent: Intent.SetStationLight,
      ids: { station: PORTLAND, lightState: 'on' },
    },
    {
      phrase: 'stell das Meldeintervall am Hafen auf zehn Minuten',
      intent: Intent.SetReportingInterval,
      ids: { station: SEATTLE },
      values: { interval: 'zehn Minuten' },
    },
    {
      phrase: 'die Station Hafenstation soll sich alle fünf Minuten melden',
      intent: Intent.SetReportingInterval,
      ids: { station: SEATTLE },
      values: { interval: 'fünf Minuten' },
    },
  ],
};

describe.each(Object.keys(EXPECTATIONS) as Locale[])('in %s, virtual-alexa', (locale) => {
  it.each(EXPECTATIONS[locale].map((expectation) => [expectation.phrase, expectation] as const))(
    'hears "%s" as the intended request',
    async (_phrase, expectation) => {
      const request = await requestFor(locale, expectation.phrase);
      expect(request.intent.name).toBe(expectation.intent);
      for (const [slot, id] of Object.entries(expectation.ids ?? {})) {
        expect({ slot, id: resolvedId(request, slot as SlotName) }).toEqual({ slot, id });
      }
      for (const [slot, value] of Object.entries(expectation.values ?? {})) {
        expect({ slot, value: request.intent.slots?.[slot]?.value }).toEqual({ slot, value });
      }
    },
  );
});

describe('virtual-alexa', () => {
  it('matches no intent for a phrase outside the model: it throws where Alexa would send FallbackIntent', async () => {
    await expect(requestFor('en-US', 'play some relaxing music')).rejects.toThrow(
      'Unable to match utterance',
    );
  });

  it('starts the dialog for an intent of the dialog model, leaving unspoken slots empty', async () => {
    const request = await requestFor('en-US', 'turn the light on');
    expect(request.dialogState).toBe('STARTED');
    expect(request.intent.slots?.[Slot.Station]?.value).toBeUndefined();
  });
});
