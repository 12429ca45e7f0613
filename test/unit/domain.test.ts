/** What the voice model and the Lambdas share: vocabularies named in every locale, guards that know only their own ids. */
import { parseCatalog } from '../../domain/catalog';
import { CatalogError, PulseError } from '../../domain/errors';
import { LOCALES } from '../../domain/locales';
import {
  IMPLIED_STATISTICS,
  SPOKEN_NAMES,
  impliedStatistic,
  saidName,
} from '../../domain/spokenNames';
import {
  LIGHT_STATES,
  OPERATING_SYSTEM_IDS,
  QUADRANTS,
  SENSOR_TYPES,
  isLightState,
  isOperatingSystem,
  isQuadrant,
  isSensorType,
} from '../../domain/vocabulary';

describe('spoken names', () => {
  const vocabularies = {
    operatingSystems: OPERATING_SYSTEM_IDS,
    quadrants: QUADRANTS,
    sensorTypes: SENSOR_TYPES,
    lightStates: LIGHT_STATES,
  } as const;

  it.each(LOCALES)('name every value of every vocabulary in %s, and nothing else', (locale) => {
    for (const [vocabulary, ids] of Object.entries(vocabularies)) {
      const names = SPOKEN_NAMES[locale][vocabulary as keyof typeof vocabularies];
      expect(Object.keys(names).sort()).toEqual([...ids].sort());
    }
  });

  it('are said in the form a sentence needs where it differs from the name Alexa resolves', () => {
    expect(SPOKEN_NAMES['de-DE'].operatingSystems.other.name).toBe('andere Systeme');
    expect(saidName('de-DE', 'operatingSystems', 'other')).toBe('anderen Systemen');
    expect(saidName('de-DE', 'sensorTypes', 'wind')).toBe('Windgeschwindigkeit');
    expect(saidName('en-GB', 'lightStates', 'on')).toBe('on');
    expect(saidName('de-DE', 'lightStates', 'off')).toBe('aus');
  });
});

describe("statistics implied by a sensor's adjective", () => {
  it.each(LOCALES)(
    "%s: every word is a sensor type's synonym, so the sensor slot carries it",
    (locale) => {
      const sensorWords = new Set(
        Object.values(SPOKEN_NAMES[locale].sensorTypes).flatMap((spoken) =>
          [spoken.name, ...spoken.synonyms].map((word) => word.toLocaleLowerCase(locale)),
        ),
      );
      const words = Object.keys(IMPLIED_STATISTICS[locale]);
      expect(words.length).toBeGreaterThan(0);
      expect(words.filter((word) => !sensorWords.has(word))).toEqual([]);
    },
  );

  it('reads the word as said, any case, and nothing from a noun', () => {
    expect(impliedStatistic('en-US', 'Cold')).toBe('min');
    expect(impliedStatistic('en-GB', ' windy ')).toBe('max');
    expect(impliedStatistic('de-DE', 'KALT')).toBe('min');
    expect(impliedStatistic('en-US', 'temperature')).toBeUndefined();
    expect(impliedStatistic('en-US', 'constructor')).toBeUndefined();
  });
});

describe('vocabulary guards', () => {
  it('accept their own ids only, not the names of Object.prototype members', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(isOperatingSystem(name)).toBe(false);
      expect(isQuadrant(name)).toBe(false);
      expect(isSensorType(name)).toBe(false);
      expect(isLightState(name)).toBe(false);
    }
    expect(isOperatingSystem('windowsPhone')).toBe(true);
    expect(isLightState('off')).toBe(true);
  });
});

describe('the station catalog', () => {
  it('refuses a malformed catalog with a CatalogError, one of Pulse’s own errors', () => {
    let caught: unknown;
    try {
      parseCatalog({ stations: [] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CatalogError);
    expect(caught).toBeInstanceOf(PulseError);
    expect((caught as Error).message).toMatch(/^station catalog: /);
  });
});
