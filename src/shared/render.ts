/**
 * Small safe DOM helpers shared by the extension pages and the hover card: elements are built with
 * `textContent` and allow-listed attributes only, links are parsed with `new URL()` and limited to
 * http(s). Also plain date formatting in the interface's language (absolute, and relative with
 * durations by the core's one rule, worded by Intl). No side effects at import.
 */
import { durationAmount } from '../core/duration-words';
import { uiLanguage, type Translate } from './i18n';

/** A child accepted by `el`: strings become text nodes; null/undefined/false are skipped. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes accepted by `el`; `null`/`undefined`/`false` skip the attribute, `true` sets it empty. */
export type Attrs = Record<string, string | number | boolean | null | undefined>;

// Attributes that could carry script or navigation are never set through `el`: links go through
// safeLink() so their URL is checked.
const FORBIDDEN_ATTR = /^(on|href$|src$|srcdoc$|action$|formaction$|style$)/i;

/** Builds an element in `doc` with attributes and text-only children (never parses HTML). */
export function elIn<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K];
export function elIn(doc: Document, tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement;
export function elIn(doc: Document, tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement {
  const node = doc.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (FORBIDDEN_ATTR.test(name)) throw new Error(`el: attribute ${name} is not allowed`);
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, ...children);
  return node;
}

/** Appends text-only children (strings become text nodes) to a node. */
function append(parent: Node, ...children: Child[]): void {
  const doc = parent.ownerDocument ?? (parent as Document);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : doc.createTextNode(String(child)));
  }
}

/**
 * Parses a URL from a page or feed and returns it only when its scheme is allowed (https, and http
 * when `allowHttp`, the default, since displayed article URLs are often http); else null.
 */
export function safeUrl(raw: string | null | undefined, allowHttp = true): URL | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol === 'https:' || (allowHttp && url.protocol === 'http:')) return url;
  return null;
}

/**
 * A link to an external page with `rel="noopener noreferrer"` opening in a new tab; when the URL is
 * not http(s) the text is returned in a plain <span> so nothing unsafe is ever clickable.
 */
export function safeLink(
  doc: Document,
  raw: string | null | undefined,
  text: string,
  attrs?: Attrs | null,
): HTMLAnchorElement | HTMLSpanElement {
  const url = safeUrl(raw);
  // Link text is a page's title or name, in its own direction (an Arabic title in an English list).
  if (!url) return elIn(doc, 'span', { dir: 'auto', ...attrs }, text);
  const a = elIn(doc, 'a', { dir: 'auto', ...attrs, target: '_blank', rel: 'noopener noreferrer' }, text);
  a.href = url.href;
  return a;
}

/** A link to one of our own extension pages (relative URL, same tab). */
export function pageLink(doc: Document, path: string, params: Record<string, string>, text: string, attrs?: Attrs | null): HTMLAnchorElement {
  const a = elIn(doc, 'a', attrs, text);
  const query = new URLSearchParams(params).toString();
  a.setAttribute('href', query ? `${path}?${query}` : path);
  return a;
}

/**
 * The host to show for a URL, without `www.`; the input itself when it does not parse (something
 * is always shown). A display helper: which site a URL belongs to is core/site.ts's (not imported
 * here, so the content script's hover card stays clear of the Public Suffix List).
 */
export function displayHost(raw: string | null | undefined): string {
  if (!raw) return '';
  try {
    return new URL(raw).hostname.replace(/^www\./, '');
  } catch {
    return raw;
  }
}

function parseDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An absolute date such as "22 Nov 2026, 14:05" in the interface's language, or null. */
export function formatDate(iso: string | null | undefined, t: Translate): string | null {
  const d = parseDate(iso);
  if (!d) return null;
  const hasTime = typeof iso === 'string' && /T\d\d:\d\d/.test(iso);
  return d.toLocaleString(uiLanguage(t), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(hasTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
}

/** A duration by the core's one rule ("90 minutes", "36 hours"), worded in the interface's language. */
function localDuration(ms: number, t: Translate): string {
  const a = durationAmount(ms);
  if (!a) return t('durationMoments');
  return new Intl.NumberFormat(uiLanguage(t), { style: 'unit', unit: a.unit, unitDisplay: 'long' }).format(a.n);
}

/**
 * When `iso` happened relative to `ref` (another article's date) in words: "2 hours earlier",
 * "1 day later", "at the same time"; relative to now ("3 days ago") when `ref` is missing.
 */
export function relativeTime(iso: string | null | undefined, ref: string | null | undefined, now: Date, t: Translate): string | null {
  const d = parseDate(iso);
  if (!d) return null;
  const r = parseDate(ref);
  if (r) {
    const diff = d.getTime() - r.getTime();
    if (Math.abs(diff) < 60e3) return t('timeSame');
    return t(diff < 0 ? 'timeEarlier' : 'timeLater', localDuration(diff, t));
  }
  const diff = d.getTime() - now.getTime();
  if (Math.abs(diff) < 60e3) return t('timeJustNow');
  return t(diff < 0 ? 'timeAgo' : 'timeIn', localDuration(diff, t));
}

/** A share in [0, 1] as a whole percentage string ("38%"); tiny non-zero shares show as "<1%". */
export function percent(share: number): string {
  if (!Number.isFinite(share) || share <= 0) return '0%';
  if (share < 0.005) return '<1%';
  return `${Math.round(Math.min(1, share) * 100)}%`;
}

/** A byte count in words ("1.2 MB"). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** Saves text as a file the user downloads (an extension page's own blob link, clicked). */
export function saveTextFile(doc: Document, name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement('a');
  a.setAttribute('href', url);
  a.download = name;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
