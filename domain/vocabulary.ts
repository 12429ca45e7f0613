/** The fixed vocabularies of Pulse's data: player OS and map quadrant, station sensor types, light states. */

/** Operating systems as the game's player events report them, keyed by Pulse's ids. */
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

/** Sensor types of the weather stations: vibration, temperature, humidity, wind, pressure. */
export const SENSOR_TYPES = ['vib', 'temp', 'hum', 'wind', 'pres'] as const;
export type SensorType = (typeof SENSOR_TYPES)[number];

/** What each sensor type measures and in which unit its readings are, for answers written rather than spoken. */
export const SENSOR_QUANTITIES: Readonly<
  Record<SensorType, { readonly quantity: string; readonly unit: string }>
> = {
  vib: { quantity: 'vibration', unit: 'mm/s' },
  temp: { quantity: 'temperature', unit: '°C' },
  hum: { quantity: 'humidity', unit: '%' },
  wind: { quantity: 'wind speed', unit: 'm/s' },
  pres: { quantity: 'air pressure', unit: 'hPa' },
};

/** A station light's states, as its shadow holds them and the LIGHT_STATE slot resolves them. */
export const LIGHT_STATES = ['on', 'off'] as const;
export type LightState = (typeof LIGHT_STATES)[number];

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

export function isSensorType(value: unknown): value is SensorType {
  return isOneOf(SENSOR_TYPES, value);
}

export function isQuadrant(value: unknown): value is Quadrant {
  return isOneOf(QUADRANTS, value);
}

export function isOperatingSystem(value: unknown): value is OperatingSystem {
  return isOneOf(OPERATING_SYSTEM_IDS, value);
}

export function isLightState(value: unknown): value is LightState {
  return isOneOf(LIGHT_STATES, value);
}

/** Which way an alert's threshold is crossed: the value goes above it, or drops below it. */
export const ALERT_DIRECTIONS = ['above', 'below'] as const;
export type AlertDirection = (typeof ALERT_DIRECTIONS)[number];

export function isAlertDirection(value: unknown): value is AlertDirection {
  return isOneOf(ALERT_DIRECTIONS, value);
}
