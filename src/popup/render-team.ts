/**
 * The popup's view of the team index the reader opted into (options page): the articles it holds
 * that share text with this page, or why it could not say. Labelled as the team's, apart from the
 * local findings: a team index keeps fingerprints only, so it names matches, never who copied whom.
 * Pure: a TeamView in, one node out (an empty `#pl-team` placeholder until there is an answer).
 */
import type { TeamMatch, TeamView } from '../core/types';
import { messageParts, type Translate } from '../shared/i18n';
import { displayHost, elIn, formatDate, percent, safeLink, type Child } from '../shared/render';

/** The `#pl-team` section for an answer, or its empty placeholder (no team index, or not yet answered). */
export function renderTeam(doc: Document, team: TeamView | null | undefined, t: Translate): HTMLElement {
  if (!team) return elIn(doc, 'div', { id: 'pl-team', hidden: true });
  const h = (tag: string, attrs?: Record<string, string | boolean | null> | null, ...kids: Child[]) => elIn(doc, tag, attrs, ...kids);
  const title = h('h2', { id: 'pl-team-h', class: 'pl-section-title' }, ...messageParts(t, 'teamHeading', h('bdi', null, displayHost(team.server))));
  const section = (...kids: Array<Node | null>) => h('section', { id: 'pl-team', class: 'pl-section', 'aria-labelledby': 'pl-team-h', 'data-team': team.kind }, title, ...kids);
  // The reason comes from the background (network errors, a server's own words): English, as the
  // other background errors; the sentence around it is the reader's language.
  if (team.kind === 'error') return section(h('p', { class: 'pl-muted pl-small' }, ...messageParts(t, 'teamError', h('bdi', null, team.message))));
  if (!team.matches.length) return section(h('p', { class: 'pl-muted pl-small' }, t('teamNoMatch')));
  return section(
    h('p', { class: 'pl-muted pl-small' }, t('teamIntro')),
    h('ul', { id: 'pl-team-matches', class: 'pl-list' }, ...team.matches.map((m) => matchItem(doc, m, t))),
  );
}

function matchItem(doc: Document, m: TeamMatch, t: Translate): HTMLElement {
  const when = formatDate(m.publishedTime, t);
  const outlet = m.siteName || displayHost(m.url);
  return elIn(
    doc,
    'li',
    { class: 'pl-item' },
    safeLink(doc, m.url, m.title || displayHost(m.url)),
    elIn(doc, 'p', { class: 'pl-muted pl-small' }, elIn(doc, 'bdi', null, outlet), when ? ' · ' : '', when ? elIn(doc, 'time', { datetime: m.publishedTime }, when) : '', ` · ${t('teamShare', percent(m.shingleShare))}`),
  );
}
