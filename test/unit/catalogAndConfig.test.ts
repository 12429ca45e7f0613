import * as v from 'valibot';
import { parseCatalog, stationCatalog } from '../../domain/catalog';
import { desiredChangeSchema } from '../../domain/settings';
import { newestTimestamp } from '../../lambda/devices/shadows';
import { ConfigError, readConfig } from '../../lambda/skill/config';

const names = (name: string, synonyms: string[] = []) => ({
  'en-US': { name, synonyms },
  'en-GB': { name, synonyms },
  'de-DE': { name, synonyms },
});

describe('the station catalog', () => {
  it('resolves names and synonyms per locale, ignoring case and accents', () => {
    expect(stationCatalog.byName('de-DE', 'portland brucke')?.id).toBe('qwbKAMlbZW');
    expect(stationCatalog.byName('en-GB', 'THE HARBOUR')?.id).toBe('vzqHb8vgh0');
    expect(stationCatalog.byName('en-US', 'nowhere')).toBeUndefined();
  });

  it('refuses a name that would mean two stations', () => {
    const station = (id: string, name: string) => ({
      id,
      city: 'c',
      state: 's',
      timeZone: 'UTC',
      names: names(name),
      sensors: [{ id: `${id}-1`, type: 'temp' }],
    });
    expect(() =>
      parseCatalog({ stations: [station('a', 'Harbor'), station('b', 'harbor')] }),
    ).toThrow(/"harbor" \(en-US\) names both a and b/);
  });

  it('refuses an id that is not a valid IoT thing name, and an unknown sensor type', () => {
    const base = { city: 'c', state: 's', timeZone: 'UTC', names: names('X') };
    expect(() =>
      parseCatalog({
        stations: [{ ...base, id: 'bad id!', sensors: [{ id: 's', type: 'temp' }] }],
      }),
    ).toThrow();
    expect(() =>
      parseCatalog({ stations: [{ ...base, id: 'ok', sensors: [{ id: 's', type: 'rain' }] }] }),
    ).toThrow();
  });
});

describe('desired-state allow-list', () => {
  it('accepts only light on/off and the supported reporting intervals', () => {
    expect(v.safeParse(desiredChangeSchema, { light: 'on' }).success).toBe(true);
    expect(v.safeParse(desiredChangeSchema, { reportingIntervalSeconds: 300 }).success).toBe(true);
    expect(v.safeParse(desiredChangeSchema, { reportingIntervalSeconds: 7 }).success).toBe(false);
    expect(v.safeParse(desiredChangeSchema, { light: 'dim' }).success).toBe(false);
    expect(v.safeParse(desiredChangeSchema, { light: 'on', firmware: 'evil' }).success).toBe(false);
    expect(v.safeParse(desiredChangeSchema, { firmware: '9.9' }).success).toBe(false);
  });
});

describe('shadow metadata', () => {
  it('finds the newest reported timestamp at any depth', () => {
    expect(
      newestTimestamp({
        light: { timestamp: 10 },
        nested: { a: { timestamp: 30 } },
        b: { timestamp: 20 },
      }),
    ).toBe(30);
    expect(newestTimestamp({})).toBeUndefined();
  });
});

describe('configuration', () => {
  it('has sensible defaults', () => {
    expect(readConfig({})).toEqual({
      userRollupsTable: 'pulse-user-rollups',
      sensorRollupsTable: 'pulse-sensor-rollups',
      dependencyTimeoutMs: 1000,
      userRollupStaleSeconds: 120,
      sensorRollupStaleSeconds: 300,
      trendMaxMinutes: 60,
      timeZone: 'UTC',
      ssmlTarget: 'alexa',
      alertsTable: 'pulse-alerts',
      alertsPerUser: 10,
      retentionDays: 7,
      voices: {},
    });
  });

  it('names every bad setting', () => {
    expect(() =>
      readConfig({ PULSE_TIME_ZONE: 'Mars/Olympus', PULSE_DEPENDENCY_TIMEOUT_MS: '9000' }),
    ).toThrow(ConfigError);
    expect(() => readConfig({ PULSE_TIME_ZONE: 'Mars/Olympus' })).toThrow(/PULSE_TIME_ZONE/);
  });
});
