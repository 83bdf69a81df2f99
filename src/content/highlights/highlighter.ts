/**
 * Wraps ranges of page text in `<pl-mark>` elements and removes them again leaving the page DOM
 * exactly as it was: every split of a page text node is logged and undone in reverse order, so the
 * original Text objects keep their identity and their full data.
 */
import type { HighlightKind } from '../../shared/messages';
import { collectText, segmentAt, type PageText } from './collect-text';
import { createElementIn, insertBeforeIn, replaceChildIn } from '../../extract/safe-dom';

/** The custom element name of a highlight (prefixed, never registered: content scripts cannot). */
export const MARK_TAG = 'pl-mark';

/**
 * What a mark tells the page about itself (`data-pl-kind`): "claim" (from public feed data) or
 * "reuse" for every kind of reuse, whose kind and source come from the reading history and are
 * shown in the card's closed shadow root only.
 */
function markKind(kind: HighlightKind): 'claim' | 'reuse' {
  return kind === 'claim' ? 'claim' : 'reuse';
}

interface WrapOp {
  /** The original text node when it was split before the mark (it keeps the leading text). */
  before: Text | null;
  mid: Text;
  after: Text | null;
  mark: HTMLElement;
}

/** A highlight to draw: a range of the collected page text (see collectText). */
export interface MarkRange {
  id: string;
  kind: HighlightKind;
  start: number;
  end: number;
}

/** Draws and removes highlight marks in one document, undoing its own DOM changes exactly. */
export class Highlighter {
  private ops: WrapOp[] = [];
  private marks: HTMLElement[] = [];

  constructor(private readonly root: Node) {}

  /** All marks currently drawn, in creation order. */
  get elements(): readonly HTMLElement[] {
    return this.marks;
  }

  /**
   * Wraps each range (offsets into `collectText(root)` taken before this call) in marks; returns the
   * marks per highlight id. Ranges are applied from the end of the text backwards so earlier offsets
   * stay valid; overlapping ranges re-collect the text (nested marks).
   */
  wrapRanges(ranges: MarkRange[], page: PageText = collectText(this.root)): Map<string, HTMLElement[]> {
    const out = new Map<string, HTMLElement[]>();
    const order = [...ranges].sort((a, b) => b.start - a.start || a.end - b.end);
    let current = page;
    let lowest = Infinity;
    for (const r of order) {
      if (r.end > lowest) {
        // Overlaps a range already wrapped: its text nodes were split, so offsets must be re-read.
        // The collected text is unchanged by wrapping (marks are transparent to the walker).
        current = collectText(this.root);
      }
      const made = this.wrapRange(current, r);
      if (made.length) out.set(r.id, [...(out.get(r.id) ?? []), ...made]);
      lowest = Math.min(lowest, r.start);
    }
    return out;
  }

  private wrapRange(page: PageText, r: MarkRange): HTMLElement[] {
    const made: HTMLElement[] = [];
    const { segments } = page;
    // Collect targets first: wrapping mutates nodes of later segments only (we go backwards).
    const targets: Array<{ node: Text; from: number; to: number }> = [];
    for (let i = segmentAt(segments, r.start); i < segments.length && segments[i].start < r.end; i++) {
      const seg = segments[i];
      const from = Math.max(0, r.start - seg.start);
      const to = Math.min(seg.end, r.end) - seg.start;
      if (to <= from) continue;
      // Whitespace-only pieces (between block elements) are not worth a mark and may sit where a
      // custom element is not allowed (between table rows).
      if (!seg.node.data.slice(from, to).trim()) continue;
      targets.push({ node: seg.node, from, to });
    }
    for (let i = targets.length - 1; i >= 0; i--) {
      const t = targets[i];
      made.unshift(this.wrapText(t.node, t.from, t.to, r));
    }
    return made;
  }

  private wrapText(node: Text, from: number, to: number, r: MarkRange): HTMLElement {
    const doc = node.ownerDocument;
    let before: Text | null = null;
    let mid = node;
    if (from > 0) {
      before = node;
      mid = node.splitText(from);
    }
    let after: Text | null = null;
    if (to - from < mid.data.length) after = mid.splitText(to - from);
    const mark = createElementIn(doc, MARK_TAG);
    mark.setAttribute('data-pl-kind', markKind(r.kind));
    mark.setAttribute('data-pl-id', r.id);
    mark.setAttribute('tabindex', '0');
    // The parent may be a page form, whose members the page can rename (safe-dom.ts).
    insertBeforeIn(mid.parentNode!, mark, mid);
    mark.appendChild(mid);
    this.ops.push({ before, mid, after, mark });
    this.marks.push(mark);
    return mark;
  }

  /** Removes every mark and merges the split text nodes back, in reverse order of creation. */
  removeAll(): void {
    for (let i = this.ops.length - 1; i >= 0; i--) {
      const { before, mid, after, mark } = this.ops[i];
      const parent = mark.parentNode;
      if (parent) replaceChildIn(parent, mid, mark);
      else if (mark.firstChild === mid) mark.removeChild(mid);
      if (after && after.parentNode === mid.parentNode) {
        mid.data += after.data;
        after.remove();
      }
      if (before && before.parentNode === mid.parentNode && before.nextSibling === mid) {
        before.data += mid.data;
        mid.remove();
      }
    }
    this.ops = [];
    this.marks = [];
  }
}
