/**
 * What changed between a reused sentence and its source, in words: shared by the popup, the
 * side-by-side view and the hover cards (the background words them for the content script), in
 * the interface's language (the CLI words its own, src/cli/format-report.ts).
 */
import type { FactChange } from '../core/types';
import type { MessageKey, Translate } from './i18n';

/** The message naming each kind of fact change (popup, side-by-side legend). */
const CHANGE_KEY: Record<FactChange['kind'], MessageKey> = {
  number: 'changeNumber',
  hedge: 'changeHedge',
  negation: 'changeNegation',
};

/** The name of a kind of fact change ("Number", "Hedge dropped"). */
function changeLabel(kind: FactChange['kind'], t: Translate): string {
  const key = CHANGE_KEY[kind];
  return key ? t(key) : kind;
}

/**
 * One fact change as a sentence quoting both sides ("Number: the source says “$48 million”, this
 * page “$50 million”"). Plain text: the caller puts it in the DOM with textContent.
 */
export function describeChange(c: FactChange, t: Translate): string {
  const label = changeLabel(c.kind, t);
  if (c.kind === 'hedge') return c.copy === null ? t('changeHedgeUnsourced', label, c.source) : t('changeHedgePlain', label, c.source, c.copy);
  return t('changeOther', label, c.source, c.copy ?? '');
}
