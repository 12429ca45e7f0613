/** The weather stations: the catalog, each one's latest sensor windows, and its state from its device shadow. */
import { z } from 'zod';
import type { Station } from '../../../domain/catalog';
import { LOCALES } from '../../../domain/locales';
import { SENSOR_QUANTITIES, SENSOR_TYPES, type SensorType } from '../../../domain/vocabulary';
import { windowAge } from '../../rollups/freshness';
import { ToolInputError } from '../errors';
import type { McpDependencies } from '../services';
import { findStation, stationArgument, stationRef, stationRefSchema } from '../stations';
import { age, iso, reading, wholeSeconds } from '../text';
import { READS, tool, type Tool } from './define';

const sensorType = z.enum(SENSOR_TYPES);
const jsonObject = z.record(z.string(), z.unknown());

const stationEntry = stationRefSchema.extend({
  city: z.string(),
  state: z.string(),
  timeZone: z.string(),
  names: z.object(Object.fromEntries(LOCALES.map((locale) => [locale, z.string()]))),
  sensors: z.array(z.object({ id: z.string(), type: sensorType })),
});

const sensorReading = z.object({
  sensor: sensorType,
  quantity: z.string(),
  unit: z.string(),
  available: z.boolean().describe('False until the station has reported this sensor type.'),
  windowTime: z.iso.datetime().optional().describe('End of the 60-second window, UTC.'),
  ageSeconds: z.number().int().nonnegative().optional(),
  stale: z.boolean().optional(),
  average: z.number().optional().describe("The sensors' averages, weighted by message count."),
  smoothedAverage: z.number().optional(),
  sensorCount: z.number().int().nonnegative().optional(),
  messageCount: z.number().int().nonnegative().optional(),
});

/** The sensor types a station measures, in the vocabulary's order. */
function measured(station: Station): SensorType[] {
  return SENSOR_TYPES.filter((type) => station.sensors.some((sensor) => sensor.type === type));
}

