/**
 * How figures read in a reply: one place, in the customer's language, through Intl, so a reply
 * quotes sizes, durations and dates the way a person in that language writes them.
 */

const sizeUnits = { kb: "kilobyte", mb: "megabyte", gb: "gigabyte", tb: "terabyte" } as const;
export type SizeUnit = keyof typeof sizeUnits;

export function formatSize(value: number, unit: SizeUnit, language: string): string {
  return new Intl.NumberFormat(language, { style: "unit", unit: sizeUnits[unit], maximumFractionDigits: 1 }).format(
    value,
  );
}

/** Whole minutes or hours read better than seconds ("2 minutes", not "120 seconds"). */
export function formatDuration(seconds: number, language: string): string {
  const [value, unit] =
    seconds >= 3600 && seconds % 3600 === 0
      ? [seconds / 3600, "hour"]
      : seconds >= 60 && seconds % 60 === 0
        ? [seconds / 60, "minute"]
        : [seconds, "second"];
  return new Intl.NumberFormat(language, { style: "unit", unit, unitDisplay: "long" }).format(value);
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

export function formatMoney(amount: number, currency: string, language: string): string {
  return new Intl.NumberFormat(language, { style: "currency", currency: currency.toUpperCase() }).format(amount);
}

/** "March 23" / "23. März" / "3月23日", in the workspace's time zone. */
export function formatDate(instant: Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { month: "long", day: "numeric", timeZone }).format(instant);
}

/** "Friday, March 27": for promises, where the weekday helps. */
export function formatDay(instant: Date, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { weekday: "long", month: "long", day: "numeric", timeZone }).format(
    instant,
  );
}
