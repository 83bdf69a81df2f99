/**
 * Properties of date parsing (src/extract/parse-date.ts): any string is safe to parse, results are
 * canonical ISO instants in the accepted era, and dates written the ways pages write them read back
 * as the same day.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findVisibleDate, normalizeDate, parseVisibleDate } from '../../../src/extract/parse-date';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const instant = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });
const isoRe = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('normalizeDate', () => {
  it('never throws; answers null or a canonical ISO instant from 1990 on, and is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.anything()), (x) => {
        const d = normalizeDate(x);
        if (d === null) return;
        expect(d).toMatch(isoRe);
        expect(Number(d.slice(0, 4))).toBeGreaterThanOrEqual(1990);
        expect(normalizeDate(d)).toBe(d);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads back any ISO instant, with or without a zone offset', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -12, max: 14 }), (d, zone) => {
        const iso = d.toISOString();
        expect(normalizeDate(iso)).toBe(iso);
        // The same instant written in another zone: "+05:00" / "-0300".
        const shifted = new Date(d.getTime() + zone * 3_600_000).toISOString().slice(0, 19);
        const sign = zone < 0 ? '-' : '+';
        const hh = String(Math.abs(zone)).padStart(2, '0');
        expect(normalizeDate(`${shifted}${sign}${hh}:00`)).toBe(new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString());
      }),
      { numRuns: 1000 },
    );
  });
});

describe('visible dates', () => {
  it('reads the day back from the ways pages print it, wherever it sits in a sentence', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom('dmy', 'mdy', 'ymd', 'dotted'), fc.stringMatching(/^[A-Za-z ]{0,20}$/), (d, style, before) => {
        const [y, mo, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
        const text = {
          dmy: `${day} ${MONTHS[mo - 1]} ${y}`,
          mdy: `${MONTHS[mo - 1]} ${day}, ${y}`,
          ymd: `${y}-${String(mo).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
          dotted: `${String(day).padStart(2, '0')}.${String(mo).padStart(2, '0')}.${y}`,
        }[style];
        const found = findVisibleDate(`Published ${before} ${text} by staff`);
        expect(found?.iso.slice(0, 10)).toBe(d.toISOString().slice(0, 10));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses impossible days and years before the web-news era', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2099 }), fc.constantFrom(2, 4, 6, 9, 11), (y, mo) => {
        expect(parseVisibleDate(`31 ${MONTHS[mo - 1]} ${y}`)).toBeNull();
      }),
    );
    fc.assert(fc.property(fc.integer({ min: 1000, max: 1989 }), (y) => void expect(parseVisibleDate(`14 March ${y}`)).toBeNull()));
  });
});
