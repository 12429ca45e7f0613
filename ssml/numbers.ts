/** Numbers written the way each locale reads them aloud ("1,07" in German, "12,345.6" in US English). */

export interface NumberFormatOptions {
  maximumFractionDigits?: number;
  minimumFractionDigits?: number;
}

const DEFAULT_MAXIMUM_FRACTION_DIGITS = 2;

/**
 * Formats a number for speech in the locale's own digits and separators, so that Alexa and Polly read
 * "1,07" as "eins Komma null sieben" rather than a date or a list. Throws RangeError for NaN/Infinity
 * (there is nothing sensible to say) and, via Intl, for a malformed locale or fraction-digit options.
 */
export function formatNumber(
  locale: string,
  value: number,
  options: NumberFormatOptions = {},
): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`cannot speak the number ${value}: only finite numbers can be read aloud`);
  }
  const minimumFractionDigits = options.minimumFractionDigits ?? 0;
  const maximumFractionDigits =
    options.maximumFractionDigits ??
    Math.max(DEFAULT_MAXIMUM_FRACTION_DIGITS, minimumFractionDigits);
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits,
    maximumFractionDigits,
    // -0.001 rounds to "-0", which would be read out as "minus zero".
    signDisplay: 'negative',
  }).format(value);
}
