/**
 * What the highlights on a page mean: one look per kind of finding (colour, underline pattern and
 * a glyph, so colour never carries the meaning alone) and its words. One table for the marks drawn
 * in pages, the hover card's legend line and the popup's legend. No side effects at import.
 */
import type { MessageKey } from './i18n';
import type { Highlight, HighlightKind } from './messages';

/** The kinds of marks a reader is shown, each with its own look. */
export type MarkStyle = 'copy' | 'rewrite' | 'credited' | 'quotation' | 'claim';

/** How one kind of mark looks and what it is called. */
export interface MarkLook {
  /** Shown at the start of the passage and in the legends (decoration: the label says it). */
  glyph: string;
  /** The legend's words (a message: the legends are in the interface's language). */
  label: MessageKey;
  /** Underline and glyph colour (Okabe-Ito palette: told apart with the common colour-vision deficiencies). */
  color: string;
  /** Glyph text colour on `color`, at least 4.5:1. */
  ink: string;
  /** The underline pattern: what tells the kinds apart without colour, with the glyph. */
  line: 'solid' | 'dashed' | 'dotted' | 'double' | 'wavy';
  /** Background tint behind the passage (light: the page's text keeps its contrast). */
  tint: string;
}

/** The looks, in the order the legends list them. */
export const MARK_LOOKS: Readonly<Record<MarkStyle, MarkLook>> = {
  copy: { glyph: '=', label: 'legendCopy', color: '#D55E00', ink: '#000000', line: 'solid', tint: 'rgba(213, 94, 0, .16)' },
  rewrite: { glyph: '≈', label: 'legendRewrite', color: '#E69F00', ink: '#000000', line: 'dashed', tint: 'rgba(230, 159, 0, .18)' },
  credited: { glyph: '✓', label: 'legendCredited', color: '#0072B2', ink: '#FFFFFF', line: 'dotted', tint: 'rgba(0, 114, 178, .12)' },
  quotation: { glyph: '❞', label: 'legendQuotation', color: '#009E73', ink: '#000000', line: 'double', tint: 'rgba(0, 158, 115, .12)' },
  claim: { glyph: '!', label: 'legendClaim', color: '#CC79A7', ink: '#000000', line: 'wavy', tint: 'rgba(204, 121, 167, .18)' },
};

/** Legend order. */
export const MARK_STYLES: readonly MarkStyle[] = ['copy', 'rewrite', 'credited', 'quotation', 'claim'];

/**
 * The look of a highlight: shared quotations and claims by their kind; reused text by its credit,
 * so a licensed syndicated copy never looks like an uncredited scrape.
 */
export function markStyleOf(kind: HighlightKind, credit?: Highlight['card']['credit']): MarkStyle {
  if (kind === 'claim') return 'claim';
  if (kind === 'quote') return 'quotation';
  if (credit) return 'credited';
  return kind === 'verbatim' ? 'copy' : 'rewrite';
}
