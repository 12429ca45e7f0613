/**
 * Hysteresis: an alert fires once when its value crosses the threshold, stays firing (silent)
 * while the value stays across, and re-arms only when the value comes back across the threshold
 * by the re-arm margin, so that a value wobbling around the threshold does not notify again and
 * again. Default margins per subject, sized to each sensor's noise.
 */
import type { SensorType } from '../../domain/vocabulary';
import type { Alert, AlertSubject } from './types';

export type Judgement = 'fire' | 'rearm' | 'stay';

/**
 * What a new value does to an alert. "Above 20" fires at a value over 20 (not at 20) and re-arms
 * at 20 − margin or less; "below 100" fires under 100 and re-arms at 100 + margin or more.
 */
export function judge(
  alert: Pick<Alert, 'direction' | 'threshold' | 'rearmMargin' | 'state'>,
  value: number,
): Judgement {
  const { direction, threshold, rearmMargin, state } = alert;
  if (state === 'armed') {
    const crossed = direction === 'above' ? value > threshold : value < threshold;
    return crossed ? 'fire' : 'stay';
  }
  const back =
    direction === 'above' ? value <= threshold - rearmMargin : value >= threshold + rearmMargin;
  return back ? 'rearm' : 'stay';
}

/**
 * Re-arm margins by sensor type, in its unit: larger than a sensor's minute-to-minute noise, small
 * against a threshold a person would set (°C, %, m/s, hPa, mm/s).
 */
export const SENSOR_REARM_MARGINS: Readonly<Record<SensorType, number>> = {
  temp: 0.5,
  hum: 2,
  wind: 1,
  pres: 1,
  vib: 0.1,
};

/** Players: 5 % of the threshold, at least one player. */
const PLAYER_REARM_SHARE = 0.05;

export function defaultRearmMargin(subject: AlertSubject, threshold: number): number {
  if (subject.kind === 'sensor') return SENSOR_REARM_MARGINS[subject.sensor];
  return Math.max(1, Math.round(Math.abs(threshold) * PLAYER_REARM_SHARE));
}
