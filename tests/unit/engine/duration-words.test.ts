import { describe, expect, it } from 'vitest';
import { durationWords } from '../../../src/core/duration-words';
import { relativeTime } from '../../../src/shared/render';
import { compareArticles } from '../../../src/core/engine';
import type { ArticleRecord } from '../../../src/core/types';
import { english } from '../../helpers/messages';

const H = 3600e3;

describe('durationWords: one wording of a duration everywhere', () => {
  it('uses the largest unit that stays exact enough to read', () => {
    expect(durationWords(30e3)).toBe('moments');
    expect(durationWords(60e3)).toBe('1 minute');
    expect(durationWords(90 * 60e3)).toBe('90 minutes');
    expect(durationWords(24 * H)).toBe('24 hours');
    expect(durationWords(-36 * H)).toBe('36 hours');
    expect(durationWords(3 * 24 * H)).toBe('3 days');
    expect(durationWords(90 * 24 * H)).toBe('3 months');
    expect(durationWords(3 * 365 * 24 * H)).toBe('3 years');
  });

  it('the popup line and the report summary say one day the same way', () => {
    const body = (lead: string) =>
      [
        `${lead} The harbour board voted on Tuesday evening to approve the emergency rebuild of the old ferry pier after divers found the pilings rotten through.`,
        'Engineers told the board the structure could fail in the next winter storm, and the ferry operator agreed to move sailings to the north quay for the season.',
        'The rebuild will cost an estimated fourteen million dollars, to be paid from the port reserve fund and a state infrastructure grant approved last spring.',
        'Residents who use the ferry daily said the detour would add forty minutes to each crossing, and the council promised a shuttle bus from the old terminal.',
      ];
    const rec = (url: string, publishedTime: string, lead: string): ArticleRecord => ({
      url,
      title: 'Ferry pier rebuild approved',
      siteName: new URL(url).hostname,
      byline: null,
      publishedTime,
      modifiedTime: null,
      lang: 'en',
      paragraphs: body(lead),
      links: [],
      signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
    });
    const original = rec('https://ledger.example/pier', '2026-03-01T10:00:00Z', 'Harbour news.');
    const copy = rec('https://scrape.example/pier', '2026-03-02T10:00:00Z', 'Local news.');
    const report = compareArticles(copy, original);
    const inPopup = relativeTime(original.publishedTime, copy.publishedTime, new Date(), english);
    expect(inPopup).toBe('24 hours earlier');
    expect(report.summary).toContain(inPopup!);
  });
});
