/** The station catalog: one data file that names the stations for the voice model and the skill. */
import * as z from 'zod/mini';
import { CatalogError } from './errors';
import { LOCALES, type Locale } from './locales';
import catalogData from './stations.json';
import { SENSOR_TYPES, type SensorType } from './vocabulary';
import './zodMessages';

const nonEmpty = () => z.string().check(z.minLength(1));

const spokenName = z.object({
  name: nonEmpty(),
  synonyms: z.array(nonEmpty()),
});

const stationSchema = z.object({
  id: z
    .string()
    .check(z.regex(/^[a-zA-Z0-9:_-]{1,128}$/, 'a station id must be a valid IoT thing name')),
  city: nonEmpty(),
  state: nonEmpty(),
  timeZone: nonEmpty(),
  names: z.object(
    Object.fromEntries(LOCALES.map((locale) => [locale, spokenName])) as Record<
      Locale,
      typeof spokenName
    >,
  ),
  sensors: z.array(z.object({ id: nonEmpty(), type: z.enum(SENSOR_TYPES) })).check(z.minLength(1)),
});

const catalogSchema = z.object({ stations: z.array(stationSchema).check(z.minLength(1)) });

export type Station = z.infer<typeof stationSchema>;

export interface StationCatalog {
  readonly stations: readonly Station[];
  byId(id: string): Station | undefined;
  /** Resolves a spoken name or synonym (case- and accent-insensitive) in the given locale. */
  byName(locale: Locale, spoken: string): Station | undefined;
  sensorsOfType(station: Station, type: SensorType): Station['sensors'];
}

function normalise(spoken: string): string {
  return spoken
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9ß]+/g, ' ')
    .trim();
}

/** The catalog in `data`, or a CatalogError naming what is wrong with it. */
export function parseCatalog(data: unknown): StationCatalog {
  const parsed = catalogSchema.safeParse(data);
  if (!parsed.success) throw new CatalogError(z.prettifyError(parsed.error));
  const { stations } = parsed.data;
  const ids = new Set<string>();
  const names = new Map<Locale, Map<string, Station>>(LOCALES.map((l) => [l, new Map()]));
  for (const station of stations) {
    if (ids.has(station.id)) throw new CatalogError(`duplicate id ${station.id}`);
    ids.add(station.id);
    for (const locale of LOCALES) {
      const { name, synonyms } = station.names[locale];
      for (const spoken of [name, ...synonyms]) {
        const key = normalise(spoken);
        const known = names.get(locale)!.get(key);
        if (known && known.id !== station.id) {
          throw new CatalogError(
            `"${spoken}" (${locale}) names both ${known.id} and ${station.id}`,
          );
        }
        names.get(locale)!.set(key, station);
      }
    }
  }
  const byId = new Map(stations.map((s) => [s.id, s]));
  return {
    stations,
    byId: (id) => byId.get(id),
    byName: (locale, spoken) => names.get(locale)!.get(normalise(spoken)),
    sensorsOfType: (station, type) => station.sensors.filter((s) => s.type === type),
  };
}

/**
 * A catalog read from `load` on its first use: a skill's cold start that answers no question about
 * a station does not parse the stations.
 */
export function catalogOnFirstUse(load: () => StationCatalog): StationCatalog {
  let catalog: StationCatalog | undefined;
  const loaded = () => (catalog ??= load());
  return {
    get stations() {
      return loaded().stations;
    },
    byId: (id) => loaded().byId(id),
    byName: (locale, spoken) => loaded().byName(locale, spoken),
    sensorsOfType: (station, type) => loaded().sensorsOfType(station, type),
  };
}

/** The catalog shipped with Pulse (domain/stations.json). */
export const stationCatalog: StationCatalog = catalogOnFirstUse(() => parseCatalog(catalogData));
