/**
 * A wire story carried by a newspaper under the agency's own dateline, in the scripts where a
 * dateline has no capitals to find it by ("اسلام آباد ۔ 4 مارچ (اے پی پی)", "新华社北京3月4日电"): the
 * reader sees the agency named, so the newspaper's copy is a credited republication of the
 * agency's story, not an uncredited copy. The same text under the paper's own staff line, or with
 * no dateline, is still called a verbatim copy. Built from the language fixture pages' original
 * text; extraction runs on linkedom as in the CLI, and the engine decides.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index';
import { compareArticles } from '../../../src/core/engine/index';
import { isCopyVerdict, type ArticleRecord } from '../../../src/core/types';

const PAGES = join(import.meta.dirname, 'pages');

/** Each language's agency, its dateline as the agency's papers print it, and a staff line that is no credit. */
const CASES = [
  { lang: 'ur', agency: 'APP', dateline: 'اسلام آباد ۔ 4 مارچ (اے پی پی)', staff: 'اسلام آباد (نامہ نگار خصوصی)' },
  { lang: 'ar', agency: 'Reuters', dateline: 'القاهرة (رويترز) -', staff: 'القاهرة - خاص' },
  { lang: 'hi', agency: 'PTI', dateline: 'नई दिल्ली, 4 मार्च (भाषा)', staff: 'नई दिल्ली, 4 मार्च (संवाददाता)' },
  { lang: 'zh', agency: 'Xinhua', dateline: '新华社北京3月4日电', staff: '本报北京3月4日电' },
  { lang: 'ja', agency: 'Kyodo', dateline: '【東京共同】', staff: '【東京】' },
  { lang: 'ru', agency: 'TASS', dateline: 'МОСКВА, 4 марта. /ТАСС/.', staff: 'МОСКВА, 4 марта. /Корр./.' },
] as const;

/** The original fixture's paragraphs, read through extraction. */
function bodyOf(lang: string): string[] {
  const { document } = parseHTML(readFileSync(join(PAGES, lang, 'original.html'), 'utf8'));
  const r = extractArticle(document as unknown as Document, { url: `https://ledger-${lang}.example/a`, now: new Date('2026-03-05T00:00:00Z') });
  if (!r.ok) throw new Error(r.reason);
  return r.article.paragraphs;
}

/** A page by `site` whose first paragraph opens with `opening`, published at `time`, language undeclared. */
function page(site: string, host: string, time: string, opening: string, body: string[]): ArticleRecord {
  const paras = [opening ? `${opening} ${body[0]}` : body[0], ...body.slice(1)];
  const p = (t: string) => `<p>${t.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${site}</title><meta property="og:type" content="article">
<meta property="og:site_name" content="${site}"><meta property="article:published_time" content="${time}"></head>
<body><article><h1>${site}: ${body[0].slice(0, 30)}</h1>${paras.map(p).join('')}</article></body></html>`;
  const { document } = parseHTML(html);
  const r = extractArticle(document as unknown as Document, { url: `https://${host}.example/story`, now: new Date('2026-03-05T00:00:00Z') });
  if (!r.ok) throw new Error(r.reason);
  return r.article;
}

describe('wire datelines in other scripts are visible credit', () => {
  for (const c of CASES) {
    it(`${c.lang}: a paper carrying the ${c.agency} story under "${c.dateline}" is a credited republication, not an accusation`, () => {
      const body = bodyOf(c.lang);
      const wire = page(c.agency, `wire-${c.lang}`, '2026-03-04T06:00:00Z', c.dateline, body);
      const paper = page('Daily Paper', `paper-${c.lang}`, '2026-03-04T12:00:00Z', c.dateline, body);
      expect(paper.signals.wire).toBe(c.agency);
      const r = compareArticles(paper, wire);
      expect(r.verdict).toBe('syndicated');
      expect(r.related[0].credited).toBe(true);
      expect(r.related[0].creditKind).toBe('visible');
    });

    it(`${c.lang}: the same text under a staff line ("${c.staff}") or no dateline is still a verbatim copy`, () => {
      const body = bodyOf(c.lang);
      const wire = page(c.agency, `wire-${c.lang}`, '2026-03-04T06:00:00Z', c.dateline, body);
      for (const opening of [c.staff, '']) {
        const paper = page('Daily Paper', `paper-${c.lang}`, '2026-03-04T12:00:00Z', opening, body);
        expect(paper.signals.wire).toBeNull();
        const r = compareArticles(paper, wire);
        expect([opening, r.verdict]).toEqual([opening, 'verbatim-copy']);
        expect(isCopyVerdict(r.verdict)).toBe(true);
      }
    });
  }

  it('an agency named in parentheses later in the text, or after a clause, is not a dateline', () => {
    const body = bodyOf('ur');
    const later = page('Daily Paper', 'paper-ur', '2026-03-04T12:00:00Z', '', [body[0], `${body[1]} (اے پی پی)`, ...body.slice(2)]);
    expect(later.signals.wire).toBeNull();
    const clause = page('Daily Paper', 'paper-ur', '2026-03-04T12:00:00Z', 'وزیراعظم نے آج شام ایک اجلاس میں کہا کہ (آن لائن)', body);
    expect(clause.signals.wire).toBeNull();
  });
});
