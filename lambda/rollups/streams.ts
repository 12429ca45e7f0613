/** The Kinesis streams of the data path, named once for the Lambdas, the local stack and the AWS stack. */

export const STREAMS = {
  /** Raw player events, one per player per second (the game analytics talk, seed 000). */
  userEvents: 'user-events',
  /** Raw sensor readings after the IoT rule (the weather-station talk, seed 001). */
  sensorEvents: 'sensor-events',
  /** Per-second player rollups in the SQL apps' output format, for existing pipelines. */
  userRollups: 'user-rollups',
  /** Per-sensor 60-second rollups in the SQL apps' output format. */
  sensorRollups: 'sensor-rollups',
} as const;

export type StreamName = (typeof STREAMS)[keyof typeof STREAMS];

/** Tumbling windows of the aggregate Lambda per raw stream, in seconds. */
export const TUMBLING_WINDOW_SECONDS = {
  [STREAMS.userEvents]: 1,
  [STREAMS.sensorEvents]: 60,
} as const;
