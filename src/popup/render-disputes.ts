/**
 * The popup's dispute controls (pure views): under the verdict and under each claim warning, a
 * button to mark it as wrong, or, once marked, "You marked this as wrong on <date>" and an Undo
 * button; in the first-screen warnings, a note on a warning the reader disputed. render-report.ts mounts them; mount-disputes.ts handles their `data-action` clicks.
 * A control and its undo share one id, so focus can return to it after the popup re-renders.
 */
import { isClaimWarning, type ClaimMatch, type Report } from '../core/types';
import type { PageDisputes } from '../shared/messages';
import { elIn, type Child } from '../shared/render';
import { messageParts, uiLanguage, type Translate } from '../shared/i18n';

/** The id of the verdict's dispute button (also its Undo button). */
const VERDICT_DISPUTE_ID = 'pl-dispute-verdict-btn';

/** The id of the dispute button of `report.claims[index]` (also its Undo button). */
const claimDisputeId = (index: number) => `pl-dispute-claim-${index}-btn`;

/** A dispute date in the interface's language ("5 Dec 2026"); the ISO text when it does not parse. */
export function disputeDate(iso: string, t: Translate): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(uiLanguage(t), { day: 'numeric', month: 'short', year: 'numeric' });
}

/** "Disputed — You marked this as wrong on <date>." as nodes (the date a <time>). */
function disputedNote(doc: Document, disputedAt: string, t: Translate): Child[] {
  return [
    elIn(doc, 'span', { class: 'pl-chip pl-tone-neutral' }, t('disputed')),
    ...messageParts(t, 'youMarkedOn', elIn(doc, 'time', { datetime: disputedAt }, disputeDate(disputedAt, t))),
  ];
}

/** One control: "mark as wrong" (not disputed), or the note and Undo (disputed). */
function control(doc: Document, t: Translate, o: { box: string; button: string; what: 'verdict' | 'claim'; claimId?: string; disputedAt: string | null; label: string; after: string }): HTMLElement {
  const attrs = { type: 'button', id: o.button, class: 'pl-btn pl-btn-small', 'data-dispute': o.what, 'data-claim-id': o.claimId };
  if (!o.disputedAt) {
    return elIn(doc, 'div', { id: o.box, class: 'pl-dispute' }, elIn(doc, 'button', { ...attrs, 'data-action': 'dispute' }, o.label));
  }
  const note = `${o.box}-note`;
  return elIn(
    doc,
    'div',
    { id: o.box, class: 'pl-dispute pl-disputed', 'data-disputed': 'true' },
    elIn(
      doc,
      'p',
      { id: note, class: 'pl-dispute-note' },
      ...disputedNote(doc, o.disputedAt, t),
      ` ${o.after}`,
    ),
    elIn(doc, 'button', { ...attrs, 'data-action': 'undo-dispute', 'aria-describedby': note }, t('undo')),
  );
}

/**
 * The verdict's control, or null when there is nothing to show: disputes unknown, a verdict of
 * "no match" (it asserts nothing), or a private window (nothing is kept) with nothing disputed.
 */
export function renderVerdictDispute(doc: Document, report: Report, disputes: PageDisputes | null, t: Translate): HTMLElement | null {
  if (!disputes || report.verdict === 'no-match' || (!disputes.canDispute && !disputes.verdict)) return null;
  return control(doc, t, {
    box: 'pl-dispute-verdict',
    button: VERDICT_DISPUTE_ID,
    what: 'verdict',
    disputedAt: disputes.verdict,
    label: t('markVerdictWrong'),
    after: t('verdictDisputeAfter'),
  });
}

/** The control of one claim (the `index`-th of the report), or null when it is not a warning or disputes are unknown. */
export function renderClaimDispute(doc: Document, claim: ClaimMatch, index: number, disputes: PageDisputes | null, t: Translate): HTMLElement | null {
  if (!disputes || !isClaimWarning(claim)) return null;
  const disputedAt = disputes.claims.find((c) => c.claimId === claim.claim.id)?.disputedAt ?? null;
  if (!disputes.canDispute && !disputedAt) return null;
  return control(doc, t, {
    box: `pl-dispute-claim-${index}`,
    button: claimDisputeId(index),
    what: 'claim',
    claimId: claim.claim.id,
    disputedAt,
    label: t('markWarningWrong'),
    after: t('warningDisputeAfter'),
  });
}

/**
 * The note on a first-screen warning (#pl-warnings) the reader disputed, or null. The warning stays
 * (the claim was rated by a fact-checker); its Undo is in the claims list below.
 */
export function renderWarningDisputed(doc: Document, claim: ClaimMatch, disputes: PageDisputes | null, t: Translate): HTMLElement | null {
  const disputedAt = disputes?.claims.find((c) => c.claimId === claim.claim.id)?.disputedAt;
  if (!disputedAt) return null;
  return elIn(
    doc,
    'p',
    { class: 'pl-dispute-note pl-small', 'data-disputed': 'true' },
    ...disputedNote(doc, disputedAt, t),
  );
}
