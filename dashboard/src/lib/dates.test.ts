import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  endOfDayExclusiveInstant,
  endOfDayInclusiveInstant,
  isCalendarDate,
  startOfDayInstant,
} from './dates';

// A date means that day in the browser's zone; the zone is set per test (Node reads TZ again when it changes).
const originalTz = process.env.TZ;
function inZone(zone: string) {
  process.env.TZ = zone;
}

beforeEach(() => inZone('UTC'));
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('dates', () => {
  it('turns a day into its bounds in UTC', () => {
    expect(startOfDayInstant('2026-01-31')).toBe('2026-01-31T00:00:00.000Z');
    expect(endOfDayExclusiveInstant('2026-01-31')).toBe('2026-02-01T00:00:00.000Z');
    expect(endOfDayInclusiveInstant('2026-01-31')).toBe('2026-01-31T23:59:59.999999Z');
    expect(endOfDayInclusiveInstant('2024-12-31')).toBe('2024-12-31T23:59:59.999999Z');
    expect(endOfDayInclusiveInstant('2024-02-29')).toBe('2024-02-29T23:59:59.999999Z');
  });

  it('uses the browser zone, including half-hour offsets', () => {
    inZone('Asia/Kolkata'); // +05:30
    expect(startOfDayInstant('2026-01-31')).toBe('2026-01-30T18:30:00.000Z');
    expect(endOfDayInclusiveInstant('2026-01-31')).toBe('2026-01-31T18:29:59.999999Z');
    inZone('America/New_York'); // -05:00 in winter
    expect(startOfDayInstant('2026-01-31')).toBe('2026-01-31T05:00:00.000Z');
    expect(endOfDayExclusiveInstant('2026-01-31')).toBe('2026-02-01T05:00:00.000Z');
  });

  it('follows a daylight-saving change: the day is 23 hours long', () => {
    inZone('America/New_York'); // clocks go forward on 2026-03-08
    expect(startOfDayInstant('2026-03-08')).toBe('2026-03-08T05:00:00.000Z');
    expect(endOfDayExclusiveInstant('2026-03-08')).toBe('2026-03-09T04:00:00.000Z');
    expect(endOfDayInclusiveInstant('2026-03-08')).toBe('2026-03-09T03:59:59.999999Z');
  });

  it('refuses text that is not a calendar date', () => {
    for (const text of ['', '2026-02-30', '2026-13-01', '2026-1-5', '26-01-05', '0050-01-01', 'today']) {
      expect(isCalendarDate(text), text).toBe(false);
      expect(startOfDayInstant(text), text).toBeUndefined();
      expect(endOfDayInclusiveInstant(text), text).toBeUndefined();
      expect(endOfDayExclusiveInstant(text), text).toBeUndefined();
    }
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
  });
});
