/**
 * Calendar dates picked in a form (`<input type="date">`, "2026-01-31") turned into the instants the API takes.
 * A date means that day in the browser's time zone, like every time the dashboard shows. Pure functions of the
 * date text and the zone; no "now" inside.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local midnight that starts `date` (+ `days`), or undefined when `date` is not a real calendar date. */
function localMidnight(date: string, days = 0): Date | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, day);
  // new Date(2026, 1, 30) rolls over to March 2nd: such a date does not exist.
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== day) {
    return undefined;
  }
  return new Date(year, month - 1, day + days);
}

export function isCalendarDate(date: string): boolean {
  return localMidnight(date) !== undefined;
}

/** The instant the local day `date` starts: "2026-01-31" in New York -> "2026-01-31T05:00:00.000Z". */
export function startOfDayInstant(date: string): string | undefined {
  return localMidnight(date)?.toISOString();
}

/** The instant the local day after `date` starts: the exclusive end of `date`, for `from ≤ t < to` periods. */
export function endOfDayExclusiveInstant(date: string): string | undefined {
  return localMidnight(date, 1)?.toISOString();
}

/**
 * The last instant of the local day `date`, for inclusive bounds (`t ≤ as_of`): one microsecond (the database's
 * precision) before the next day starts. "2026-01-31" in UTC -> "2026-01-31T23:59:59.999999Z".
 */
export function endOfDayInclusiveInstant(date: string): string | undefined {
  const next = localMidnight(date, 1);
  if (!next) return undefined;
  // The next midnight has no milliseconds (zone offsets are whole seconds), so going back one second and writing
  // .999999 is exactly one microsecond before it.
  const lastSecond = new Date(next.getTime() - 1000).toISOString();
  return lastSecond.replace(/\.000Z$/, '.999999Z');
}
