/** The raw record formats the generator writes, as zod schemas: the documentation of its output. */
import { z } from 'zod';
import { OPERATING_SYSTEMS, QUADRANTS, SENSOR_TYPES } from '../../domain/vocabulary';

const OS_NAMES = Object.values(OPERATING_SYSTEMS);

/**
 * A player event on `user-events`, e.g.
 * `{"recordTime": 1486505943.204, "cognitoId": "us-east-1:<uuid>", "os": "Android", "quadrant": "A"}`.
 */
export const playerEventSchema = z.strictObject({
  /** Epoch seconds with milliseconds as the fraction. */
  recordTime: z
    .number()
    .positive()
    .refine(hasAtMostThreeDecimals, 'recordTime is epoch seconds with millisecond precision'),
  cognitoId: z
    .string()
    .regex(
      /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      'a Cognito identity id in us-east-1',
    ),
  os: z.enum(OS_NAMES),
  quadrant: z.enum(QUADRANTS),
});

export type PlayerEvent = z.infer<typeof playerEventSchema>;

/**
 * A sensor reading on `sensor-events` after the IoT rule, e.g.
 * `{"sensor_id": "bQ7KcaMEas", "station_id": "vzqHb8vgh0", "sensor": "vib", "timestamp": 1472611226005,
 * "value": 0.61, "value_smoothed": 0.98, "direction": -1}`.
 */
export const sensorReadingSchema = z.strictObject({
  sensor_id: z.string().min(1),
  station_id: z.string().min(1),
  sensor: z.enum(SENSOR_TYPES),
  /** Epoch milliseconds. */
  timestamp: z.number().int().positive(),
  value: z.number(),
  /** Exponential moving average of value. */
  value_smoothed: z.number(),
  /** Sign of the last change of value. */
  direction: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
});

export type SensorReading = z.infer<typeof sensorReadingSchema>;

function hasAtMostThreeDecimals(value: number): boolean {
  return Math.abs(value * 1000 - Math.round(value * 1000)) < 1e-3;
}
