/**
 * The reader's disputes, from the popup only: read the disputes that apply to a tab's report, mark
 * its verdict or one claim warning as wrong, undo that. The popup names what to dispute (the
 * verdict, or a claim id); the page and the exact thing disputed come from the tab's stored report,
 * so a call can only dispute what the reader is being shown. Nothing is kept from private windows.
 */
import { disputesOf, resolveDispute, type DisputeRequest } from '../core/disputes';
import { MAX_FIELD_CHARS } from '../core/records/parse-record';
import type { DisputeRecord, Report } from '../core/types';
import type { PageCalls, PageDisputes } from '../shared/messages';
import type { BackgroundBrowser } from '../platform/browser';
import type { Stores } from '../platform/stores';
import { requirePopup, type Handlers, type Sender } from './router';
import type { TabReports } from './tab-reports';

/** What the dispute handlers need. */
export interface DisputeHandlersOptions {
  browser: Pick<BackgroundBrowser, 'tabs'>;
  stores: Pick<Stores, 'disputes' | 'tabs'>;
  reports: Pick<TabReports, 'redrawHighlights'>;
  now: () => Date;
}

type DisputeCalls = Pick<PageCalls, 'getDisputes' | 'setDispute'>;

function tabIdOf(p: { tabId?: unknown }): number {
  const id = p.tabId;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw new Error('invalid tabId');
  return id;
}

/** The request as sent, checked field by field (a payload is plain JSON from a page). */
function requestOf(raw: unknown): DisputeRequest {
  const r = (raw && typeof raw === 'object' ? raw : {}) as { kind?: unknown; claimId?: unknown };
  if (r.kind === 'verdict') return { kind: 'verdict' };
  if (r.kind === 'claim' && typeof r.claimId === 'string' && r.claimId.length > 0 && r.claimId.length <= MAX_FIELD_CHARS) {
    return { kind: 'claim', claimId: r.claimId };
  }
  throw new Error('invalid dispute target');
}

/** What the popup shows: the disputes that apply to the report as it stands. */
function view(report: Report, records: DisputeRecord[], canDispute: boolean): PageDisputes {
  const d = disputesOf(report, records);
  return {
    verdict: d.verdict?.disputedAt ?? null,
    claims: [...d.claims].map(([claimId, r]) => ({ claimId, disputedAt: r.disputedAt })),
    canDispute,
  };
}

/** Builds the getDisputes and setDispute handlers. */
export function createDisputeHandlers(opts: DisputeHandlersOptions): Handlers<DisputeCalls, Sender> {
  const { disputes, tabs } = opts.stores;

  async function reportOf(tabId: number): Promise<Report> {
    const state = await tabs.get(tabId);
    if (state?.status !== 'done' || !state.report) throw new Error('This tab has no report yet.');
    return state.report;
  }

  /** Whether the tab is in a private window (null: the tab is gone). */
  async function isPrivate(tabId: number): Promise<boolean | null> {
    const tab = await opts.browser.tabs.get(tabId).catch(() => null);
    return tab ? tab.incognito : null;
  }

  return {
    async getDisputes(p, sender) {
      requirePopup('getDisputes', sender);
      const tabId = tabIdOf(p);
      const report = await reportOf(tabId);
      return view(report, await disputes.forPage(report.article.url), (await isPrivate(tabId)) === false);
    },
    async setDispute(p, sender) {
      requirePopup('setDispute', sender);
      const tabId = tabIdOf(p);
      if (typeof p.disputed !== 'boolean') throw new Error('invalid disputed flag');
      const report = await reportOf(tabId);
      const target = resolveDispute(report, requestOf(p.target));
      if (!target) throw new Error('There is no such verdict or claim warning on this page to dispute.');
      const privateTab = await isPrivate(tabId);
      if (privateTab === null) throw new Error('That tab is gone.');
      // Undoing is always allowed; only keeping a new dispute is refused in a private window.
      if (p.disputed && privateTab) throw new Error('Nothing is kept from private windows, disputes included.');
      const pageUrl = report.article.url;
      const records = p.disputed
        ? await disputes.put({ pageUrl, target, disputedAt: opts.now().toISOString() })
        : await disputes.remove(pageUrl, target);
      // A disputed claim warning leaves the page's highlights; an undone one comes back.
      if (target.kind === 'claim') await opts.reports.redrawHighlights(tabId);
      return view(report, records, !privateTab);
    },
  };
}
