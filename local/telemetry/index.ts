/** The simulated world of the local stack: players and weather stations writing to Kinesis, and the stations' devices answering changes to their shadows. */
export {
  playerEventSchema,
  sensorReadingSchema,
  type PlayerEvent,
  type SensorReading,
} from './formats';
export {
  createPlayerSimulation,
  DEFAULT_PLAYER_TIME_ZONE,
  DEFAULT_POPULATION,
  ONLINE_SHARE_BY_HOUR,
  OS_MIX,
  type PlayerSimulation,
  type PlayerSimulationOptions,
} from './players';
export {
  createStationSimulation,
  SENSOR_VALUE_RANGES,
  SMOOTHING_FACTOR,
  type SimulatedStation,
  type StationSimulation,
  type StationSimulationOptions,
} from './stations';
export { mulberry32, type RandomSource } from '../random';
export * from './putRecords';
export {
  planTick,
  startTelemetry,
  type Telemetry,
  type TelemetryOptions,
  type TelemetryStats,
  type TickPlan,
} from './writer';
export {
  startSimulatedDevices,
  type SimulatedDevices,
  type SimulatedDevicesOptions,
} from './devices';
