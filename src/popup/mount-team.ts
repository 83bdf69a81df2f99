/**
 * The popup's team-index logic: once a finished check is shown, asks the background to query the
 * team index the reader opted into (queryTeam; null when none is chosen) and puts the answer in
 * place of the `#pl-team` placeholder, without re-rendering the rest (focus stays where it is).
 * One query per page the popup shows: the answer is kept for re-renders of the same page.
 */
import type { TeamView } from '../core/types';
import type { TabState } from '../shared/messages';
import type { Translate } from '../shared/i18n';
import type { PageApi } from '../shared/page-client';
import { renderTeam } from './render-team';

/** The popup's team answer: the last one, and a refresh for a state just shown. */
export interface TeamController {
  /** The answer for the report being shown; null: none (no team index, or not asked yet). */
  readonly current: TeamView | null;
  /** Asks the team index about a state just shown, once per report; resolves when placed. */
  refresh(state: TabState | null): Promise<void>;
}

/** Creates the popup's team-index logic. */
export function teamController(ctx: { api: PageApi; t: Translate; doc: Document; tabId: () => number | null }): TeamController {
  let current: TeamView | null = null;
  let askedFor: string | null = null;
  return {
    get current() {
      return current;
    },
    async refresh(state) {
      const tabId = ctx.tabId();
      if (tabId === null || state?.status !== 'done' || !state.report) return;
      const key = state.report.article.url;
      if (askedFor === key) return;
      askedFor = key;
      current = null;
      const r = await ctx.api.call('queryTeam', { tabId });
      if (askedFor !== key) return;
      current = r.ok ? r.value : null;
      ctx.doc.getElementById('pl-team')?.replaceWith(renderTeam(ctx.doc, current, ctx.t));
    },
  };
}
