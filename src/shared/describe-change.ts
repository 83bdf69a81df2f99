/**
 * What changed between a reused sentence and its source, in words: shared by the popup, the
 * side-by-side view and the hover cards (the background words them for the content script).
 */
import type { FactChange } from '../core/types';

/** Name of each kind of fact change, as the popup, side-by-side legend and CLI say it. */
export const CHANGE_LABEL: Record<FactChange['kind'], string> = {
  number: 'Number',
  hedge: 'Hedge dropped',
  negation: 'Negation',
};

/**
 * One fact change as a sentence quoting both sides ("Number: the source says “$48 million”, this
 * page “$50 million”"). Plain text: the caller puts it in the DOM with textContent.
 */
export function describeChange(c: FactChange): string {
  const label = CHANGE_LABEL[c.kind] ?? c.kind;
  if (c.kind === 'hedge')
    return c.copy === null
      ? `${label}: the source says “${c.source}”, this page states it without saying who says so`
      : `${label}: the source says “${c.source}”, this page states “${c.copy}” plainly`;
  return `${label}: the source says “${c.source}”, this page “${c.copy ?? ''}”`;
}
