/** The station catalog: one data file that names the stations for the voice model and the skill. */
import * as v from 'valibot';
import { CatalogError } from './errors';
import { LOCALES, type Locale } from './locales';
import { summary } from './schema';
import catalogData from './stations.json';
import { SENSOR_TYPES, type SensorType } from './vocabulary';

const nonEmpty = () => v.pipe(v.string(), v.minLength(1));

const spokenName = v.object({
  name: nonEmpty(),
  synonyms: v.array(nonEmpty()),
});

const stationSchema = v.object({
  id: v.pipe(
    v.string(),
    v.regex(/^[a-zA-Z0-9:_-]{1,128}$/, 'a station id must be a valid IoT thing name'),
  ),
  city: nonEmpty(),
  state: nonEmpty(),
  timeZone: nonEmpty(),
  names: v.object(
    Object.fromEntries(LOCALES.map((locale) => [locale, spokenName])) as Record<
      Locale,
      typeof spokenName
    >,
  ),
  sensors: v.pipe(
    v.array(v.object({ id: nonEmpty(), type: v.picklist(SENSOR_TYPES) })),
    v.minLength(1),
  ),
});

const catalogSchema = v.object({ stations: v.pipe(v.array(stationSchema), v.minLength(1)) });

export type Station = v.InferOutput<typeof stationSchema>;

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
  const parsed = v.safeParse(catalogSchema, data);
  if (!parsed.success) throw new CatalogError(summary(parsed.issues));
  const { stations } = parsed.output;
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
