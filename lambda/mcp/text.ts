/** Numbers, times and ages as a tool's text says them: plain English, times in UTC ISO 8601. */
import { exactSpan, roundedAge } from '../../domain/durations';

/** Epoch milliseconds as `2026-12-01T10:42:00.000Z`. */
export const iso = (epochMs: number): string => new Date(epochMs).toISOString();

/** Whole seconds, for structured output. */
export const wholeSeconds = (milliseconds: number): number =>
  Math.max(0, Math.round(milliseconds / 1000));

/** "45 seconds", "5 minutes", "1 hour": an age rounded as a person would say it. */
export function age(milliseconds: number): string {
  const { unit, count } = roundedAge(milliseconds);
  return `${count} ${count === 1 ? unit.slice(0, -1) : unit}`;
}

/** A reading with the precision the skill speaks: two decimals below 10, one above. */
export function reading(value: number): number {
  const decimals = Math.abs(value) < 10 ? 2 : 1;
  return Number(value.toFixed(decimals));
}

/** "up 20%", "down 5%": a change in percent, rounded to whole percent. */
export function change(percent: number): string {
  return `${percent >= 0 ? 'up' : 'down'} ${Math.round(Math.abs(percent))}%`;
}

/** "every 30 seconds", "every minute", "every 15 minutes": a reporting interval. */
export function every(seconds: number): string {
  const { unit, count } = exactSpan(seconds);
  return count === 1 ? `every ${unit.slice(0, -1)}` : `every ${count} ${unit}`;
}

/** "the last minute", "the last 10 minutes", "the last 90 seconds": a span back from now. */
export function lastSpan(seconds: number): string {
  const { unit, count } = exactSpan(seconds);
  return count === 1 ? `the last ${unit.slice(0, -1)}` : `the last ${count} ${unit}`;
}
