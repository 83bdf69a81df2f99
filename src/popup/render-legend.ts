/**
 * The popup's legend of the page highlights: each kind's glyph, underline pattern and colour as the
 * page shows them, with its words (src/shared/mark-legend.ts, the table the marks and the hover
 * card use). Pure: nodes out.
 */
import { elIn } from '../shared/render';
import { MARK_LOOKS, MARK_STYLES } from '../shared/mark-legend';
import type { Translate } from '../shared/i18n';

/** A small collapsible legend (`#pl-legend`, one `li[data-mark-style]` per kind). */
export function renderMarkLegend(doc: Document, t: Translate): HTMLElement {
  const items = MARK_STYLES.map((k) => {
    const look = MARK_LOOKS[k];
    const glyph = elIn(doc, 'span', { class: 'pl-legend-glyph', 'aria-hidden': 'true' }, look.glyph);
    glyph.style.setProperty('background-color', look.color);
    glyph.style.setProperty('color', look.ink);
    const sample = elIn(doc, 'span', { class: 'pl-legend-sample' }, t(look.label));
    sample.style.setProperty('text-decoration-style', look.line);
    sample.style.setProperty('text-decoration-color', look.color);
    sample.style.setProperty('background-color', look.tint);
    return elIn(doc, 'li', { 'data-mark-style': k }, glyph, sample);
  });
  return elIn(
    doc,
    'details',
    { id: 'pl-legend', class: 'pl-legend' },
    elIn(doc, 'summary', null, t('legendSummary')),
    elIn(doc, 'ul', { class: 'pl-legend-list' }, ...items),
    elIn(doc, 'p', { class: 'pl-muted pl-small' }, t('legendHint')),
  );
}
