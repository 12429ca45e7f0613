/** Numbers written the way each locale reads them aloud ("1,07" in German, "12,345.6" in US English). */

export interface NumberFormatOptions {
  maximumFractionDigits?: number;
  minimumFractionDigits?: number;
}

const DEFAULT_MAXIMUM_FRACTION_DIGITS = 2;

/**
 * The group separator of whole numbers in the locales Pulse speaks, as CLDR (and so Intl) writes
 * them: groups of three, a hyphen-minus before negatives. Not en-IN (lakhs), de-CH (’) or de-AT.
 */
const GROUP_SEPARATORS: Readonly<Record<string, string>> = {
  'en-US': ',',
  'en-GB': ',',
  'de-DE': '.',
};

/**
 * A whole number written as Intl would, without Intl: a process's first NumberFormat loads ICU's
 * number data, about 11 ms of a cold start, and most numbers Pulse says are counts.
 */
function wholeNumber(locale: string, value: number): string | undefined {
  const separator = GROUP_SEPARATORS[locale];
  if (separator === undefined || !Number.isSafeInteger(value)) return undefined;
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, separator);
  // -0 is said "0", as signDisplay 'negative' has it.
  return value < 0 ? `-${digits}` : digits;
}

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
  // Options Intl would refuse take the long way, so that they still throw.
  const plainOptions =
    minimumFractionDigits === 0 &&
    (options.maximumFractionDigits === undefined ||
      (Number.isInteger(options.maximumFractionDigits) &&
        options.maximumFractionDigits >= 0 &&
        options.maximumFractionDigits <= 100));
  const whole = plainOptions ? wholeNumber(locale, value) : undefined;
  if (whole !== undefined) return whole;
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
