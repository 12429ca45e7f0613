import { durationSeconds, exactSpan, roundedAge } from '../../domain/durations';

describe('AMAZON.DURATION values', () => {
  it.each([
    ['PT10M', 600],
    ['PT1H30M', 5400],
    ['P1D', 86400],
    ['P1DT2H', 93600],
    ['PT30S', 30],
    ['P1W', 604800],
    ['pt5m', 300],
    ['PT0.5M', 30],
  ])('reads %s as %i seconds', (value, seconds) => {
    expect(durationSeconds(value)).toBe(seconds);
  });

  it.each(['', 'PT', 'P', '10 minutes', 'PT-5M', 'PT0S', 'P1DT', 'PT?M'])('refuses %j', (value) => {
    expect(durationSeconds(value)).toBeUndefined();
  });

  it('treats a missing slot as no duration', () => {
    expect(durationSeconds(undefined)).toBeUndefined();
  });
});

describe('spoken spans', () => {
  it('says a span in the largest exact unit', () => {
    expect(exactSpan(600)).toEqual({ unit: 'minutes', count: 10 });
    expect(exactSpan(90)).toEqual({ unit: 'seconds', count: 90 });
    expect(exactSpan(7200)).toEqual({ unit: 'hours', count: 2 });
    expect(exactSpan(172800)).toEqual({ unit: 'days', count: 2 });
  });

  it('rounds an age to the unit a person would use', () => {
    expect(roundedAge(45_000)).toEqual({ unit: 'seconds', count: 45 });
    expect(roundedAge(312_000)).toEqual({ unit: 'minutes', count: 5 });
    expect(roundedAge(3 * 3600_000 + 100)).toEqual({ unit: 'hours', count: 3 });
    expect(roundedAge(3 * 86400_000)).toEqual({ unit: 'days', count: 3 });
    expect(roundedAge(-5)).toEqual({ unit: 'seconds', count: 0 });
  });
});
