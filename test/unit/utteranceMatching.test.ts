/** Natural phrasings in each locale reach the right intent and slot ids when the local NLU, trained from the generated model, hears them. */
import type { Locale } from '../../domain/locales';
import { Intent, Slot, type IntentName, type SlotName } from '../../domain/names';
import { stationCatalog } from '../../domain/catalog';
import type { Understanding } from '../../local/nlu';
import { projectNlu, resolvedIdOf, slotOf } from '../support/nluModels';

function stationId(englishName: string): string {
  const station = stationCatalog.byName('en-US', englishName);
  if (station === undefined) throw new Error(`no station called ${englishName}`);
  return station.id;
}

async function understand(locale: Locale, phrase: string): Promise<Understanding> {
  return (await projectNlu(locale)).understand(phrase);
}

interface Expectation {
  readonly phrase: string;
  readonly intent: IntentName;
  /** Resolution ids of custom slots. */
  readonly ids?: Partial<Record<SlotName, string>>;
  /** Values of built-in slots, as Alexa sends them (ISO 8601 for durations). */
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
      values: { duration: 'PT10M' },
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
      values: { interval: 'PT5M' },
    },
    {
      phrase: 'make seattle report every thirty seconds',
      intent: Intent.SetReportingInterval,
      ids: { station: SEATTLE },
      values: { interval: 'PT30S' },
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
      values: { interval: 'PT2M' },
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
      values: { duration: 'PT10M' },
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
      values: { interval: 'PT10M' },
    },
    {
      phrase: 'die Station Hafenstation soll sich alle fünf Minuten melden',
      intent: Intent.SetReportingInterval,
      ids: { station: SEATTLE },
      values: { interval: 'PT5M' },
    },
  ],
};

describe.each(Object.keys(EXPECTATIONS) as Locale[])('in %s, the local NLU', (locale) => {
  it.each(EXPECTATIONS[locale].map((expectation) => [expectation.phrase, expectation] as const))(
    'hears "%s" as the intended request',
    async (_phrase, expectation) => {
      const understood = await understand(locale, expectation.phrase);
      expect(understood.intent.name).toBe(expectation.intent);
      for (const [slot, id] of Object.entries(expectation.ids ?? {})) {
        expect({ slot, id: resolvedIdOf(understood, slot) }).toEqual({ slot, id });
      }
      for (const [slot, value] of Object.entries(expectation.values ?? {})) {
        expect({ slot, value: slotOf(understood, slot)?.value }).toEqual({ slot, value });
      }
    },
  );
});

describe('the local NLU', () => {
  it('sends a phrase outside the model to AMAZON.FallbackIntent', async () => {
    expect((await understand('en-US', 'play some relaxing music')).intent.name).toBe(
      Intent.Fallback,
    );
  });

  it('leaves the slots a phrase does not say empty', async () => {
    const understood = await understand('en-US', 'turn the light on');
    expect(understood.intent.name).toBe(Intent.SetStationLight);
    expect(slotOf(understood, Slot.Station)?.value).toBeUndefined();
  });
});
