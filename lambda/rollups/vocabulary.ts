/** The fixed vocabularies of the seeds' data: player OS and map quadrant, station sensor types. */

/** Operating systems as the game reports them (seed 000), keyed by Pulse's ids. */
export const OPERATING_SYSTEMS = {
  android: 'Android',
  ios: 'iOS',
  windowsPhone: 'Windows Phone',
  other: 'other',
} as const;

export type OperatingSystem = keyof typeof OPERATING_SYSTEMS;
export const OPERATING_SYSTEM_IDS = Object.keys(OPERATING_SYSTEMS) as OperatingSystem[];

export const QUADRANTS = ['A', 'B', 'C', 'D'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/** Sensor types of the weather stations (seed 001): vibration, temperature, humidity, wind, pressure. */
export const SENSOR_TYPES = ['vib', 'temp', 'hum', 'wind', 'pres'] as const;
export type SensorType = (typeof SENSOR_TYPES)[number];

export function isSensorType(value: unknown): value is SensorType {
  return typeof value === 'string' && (SENSOR_TYPES as readonly string[]).includes(value);
}

export function isQuadrant(value: unknown): value is Quadrant {
  return typeof value === 'string' && (QUADRANTS as readonly string[]).includes(value);
}

export function isOperatingSystem(value: unknown): value is OperatingSystem {
  return typeof value === 'string' && value in OPERATING_SYSTEMS;
}
