/**
 * How each vocabulary value is named in each locale: the name Alexa resolves and its synonyms (the
 * voice model's slot values), and how Pulse says it in a sentence where that is another form.
 */
import type { Locale } from './locales';
import type {
  AlertDirection,
  AlertSubjectKind,
  LightState,
  OperatingSystem,
  Period,
  Quadrant,
  SensorType,
  Statistic,
} from './vocabulary';

export interface SpokenName {
  /** The slot value's name: what Alexa resolves and what Pulse says, unless `said` differs. */
  readonly name: string;
  readonly synonyms: readonly string[];
  /** The form a sentence needs where it is not the name (German "mit anderen Systemen"). */
  readonly said?: string;
}

export type SpokenNames<Id extends string> = Readonly<Record<Id, SpokenName>>;

export interface LocaleNames {
  readonly operatingSystems: SpokenNames<OperatingSystem>;
  readonly quadrants: SpokenNames<Quadrant>;
  readonly sensorTypes: SpokenNames<SensorType>;
  readonly lightStates: SpokenNames<LightState>;
  readonly statistics: SpokenNames<Statistic>;
  readonly alertSubjects: SpokenNames<AlertSubjectKind>;
  readonly alertDirections: SpokenNames<AlertDirection>;
  readonly periods: SpokenNames<Period>;
}

export type Vocabulary = keyof LocaleNames;

const english: LocaleNames = {
  operatingSystems: {
    android: {
      name: 'Android',
      synonyms: ['android phones', 'android phone', 'android devices', 'google android'],
    },
    ios: { name: 'iOS', synonyms: ['iphone', 'iphones', 'ipad', 'apple', 'apple devices'] },
    windowsPhone: {
      name: 'Windows Phone',
      synonyms: ['windows phones', 'windows mobile', 'windows', 'microsoft phones'],
    },
    other: {
      name: 'other systems',
      synonyms: ['other', 'other devices', 'other platforms', 'other phones', 'something else'],
    },
  },
  // The NATO alphabet.
  quadrants: {
    A: { name: 'A', synonyms: ['alpha', 'quadrant a', 'quadrant alpha'] },
    B: { name: 'B', synonyms: ['bravo', 'quadrant b', 'quadrant bravo'] },
    C: { name: 'C', synonyms: ['charlie', 'quadrant c', 'quadrant charlie'] },
    D: { name: 'D', synonyms: ['delta', 'quadrant d', 'quadrant delta'] },
  },
  // The adjectives people ask with ("how warm is it at …") name the quantity too: samples put them
  // where the sensor slot is, and entity resolution gives the skill the sensor's id, as Alexa does.
  sensorTypes: {
    vib: {
      name: 'vibration',
      synonyms: [
        'vibrations',
        'vibration level',
        'shaking',
        'shaky',
        'vibrating',
        'wobbling',
        'wobbly',
        'swaying',
        'tremors',
        'moving',
      ],
    },
    temp: {
      name: 'temperature',
      synonyms: [
        'temp',
        'air temperature',
        'degrees',
        'warm',
        'hot',
        'cold',
        'chilly',
        'cool',
        'freezing',
        'nippy',
        'parky',
        'mild',
      ],
    },
    hum: {
      name: 'humidity',
      synonyms: [
        'air humidity',
        'relative humidity',
        'moisture',
        'humid',
        'damp',
        'muggy',
        'sticky',
        'wet',
      ],
    },
    wind: {
      name: 'wind speed',
      synonyms: [
        'wind',
        'wind strength',
        'windy',
        'breezy',
        'gusty',
        'blowing',
        'blowy',
        'blowing a gale',
        'a gale',
        'stormy',
      ],
    },
    pres: {
      name: 'air pressure',
      synonyms: ['pressure', 'barometric pressure', 'atmospheric pressure', 'barometer'],
    },
  },
  // The verbs too, so that "switch off the light at …" fills the slot wherever the verb stands.
  lightStates: {
    on: { name: 'on', synonyms: ['switched on', 'turned on', 'turn on', 'switch on', 'put on'] },
    off: {
      name: 'off',
      synonyms: ['switched off', 'turned off', 'turn off', 'switch off', 'shut off'],
    },
  },
  // The figure, and the words that ask for it ("peak", "at most", "on average").
  statistics: {
    max: {
      name: 'highest',
      synonyms: [
        'maximum',
        'max',
        'peak',
        'top',
        'most',
        'at most',
        'high',
        'high point',
        // Superlatives of the quantity: "the strongest wind", "the biggest swing".
        'strongest',
        'biggest',
        'greatest',
        'largest',
      ],
    },
    min: {
      name: 'lowest',
      synonyms: [
        'minimum',
        'min',
        'fewest',
        'least',
        'at least',
        'low',
        'low point',
        'bottom',
        'weakest',
        'smallest',
      ],
    },
    avg: { name: 'average', synonyms: ['mean', 'on average', 'typical', 'average level'] },
  },
  // A sensor alert names its sensor type and station; the subject slot carries the players' words.
  alertSubjects: {
    sensor: { name: 'sensor', synonyms: ['sensor reading', 'reading', 'sensor value'] },
    players: {
      name: 'players',
      synonyms: [
        'player count',
        'number of players',
        'players online',
        'people',
        'people online',
        'users',
        'gamers',
      ],
    },
  },
  // The verbs too ("drops below", "rises over"), so that the slot takes them wherever they stand.
  alertDirections: {
    above: {
      name: 'above',
      synonyms: [
        'over',
        'goes above',
        'goes over',
        'rises above',
        'rises over',
        'climbs above',
        'gets above',
        'exceeds',
        'more than',
        'higher than',
        'greater than',
        'hotter than',
        'warmer than',
      ],
    },
    below: {
      name: 'below',
      synonyms: [
        'under',
        'goes below',
        'goes under',
        'drops below',
        'drops under',
        'falls below',
        'falls under',
        'fall below',
        'fall under',
        'gets below',
        'fewer than',
        'less than',
        'lower than',
        'colder than',
      ],
    },
  },
  periods: { today: { name: 'today', synonyms: ['so far today', 'since midnight', 'this day'] } },
};

