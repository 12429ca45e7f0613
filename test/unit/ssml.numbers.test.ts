import { formatNumber } from '../../ssml';
import { seeded as random } from '../support/random';

describe('formatNumber', () => {
  it('writes German decimals with a comma', () => {
    expect(formatNumber('de-DE', 1.07)).toBe('1,07');
    expect(formatNumber('de-DE', 12345.6)).toBe('12.345,6');
  });

  it('writes US numbers with grouping commas and a decimal point', () => {
    expect(formatNumber('en-US', 12345.6)).toBe('12,345.6');
  });

  it('keeps at most two fraction digits unless told otherwise', () => {
    expect(formatNumber('en-US', 3.14159)).toBe('3.14');
    expect(formatNumber('en-US', 3.14159, { maximumFractionDigits: 4 })).toBe('3.1416');
    expect(formatNumber('en-US', 3.14159, { maximumFractionDigits: 0 })).toBe('3');
  });

  it('pads to a minimum number of fraction digits', () => {
    expect(formatNumber('de-DE', 2, { minimumFractionDigits: 1 })).toBe('2,0');
    expect(formatNumber('en-US', 1.5, { minimumFractionDigits: 3 })).toBe('1.500');
  });

  it('never says "minus zero"', () => {
    expect(formatNumber('en-US', -0)).toBe('0');
    expect(formatNumber('en-US', -0.001)).toBe('0');
    expect(formatNumber('en-US', -1.5)).toBe('-1.5');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'refuses %s with a RangeError',
    (value) => {
      expect(() => formatNumber('en-US', value)).toThrow(RangeError);
    },
  );

  it('refuses a malformed locale with a RangeError', () => {
    expect(() => formatNumber('not a locale!', 1)).toThrow(RangeError);
  });

  describe('whole numbers, written without Intl in the locales Pulse speaks', () => {
    const intl = (locale: string, value: number, maximumFractionDigits?: number) =>
      new Intl.NumberFormat(locale, {
        minimumFractionDigits: 0,
        maximumFractionDigits: maximumFractionDigits ?? 2,
        signDisplay: 'negative',
      }).format(value);

    it.each(['en-US', 'en-GB', 'de-DE'])(
      'are written exactly as Intl writes them in %s',
      (locale) => {
        const next = random(0xf00d);
        const edges = [0, -0, 1, -1, 999, 1000, -1000, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER];
        const randoms = Array.from({ length: 2000 }, () => {
          const digits = 1 + Math.floor(next() * 15);
          const value = Math.floor(next() * 10 ** digits);
          return next() < 0.2 ? -value : value;
        });
        for (const value of [...edges, ...edges.map((v) => -v), ...randoms]) {
          expect(formatNumber(locale, value)).toBe(intl(locale, value));
          expect(formatNumber(locale, value, { maximumFractionDigits: 0 })).toBe(
            intl(locale, value, 0),
          );
        }
      },
    );

    it('leave other locales, and numbers beyond the safe integers, to Intl', () => {
      expect(formatNumber('en-IN', 1234567)).toBe('12,34,567');
      expect(formatNumber('de-CH', 1234567)).toBe(intl('de-CH', 1234567));
      expect(formatNumber('en-US', 2 ** 60)).toBe(intl('en-US', 2 ** 60));
    });

    it('still refuses options Intl refuses', () => {
      expect(() => formatNumber('en-US', 5, { maximumFractionDigits: 101 })).toThrow(RangeError);
      expect(() => formatNumber('en-US', 5, { maximumFractionDigits: -1 })).toThrow(RangeError);
    });
  });
});
