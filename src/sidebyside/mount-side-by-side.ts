/**
 * The side-by-side view's logic: asks the background for the comparison through the page client,
 * hands it to the pure view (render-side-by-side.ts), and moves between matches from the buttons
 * or the keyboard (n / p, also j / k).
 */
import type { PageApi } from '../shared/page-client';
import { renderSideBySide, renderSideBySideFailure } from './render-side-by-side';
import { localizeDocument, type Translate } from '../shared/i18n';

/** Everything the view needs besides the DOM. */
export interface SideBySideContext {
  api: PageApi;
  /** The interface's messages (src/platform/i18n.ts; the English file in tests). */
  t: Translate;
  tabId: number | null;
  sourceUrl: string | null;
}

/** Mounts the side-by-side view into `doc` (expects the shell of sidebyside.html). */
export function mountSideBySide(doc: Document, ctx: SideBySideContext): { ready: Promise<void> } {
  const { t } = ctx;
  localizeDocument(doc, t);
  const main = doc.getElementById('pl-sbs') ?? doc.body.appendChild(Object.assign(doc.createElement('main'), { id: 'pl-sbs' }));
  let currentMatch = -1;

  function fail(title: string, text: string): void {
    main.replaceChildren(renderSideBySideFailure(doc, title, text));
    doc.body.dataset.state = 'error';
  }

  /** Focuses the next (1) or previous (-1) matching row, wrapping around, and says where it is. */
  function go(delta: number): void {
    const rows = [...main.querySelectorAll<HTMLElement>('tbody tr[id^="pl-match-"]')];
    if (!rows.length) return;
    currentMatch = (currentMatch + delta + rows.length) % rows.length;
    const row = rows[currentMatch];
    row.focus();
    row.scrollIntoView?.({ block: 'center' });
    const where = doc.getElementById('pl-sbs-where');
    if (where) where.textContent = t('sbsMatchOf', currentMatch + 1, rows.length);
  }

  main.addEventListener('click', (e) => {
    const action = (e.target as Element | null)?.closest?.('[data-action]')?.getAttribute('data-action');
    if (action === 'prev') go(-1);
    else if (action === 'next') go(1);
  });
  doc.addEventListener('keydown', (e) => {
    const el = e.target as HTMLElement | null;
    if (e.ctrlKey || e.metaKey || e.altKey || (el && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
    if (e.key === 'n' || e.key === 'j') go(1);
    else if (e.key === 'p' || e.key === 'k') go(-1);
  });

  async function load(): Promise<void> {
    if (ctx.tabId === null || !ctx.sourceUrl) return fail(t('sbsNothingTitle'), t('sbsNothingBody'));
    const r = await ctx.api.call('getComparison', { tabId: ctx.tabId, sourceUrl: ctx.sourceUrl });
    if (!r.ok) return fail(t('sbsCannotShow'), r.error);
    main.replaceChildren(renderSideBySide(doc, r.value, ctx.sourceUrl, t));
    currentMatch = -1;
    doc.title = t('sbsDocTitle', r.value.article.title);
    doc.body.dataset.state = 'done';
  }

  const ready = load()
    .catch((err) => fail(t('sbsCannotShow'), err instanceof Error ? err.message : String(err)))
    .finally(() => {
      doc.body.dataset.ready = '1';
    });
  return { ready };
}

/** Reads `?tab=<id>&source=<url>` from the view's URL. */
export function paramsFromLocation(search: string): { tabId: number | null; sourceUrl: string | null } {
  const q = new URLSearchParams(search);
  const n = Number(q.get('tab'));
  return { tabId: q.get('tab') !== null && Number.isInteger(n) && n >= 0 ? n : null, sourceUrl: q.get('source') || null };
}