const german: LocaleNames = {
  operatingSystems: {
    android: {
      name: 'Android',
      synonyms: ['Android Handys', 'Android Geräte', 'Android Smartphones'],
    },
    ios: { name: 'iOS', synonyms: ['iPhone', 'iPhones', 'iPad', 'Apple', 'Apple Geräte'] },
    windowsPhone: {
      name: 'Windows Phone',
      synonyms: ['Windows Handys', 'Windows Mobile', 'Windows'],
    },
    other: {
      name: 'andere Systeme',
      synonyms: [
        'andere',
        'andere Geräte',
        'andere Betriebssysteme',
        'sonstige',
        'sonstige Systeme',
      ],
      // Pulse says it after "mit" ("12 mit anderen Systemen").
      said: 'anderen Systemen',
    },
  },
  // The NATO alphabet and the German spelling alphabet (Anton, Berta, Cäsar, Dora).
  quadrants: {
    A: { name: 'A', synonyms: ['Alpha', 'Anton', 'Quadrant A', 'Quadrant Alpha'] },
    B: { name: 'B', synonyms: ['Bravo', 'Berta', 'Quadrant B', 'Quadrant Bravo'] },
    C: { name: 'C', synonyms: ['Charlie', 'Cäsar', 'Quadrant C', 'Quadrant Charlie'] },
    D: { name: 'D', synonyms: ['Delta', 'Dora', 'Quadrant D', 'Quadrant Delta'] },
  },
  sensorTypes: {
    vib: {
      name: 'Vibration',
      synonyms: [
        'Vibrationen',
        'Erschütterung',
        'Erschütterungen',
        'Schwingungen',
        'Erschütterungssensor',
        'Vibrationssensor',
        'vibriert',
        'wackelt',
        'schwankt',
        'bebt',
      ],
    },
    // As in English, the adjectives ("wie warm ist es in …") resolve to the quantity.
    temp: {
      name: 'Temperatur',
      synonyms: ['Lufttemperatur', 'Außentemperatur', 'Grad', 'warm', 'kalt', 'heiß', 'kühl'],
    },
    hum: {
      name: 'Luftfeuchtigkeit',
      synonyms: ['Feuchtigkeit', 'Luftfeuchte', 'feucht', 'schwül'],
    },
    // People ask for "Wind"; Pulse names the quantity it measures.
    wind: {
      name: 'Wind',
      synonyms: [
        'Windgeschwindigkeit',
        'Windstärke',
        'windig',
        'stürmisch',
        'Windsensor',
        'Sturm',
        'Böen',
      ],
      said: 'Windgeschwindigkeit',
    },
    pres: { name: 'Luftdruck', synonyms: ['Druck', 'Barometerstand'] },
  },
  // The separable verbs too, so that "das Licht in Berlin einschalten" fills the slot.
  lightStates: {
    on: { name: 'an', synonyms: ['ein', 'einschalten', 'anschalten', 'anmachen', 'anknipsen'] },
    off: { name: 'aus', synonyms: ['ausschalten', 'ausmachen', 'abschalten', 'ausknipsen'] },
  },
  statistics: {
    max: {
      name: 'höchste',
      synonyms: [
        'höchsten',
        'maximale',
        'maximalen',
        'maximal',
        'Maximum',
        'Spitzenwert',
        'Höchstwert',
        'Spitze',
        'höchster',
        'stärkste',
        'stärkster',
        'stärksten',
        'größte',
        'größten',
      ],
    },
    min: {
      name: 'niedrigste',
      synonyms: [
        'niedrigsten',
        'tiefste',
        'tiefsten',
        'minimale',
        'minimalen',
        'minimal',
        'Minimum',
        'Tiefstwert',
        'Tiefpunkt',
        'niedrigster',
        'schwächste',
        'schwächster',
        'schwächsten',
      ],
    },
    avg: {
      name: 'durchschnittliche',
      synonyms: [
        'durchschnittlichen',
        'durchschnittlich',
        'Durchschnitt',
        'im Durchschnitt',
        'mittlere',
        'mittleren',
        'im Mittel',
        'Mittelwert',
      ],
    },
  },
  alertSubjects: {
    sensor: { name: 'Sensor', synonyms: ['Messwert', 'Wert'] },
    players: {
      name: 'Spieler',
      synonyms: ['Spielerzahl', 'Zahl der Spieler', 'Anzahl der Spieler', 'Leute', 'Nutzer'],
    },
  },
  alertDirections: {
    above: {
      name: 'über',
      synonyms: ['mehr als', 'höher als', 'größer als', 'wärmer als', 'oberhalb von'],
    },
    below: {
      name: 'unter',
      synonyms: ['weniger als', 'niedriger als', 'kleiner als', 'kälter als', 'unterhalb von'],
    },
  },
  periods: { today: { name: 'heute', synonyms: ['heute bisher', 'seit Mitternacht'] } },
};

