/** Which station a tool's `station` argument names: its id, or its name or a synonym in any locale Pulse speaks. */
import { z } from 'zod';
import type { Station, StationCatalog } from '../../domain/catalog';
import { DEFAULT_LOCALE, LOCALES } from '../../domain/locales';
import { ToolInputError } from './errors';

export const stationArgument = z
  .string()
  .min(1)
  .describe(
    'The station: its id (e.g. "bR4lnMt7Xa") or its name (e.g. "Berlin Central"); list_stations names them all.',
  );

/** How answers name a station: its id and its name in the default locale. */
export const stationRefSchema = z.object({ id: z.string(), name: z.string() });

export function stationRef(station: Station): z.infer<typeof stationRefSchema> {
  return { id: station.id, name: station.names[DEFAULT_LOCALE].name };
}

export function findStation(catalog: StationCatalog, named: string): Station {
  const wanted = named.trim();
  const station =
    catalog.byId(wanted) ??
    LOCALES.map((locale) => catalog.byName(locale, wanted)).find((found) => found !== undefined);
  if (station) return station;
  const known = catalog.stations.map((s) => `${stationRef(s).name} (${s.id})`).join(', ');
  throw new ToolInputError(`No station is called "${named}". Stations: ${known}.`);
}
