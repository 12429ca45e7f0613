import { formatNumber } from '../../ssml';

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
});
