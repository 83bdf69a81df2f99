/**
 * The popup's dispute logic: reads the reader's disputes of the tab's report (getDisputes) before
 * a finished check is shown, and runs the dispute controls of render-disputes.ts (setDispute):
 * mark as wrong, Undo. After the re-render, focus goes back to the control that was used (its
 * replacement has the same id), so a keyboard user can undo with one more key press.
 */
import type { PageDisputes, Result, TabState } from '../shared/messages';
import type { PageApi } from '../shared/page-client';
import { elIn } from '../shared/render';
import type { Translate } from '../shared/i18n';

/** What the dispute logic needs from the popup. */
export interface DisputeContext {
  api: PageApi;
  t: Translate;
  doc: Document;
  tabId: () => number | null;
  /** Renders the popup again with `current` disputes. */
  rerender: () => void;
  /** Says something to screen readers (the popup's status line). */
  announce: (text: string) => void;
}

/** The popup's disputes: the last read, a refresh, and the controls' clicks. */
export interface DisputeController {
  /** The disputes of the report being shown; null when not read (no dispute control is offered). */
  readonly current: PageDisputes | null;
  /**
   * Reads the disputes for a state about to be shown (only a finished check has any); `asked` is
   * a getDisputes call already on its way.
   */
  refresh(state: TabState | null, asked?: Promise<Result<PageDisputes>>): Promise<void>;
  /** Runs a click on a dispute control; false when `target` is not one. */
  click(target: Element): boolean;
}

/** Creates the popup's dispute logic. */
export function disputeController(ctx: DisputeContext): DisputeController {
  let current: PageDisputes | null = null;
  let busy = false;

  async function refresh(state: TabState | null, asked?: Promise<Result<PageDisputes>>): Promise<void> {
    const tabId = ctx.tabId();
    current = null;
    if (tabId === null || state?.status !== 'done' || !state.report) return;
    const r = await (asked ?? ctx.api.call('getDisputes', { tabId }));
    // Unread disputes show no control rather than claim that nothing is disputed.
    current = r.ok ? r.value : null;
  }

  async function run(button: HTMLElement): Promise<void> {
    const tabId = ctx.tabId();
    if (tabId === null || busy) return;
    const what = button.getAttribute('data-dispute');
    const claimId = button.getAttribute('data-claim-id');
    const target = what === 'verdict' ? { kind: 'verdict' as const } : what === 'claim' && claimId ? { kind: 'claim' as const, claimId } : null;
    if (!target) return;
    const disputed = button.getAttribute('data-action') === 'dispute';
    const id = button.id;
    busy = true;
    try {
      const r = await ctx.api.call('setDispute', { tabId, target, disputed });
      if (!r.ok) {
        const msg = disputed ? ctx.t('disputeKeepFailed', r.error) : ctx.t('disputeUndoFailed', r.error);
        button.parentElement?.append(elIn(ctx.doc, 'p', { class: 'pl-muted pl-small', role: 'alert' }, msg));
        return;
      }
      current = r.value;
      ctx.rerender();
      ctx.doc.getElementById(id)?.focus();
      ctx.announce(disputed ? ctx.t('disputeMarked') : ctx.t('disputeRemoved'));
    } finally {
      busy = false;
    }
  }

  return {
    get current() {
      return current;
    },
    refresh,
    click(target) {
      const button = target.closest?.('[data-action="dispute"], [data-action="undo-dispute"]');
      if (!button) return false;
      void run(button as HTMLElement);
      return true;
    },
  };
}