export function stationTools({ catalog, sensors, shadows, config, now }: McpDependencies): Tool[] {
  const listStations = tool({
    name: 'list_stations',
    title: 'Weather stations',
    description:
      'Every weather station Pulse knows: its id, name (and its names in en-US, en-GB and de-DE), ' +
      'city, state, time zone and sensors. Other tools take a station by id or name.',
    input: z.object({}).strict(),
    output: z.object({ stations: z.array(stationEntry) }),
    annotations: READS,
    async run() {
      const stations = catalog.stations.map((station) => ({
        ...stationRef(station),
        city: station.city,
        state: station.state,
        timeZone: station.timeZone,
        names: Object.fromEntries(LOCALES.map((locale) => [locale, station.names[locale].name])),
        sensors: station.sensors.map(({ id, type }) => ({ id, type })),
      }));
      const lines = stations.map(
        (s) =>
          `${s.name} (${s.id}), ${s.city} ${s.state}: ${measured(catalog.byId(s.id)!).join(', ')}`,
      );
      return {
        structured: { stations },
        text: `${stations.length} stations.\n${lines.join('\n')}`,
      };
    },
  });

  const stationSensors = tool({
    name: 'station_sensors',
    title: 'Latest sensor readings',
    description:
      "A station's latest 60-second sensor window per sensor type (vibration, temperature, humidity, " +
      "wind speed, air pressure): the sensors' average weighted by message count, the smoothed " +
      'average, how many sensors and messages, and whether the window is old. One type, or every type ' +
      'the station measures.',
    input: z
      .object({
        station: stationArgument,
        sensor: sensorType
          .optional()
          .describe(
            `One sensor type (${SENSOR_TYPES.map((t) => `${t}: ${SENSOR_QUANTITIES[t].quantity}`).join(', ')}); every type the station measures when left out.`,
          ),
      })
      .strict(),
    output: z.object({ station: stationRefSchema, readings: z.array(sensorReading) }),
    annotations: READS,
    async run(args) {
      const station = findStation(catalog, args.station);
      const types = measured(station);
      if (args.sensor !== undefined && !types.includes(args.sensor)) {
        throw new ToolInputError(
          `${stationRef(station).name} does not measure ${SENSOR_QUANTITIES[args.sensor].quantity} (${args.sensor}); it measures ${types.join(', ')}.`,
        );
      }
      const nowMs = now();
      const readings = await Promise.all(
        (args.sensor === undefined ? types : [args.sensor]).map(async (type) => {
          const expected = catalog.sensorsOfType(station, type).length;
          const window = await sensors.latestSensorWindow(station.id, type, expected);
          const { quantity, unit } = SENSOR_QUANTITIES[type];
          if (!window) return { sensor: type, quantity, unit, available: false };
          const { ageMs, stale } = windowAge(
            window.windowTime,
            nowMs,
            config.sensorRollupStaleSeconds,
          );
          return {
            sensor: type,
            quantity,
            unit,
            available: true,
            windowTime: iso(window.windowTime),
            ageSeconds: wholeSeconds(ageMs),
            stale,
            average: window.average,
            smoothedAverage: window.smoothedAverage,
            sensorCount: window.sensorCount,
            messageCount: window.messageCount,
          };
        }),
      );
      const lines = readings.map((r) =>
        r.available
          ? `${r.quantity}: ${reading(r.average!)} ${r.unit} (smoothed ${reading(r.smoothedAverage!)}) from ${r.sensorCount} sensor${r.sensorCount === 1 ? '' : 's'}, window ${r.windowTime}${r.stale ? `, ${age(r.ageSeconds! * 1000)} old` : ''}`
          : `${r.quantity}: no readings yet`,
      );
      return {
        structured: { station: stationRef(station), readings },
        text: `${stationRef(station).name}:\n${lines.join('\n')}`,
      };
    },
  });

  const stationStatus = tool({
    name: 'station_status',
    title: 'Station status',
    description:
      "A station's state from its device shadow: what it last reported (light, reporting interval, " +
      'battery, firmware, connection…), when, what is desired, and what is still pending (desired ' +
      'but not yet reported).',
    input: z.object({ station: stationArgument }).strict(),
    output: z.object({
      station: stationRefSchema,
      hasShadow: z.boolean().describe('False until the station has a device shadow.'),
      reported: jsonObject,
      desired: jsonObject,
      pending: jsonObject.describe('Desired values the station has not reported yet (the delta).'),
      reportedAt: z.iso.datetime().optional(),
      ageSeconds: z.number().int().nonnegative().optional(),
      version: z.number().int().optional(),
    }),
    annotations: READS,
    async run(args) {
      const station = findStation(catalog, args.station);
      const ref = stationRef(station);
      const shadow = await shadows.stationShadow(station.id);
      if (!shadow) {
        return {
          structured: { station: ref, hasShadow: false, reported: {}, desired: {}, pending: {} },
          text: `${ref.name} has not reported its state yet.`,
        };
      }
      const reportedAt = shadow.reportedAt?.getTime();
      const ageMs = reportedAt === undefined ? undefined : now() - reportedAt;
      const values = (state: Record<string, unknown>) =>
        Object.entries(state)
          .map(([field, value]) => `${field} ${JSON.stringify(value)}`)
          .join(', ') || 'nothing';
      const when = reportedAt === undefined ? '' : ` ${age(ageMs!)} ago (${iso(reportedAt)})`;
      return {
        structured: {
          station: ref,
          hasShadow: true,
          reported: shadow.reported,
          desired: shadow.desired,
          pending: shadow.delta,
          ...(reportedAt === undefined
            ? {}
            : { reportedAt: iso(reportedAt), ageSeconds: wholeSeconds(ageMs!) }),
          version: shadow.version,
        },
        text:
          Object.keys(shadow.reported).length === 0
            ? `${ref.name} has not reported its state yet. Pending: ${values(shadow.delta)}.`
            : `${ref.name} last reported${when}: ${values(shadow.reported)}. ` +
              `Pending: ${values(shadow.delta)}.`,
      };
    },
  });

  return [listStations, stationSensors, stationStatus];
}
