/**
 * The one table of news agencies (src/core/wire-agencies.ts): extraction names a page's wire from
 * it, and the engine tells the agency's own page from a page carrying its story by it.
 */
import { describe, expect, it } from 'vitest';
import { WIRE_AGENCIES, isAgencyPage, wireAgency } from '../../src/core/wire-agencies';
import { findCredits } from '../../src/extract/find-credits';
import { hostOf, siteOf } from '../../src/core/site';

/** As the engine asks: the page's site and host from its address, and the site name it gives. */
const isAgency = (url: string, siteName: string | null, short: string) => isAgencyPage({ site: siteOf(url), host: hostOf(url), siteName }, short);

describe('news agencies', () => {
  it('has one entry per agency, each findable by its short name in any case', () => {
    const shorts = WIRE_AGENCIES.map((a) => a.short.toLowerCase());
    expect(new Set(shorts).size).toBe(shorts.length);
    for (const a of WIRE_AGENCIES) expect(wireAgency(a.short.toUpperCase())).toBe(a);
    const aliases = WIRE_AGENCIES.flatMap((a) => a.native ?? []);
    expect(new Set(aliases).size).toBe(aliases.length);
  });

  it('names every wire extraction reports with an agency of the table', () => {
    const lines = [
      'WASHINGTON (AP) — The Senate voted.',
      'ISLAMABAD (APP) - The cabinet met.',
      'SYDNEY (AAP) - Rain fell.',
      'ANKARA (AA) - Talks began.',
      '© 2026 Thomson Reuters. All rights reserved.',
      'Copyright 2026 United Press International.',
      'القاهرة (رويترز) - بدأت المحادثات.',
      'اسلام آباد ۔ 3 اکتوبر (اے پی پی) وفاقی کابینہ کا اجلاس ہوا۔',
      'МОСКВА, 4 марта. /ТАСС/. Переговоры начались.',
      '新华社北京3月4日电 会议开幕。',
      '【北京共同】会談が始まった。',
      '中新社北京3月4日电 会议开幕。',
      '【東京時事】会談が始まった。',
      '【ワシントン共同通信】会談が始まった。',
    ];
    for (const line of lines) {
      const wire = findCredits([line]).wire;
      expect(wire, line).not.toBeNull();
      expect(wireAgency(wire!), `${line} -> ${wire}`).toBeDefined();
    }
  });

  it('reads the Chinese formula only with an agency ending in 社: "共同" and "路透" alone open ordinary sentences', () => {
    expect(findCredits(['共同推进电力改革，会议开幕。']).wire).toBeNull();
    expect(findCredits(['路透露出的消息说电站关闭了。']).wire).toBeNull();
    expect(findCredits(['路透社伦敦3月4日电 会议开幕。']).wire).toBe('Reuters');
    expect(findCredits(['【東京時事】会談が始まった。']).wire).toBe('Jiji');
  });

  it('reads a longer agency name before the shorter one it holds', () => {
    expect(findCredits(['Copyright 2026 Associated Press of Pakistan. This story was first reported by APP.']).wire).toBe('APP');
    expect(findCredits(['This story was first reported by the Associated Press.']).wire).toBe('AP');
  });

  it("knows the agency's own pages by site (any subdomain) or by the name they give", () => {
    expect(isAgency('https://english.news.cn/20260304/story.html', null, 'Xinhua')).toBe(true);
    expect(isAgency('https://www.app.com.pk/national/story/', null, 'APP')).toBe(true);
    expect(isAgency('https://upi.com/Top_News/2026/03/04/story/', null, 'upi')).toBe(true);
    expect(isAgency('https://example.org/wire/story', 'The Associated Press', 'AP')).toBe(true);
    expect(isAgency('https://example.org/wire/story', 'Reuters', 'reuters')).toBe(true);
  });

  it('does not take a page carrying the story, or another agency, for the agency', () => {
    expect(isAgency('https://www.dawn.com/news/123', 'Dawn', 'APP')).toBe(false);
    expect(isAgency('https://apnews.com/article/x', 'AP News', 'APP')).toBe(false);
    expect(isAgency('https://news.cn.example.com/x', null, 'Xinhua')).toBe(false);
    expect(isAgency('https://harbor-ledger.example/a', 'Harbor Ledger', 'Kyodo')).toBe(false);
  });
});