export const SPOKEN_NAMES: Readonly<Record<Locale, LocaleNames>> = {
  'en-US': english,
  'en-GB': english,
  'de-DE': german,
};

/** How Pulse says a vocabulary value in a sentence in this locale. */
/**
 * A sensor's adjectives that ask for one end of its range when a statistic is asked without a
 * word for which: "how cold did it get" is the lowest temperature, "how windy was it" the highest
 * wind speed. Each is one of the sensor type's synonyms above; a sensor named by a noun ("how was
 * the temperature") implies no statistic, and the skill asks which one.
 */
const englishExtremes: Readonly<Record<string, Statistic>> = {
  cold: 'min',
  chilly: 'min',
  cool: 'min',
  freezing: 'min',
  nippy: 'min',
  parky: 'min',
  warm: 'max',
  hot: 'max',
  mild: 'max',
  humid: 'max',
  damp: 'max',
  muggy: 'max',
  sticky: 'max',
  wet: 'max',
  windy: 'max',
  breezy: 'max',
  gusty: 'max',
  blowy: 'max',
  stormy: 'max',
  shaky: 'max',
  wobbly: 'max',
};

const germanExtremes: Readonly<Record<string, Statistic>> = {
  kalt: 'min',
  kühl: 'min',
  warm: 'max',
  heiß: 'max',
  feucht: 'max',
  schwül: 'max',
  windig: 'max',
  stürmisch: 'max',
};

export const IMPLIED_STATISTICS: Readonly<Record<Locale, Readonly<Record<string, Statistic>>>> = {
  'en-US': englishExtremes,
  'en-GB': englishExtremes,
  'de-DE': germanExtremes,
};

/** The statistic a sensor's adjective asks for, as the user said it; none for a noun. */
export function impliedStatistic(locale: Locale, spokenSensor: string): Statistic | undefined {
  const words = IMPLIED_STATISTICS[locale];
  const word = spokenSensor.trim().toLocaleLowerCase(locale);
  return Object.hasOwn(words, word) ? words[word] : undefined;
}

export function saidName<V extends Vocabulary>(
  locale: Locale,
  vocabulary: V,
  id: keyof LocaleNames[V] & string,
): string {
  const spoken = (SPOKEN_NAMES[locale][vocabulary] as Readonly<Record<string, SpokenName>>)[id];
  if (spoken === undefined) throw new RangeError(`no ${locale} name for ${vocabulary} "${id}"`);
  return spoken.said ?? spoken.name;
}
