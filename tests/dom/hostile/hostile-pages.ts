/**
 * The hostile page corpus: generated pages that attack the content script through its inputs.
 * Each family takes one ordinary news article and adds one attack; `hostilePages()` returns them
 * all (see the families below for what each tries). Used by the dom tier (hostile.test.ts); the
 * article page also serves the real-browser tests (tests/e2e/hostile-pages.test.ts).
 */

/** One generated page. */
export interface HostilePage {
  /** Unique, readable: "<family>/<variant>". */
  id: string;
  family: Family;
  html: string;
  /**
   * What extraction must do: read the article (`article`), refuse the page with one of these
   * reasons, or either (`any`: a page whose attack may legitimately make it unreadable).
   */
  expect: 'article' | { refused: RegExp } | 'any';
  /** Named properties a browser would create on this page (emulated where the DOM has none). */
  clobbers?: Clobber[];
  /**
   * Names the page's elements stand for on the content script's own global (a Chromium isolated
   * world made after the page was parsed), where the extension API would be: the content script
   * must then find no API and talk through its relay.
   */
  worldClobbers?: string[];
  /** Page script to run after the highlights are drawn (a mutation attack on our marks). */
  afterHighlight?: (doc: Document) => void;
}

/** A named property a browser creates: `document.<name>` or `<form id=formId>.<name>`. */
export interface Clobber {
  on: 'document' | 'form' | 'window';
  name: string;
}

type Family = 'script-text' | 'clobber-document' | 'clobber-form' | 'clobber-window' | 'size' | 'encoding' | 'bidi' | 'comments' | 'style' | 'mutation';

/** What a payload calls if it ever runs; the page defines it, tests read `window.__plPwned`. */
export const TRIPWIRE = '__plPwned';

/** The article paragraphs every page carries (long enough for Readability and the gate). */
export const PARAGRAPHS = [
  'The harbor authority voted on Tuesday to close the north pier for eight months of repairs after engineers found corrosion in its steel supports.',
  'Inspectors said the damage had spread faster than expected since the last survey in 2024, and that the pier could no longer carry delivery trucks safely.',
  'Ferry services will move to the south terminal from next Monday, the authority said, adding that timetables would stay the same for most routes.',
  'Local businesses on the pier asked for compensation, saying the closure would cost them most of the summer season and the jobs that come with it.',
  'The authority said it would publish a plan for temporary stalls near the south terminal by the end of the month, after talks with the traders.',
];

const TITLE = 'Harbor authority closes north pier for repairs';

/** Script payloads: each would call the tripwire if any of it were parsed as HTML or run. */
const PAYLOADS = [
  `<script>${TRIPWIRE}()</script>`,
  `<img src=x onerror="${TRIPWIRE}()">`,
  `<svg onload="${TRIPWIRE}()"></svg>`,
  `"><script>${TRIPWIRE}()</script>`,
  `javascript:${TRIPWIRE}()`,
  `<iframe srcdoc="<script>parent.${TRIPWIRE}()</script>"></iframe>`,
  `<a href="javascript:${TRIPWIRE}()">x</a>`,
  `</title><script>${TRIPWIRE}()</script>`,
  `\u003cscript\u003e${TRIPWIRE}()\u003c/script\u003e`,
  `<details open ontoggle="${TRIPWIRE}()">`,
  `{{constructor.constructor('${TRIPWIRE}()')()}}`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${TRIPWIRE}()>`,
];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Escapes for inside a <script type="application/ld+json"> (the only unsafe sequence is "</"). */
function jsonInScript(v: unknown): string {
  return JSON.stringify(v).replace(/<\//g, '<\\/');
}

interface Parts {
  title?: string;
  byline?: string;
  head?: string;
  jsonLd?: Record<string, unknown>;
  before?: string;
  paragraphs?: string[];
  after?: string;
  bodyAttrs?: string;
}

/** An ordinary article page with the given parts replaced (text is escaped; `head`, `before`, `after` are raw HTML). */
export function articlePage(p: Parts = {}): string {
  const paras = (p.paragraphs ?? PARAGRAPHS).map((t) => `<p>${esc(t)}</p>`).join('\n    ');
  const ld = p.jsonLd ?? { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: p.title ?? TITLE, author: { '@type': 'Person', name: p.byline ?? 'Dana Ortiz' } };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
  <title>${esc(p.title ?? TITLE)} - The Pier Gazette</title>
  <meta property="og:type" content="article">
  <meta name="author" content="${esc(p.byline ?? 'Dana Ortiz')}">
  <script type="application/ld+json">${jsonInScript(ld)}</script>
  <script>window.${TRIPWIRE} = function () { window.${TRIPWIRE}.calls = (window.${TRIPWIRE}.calls || 0) + 1; };</script>
  ${p.head ?? ''}
</head><body${p.bodyAttrs ?? ''}>
  <header><nav><a href="/">Home</a> <a href="/local">Local</a></nav></header>
  ${p.before ?? ''}
  <article>
    <h1>${esc(p.title ?? TITLE)}</h1>
    <p class="byline">By ${esc(p.byline ?? 'Dana Ortiz')}</p>
    ${paras}
  </article>
  ${p.after ?? ''}
  <footer><p>© The Pier Gazette</p></footer>
</body></html>`;
}

function scriptText(): HostilePage[] {
  const out: HostilePage[] = [];
  PAYLOADS.forEach((payload, i) => {
    const p = (slot: string, parts: Parts): HostilePage => ({ id: `script-text/${slot}-${i}`, family: 'script-text', html: articlePage(parts), expect: 'article' });
    out.push(p('paragraph', { paragraphs: [PARAGRAPHS[0], `${PARAGRAPHS[1]} ${payload}`, ...PARAGRAPHS.slice(2)] }));
    out.push(p('title', { title: `${TITLE} ${payload}` }));
    out.push(p('byline', { byline: `Dana Ortiz ${payload}` }));
    out.push(p('jsonld-headline', { jsonLd: { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: payload, description: payload } }));
    out.push(p('jsonld-author', { jsonLd: { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: TITLE, author: { '@type': 'Person', name: payload, url: `javascript:${TRIPWIRE}()` } } }));
    // Event handlers on the article's own elements: present in the page, never triggered by us.
    out.push({
      id: `script-text/handlers-${i}`,
      family: 'script-text',
      html: articlePage({
        before: `<div onmouseover="${TRIPWIRE}()" onfocus="${TRIPWIRE}()" tabindex="-1"><p onclick="${TRIPWIRE}()">${esc(payload)}</p></div>`,
        head: `<meta property="og:title" content="${esc(payload)}"><link rel="canonical" href="javascript:${TRIPWIRE}()">`,
      }),
      expect: 'article',
    });
  });
  return out;
}

// Every document member the content script and extraction read (safe-dom.ts, Readability,
// clean-article.ts, read-metadata.ts): a browser lets `<img name=x>` shadow each.
const DOCUMENT_MEMBERS = [
  'body', 'documentElement', 'defaultView', 'activeElement', 'visibilityState', 'prerendering', 'implementation',
  'adoptedStyleSheets', 'createElement', 'createTextNode', 'createRange', 'createTreeWalker', 'getElementsByTagName',
  'querySelector', 'querySelectorAll', 'getElementById', 'cloneNode', 'addEventListener', 'removeEventListener',
  'title', 'head', 'URL', 'documentURI', 'baseURI', 'firstChild', 'childNodes', 'children', 'firstElementChild',
  'location', 'readyState', 'hidden', 'importNode', 'contains',
];
// Members of an element the walks and Readability read: a form's controls shadow each on the form.
const FORM_MEMBERS = [
  'firstChild', 'nextSibling', 'parentNode', 'nodeType', 'localName', 'tagName', 'nodeName', 'childNodes', 'children',
  'firstElementChild', 'nextElementSibling', 'parentElement', 'insertBefore', 'replaceChild', 'appendChild', 'removeChild',
  'hasAttribute', 'getAttribute', 'removeAttribute', 'setAttribute', 'textContent', 'innerHTML', 'className', 'id',
  'attributes', 'cloneNode', 'ownerDocument', 'querySelectorAll', 'getElementsByTagName', 'style', 'hidden',
  'previousSibling', 'lastChild',
];
// Window members the content script reads (named properties reach these only where the window has
// no such member, as `browser` in Chrome and `navigation` in older Firefox).
const WINDOW_MEMBERS = ['browser', 'chrome', 'navigation', 'requestIdleCallback', 'addEventListener', 'name', 'getComputedStyle', 'MutationObserver', 'AbortController', 'CSSStyleSheet'];

function clobbering(): HostilePage[] {
  const out: HostilePage[] = [];
  for (const name of DOCUMENT_MEMBERS) {
    out.push({
      id: `clobber-document/${name}`,
      family: 'clobber-document',
      html: articlePage({ before: `<img name="${name}" src="data:,"><form name="${name}"></form>` }),
      expect: 'article',
      clobbers: [{ on: 'document', name }],
    });
  }
  for (const name of FORM_MEMBERS) {
    // The form wraps the whole article, as ASP.NET pages do: every walk passes through it.
    out.push({
      id: `clobber-form/${name}`,
      family: 'clobber-form',
      html: articlePage({ before: `<form id="page-form" action="/post"><input type="hidden" name="${name}" id="${name}-input">`, after: `</form>` }).replace(
        /<\/article>\s*<\/form>/,
        '</article></form>',
      ),
      expect: 'article',
      clobbers: [{ on: 'form', name }],
    });
  }
  for (const name of WINDOW_MEMBERS) {
    out.push({
      id: `clobber-window/${name}`,
      family: 'clobber-window',
      html: articlePage({ before: `<form id="${name}"><input name="runtime" id="id"><input name="id"></form><a id="${name}" href="javascript:${TRIPWIRE}()">x</a>` }),
      expect: 'article',
      clobbers: [{ on: 'window', name }],
    });
  }
  // Both extension globals at once ("double clobber"): in Chromium an isolated world made after
  // these exist has its API hung on the element (shadowed by a form's controls) or none at all.
  const doubles: Record<string, string> = {
    'form-controls': '<form id="chrome"><input name="runtime" id="id"><input name="id"></form><form id="browser"><input name="runtime" id="id"><input name="id"></form>',
    forms: '<form id="chrome"></form><form id="browser"></form>',
    'img-embed': '<img name="chrome" alt=""><embed id="browser" type="text/plain">',
    frames: '<iframe name="chrome" src="about:blank"></iframe><iframe name="browser" src="about:blank"></iframe>',
  };
  for (const [variant, before] of Object.entries(doubles)) {
    out.push({
      id: `clobber-window/chrome-and-browser-${variant}`,
      family: 'clobber-window',
      html: articlePage({ before }),
      expect: 'article',
      clobbers: [{ on: 'window', name: 'chrome' }, { on: 'window', name: 'browser' }],
      worldClobbers: ['chrome', 'browser'],
    });
  }
  return out;
}

function nest(depth: number, open: string, close: string, inner: string): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

function sizes(): HostilePage[] {
  const out: HostilePage[] = [];
  const article = PARAGRAPHS.map((t) => `<p>${esc(t)}</p>`).join('');
  // Deep: under the cap the article is read; over it the page is refused before Readability.
  for (const depth of [50, 200, 390]) {
    out.push({ id: `size/deep-${depth}-div`, family: 'size', html: articlePage({ before: nest(depth, '<div>', '</div>', '<span>deep</span>') }), expect: 'article' });
  }
  for (const depth of [420, 1_000]) {
    out.push({ id: `size/deep-${depth}-div`, family: 'size', html: articlePage({ before: nest(depth, '<div>', '</div>', 'x') }), expect: { refused: /nested too deeply/ } });
  }
  // The article itself nested deep (a nesting bomb around the text).
  out.push({ id: 'size/deep-article-500', family: 'size', html: articlePage({ paragraphs: [], before: nest(500, '<div><b>', '</b></div>', article) }), expect: { refused: /nested too deeply/ } });
  out.push({ id: 'size/deep-fieldset-600', family: 'size', html: articlePage({ before: nest(600, '<form><fieldset>', '</fieldset></form>', 'x') }), expect: { refused: /nested too deeply/ } });
  // Wide: many siblings, under and over the element cap.
  out.push({ id: 'size/wide-5k', family: 'size', html: articlePage({ after: '<ul>' + '<li>item</li>'.repeat(5_000) + '</ul>' }), expect: 'article' });
  out.push({ id: 'size/wide-30k', family: 'size', html: articlePage({ after: '<div>' + '<i></i>'.repeat(30_000) + '</div>' }), expect: { refused: /too many elements/ } });
  out.push({ id: 'size/wide-and-deep', family: 'size', html: articlePage({ after: ('<div>' + nest(300, '<span>', '</span>', 'y') + '</div>').repeat(20) }), expect: 'any' });
  // Huge text: over the text cap in one node, and many huge paragraphs under it.
  out.push({ id: 'size/text-3M', family: 'size', html: articlePage({ after: `<p>${'lorem ipsum '.repeat(250_000)}</p>` }), expect: { refused: /too much text/ } });
  out.push({ id: 'size/long-paragraphs', family: 'size', html: articlePage({ paragraphs: PARAGRAPHS.map((p) => `${p} `.repeat(60)) }), expect: 'article' });
  out.push({ id: 'size/many-attributes', family: 'size', html: articlePage({ before: `<div ${Array.from({ length: 2_000 }, (_, i) => `data-a${i}="${'v'.repeat(20)}"`).join(' ')}>x</div>` }), expect: 'article' });
  out.push({ id: 'size/long-word', family: 'size', html: articlePage({ after: `<p>${'a'.repeat(500_000)}</p>` }), expect: 'any' });
  return out;
}

function encodings(): HostilePage[] {
  const bad = new Uint8Array([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe, 0xed, 0xa0, 0x80]);
  const decoded = new TextDecoder('utf-8').decode(bad); // U+FFFD replacement characters
  const latin1 = new TextDecoder('latin1').decode(new TextEncoder().encode('Überschwemmung in Köln – “Zitat”'));
  const variants: Record<string, string> = {
    'lone-surrogates': '\ud800 broken \udfff pair \ud83d',
    'replacement-chars': decoded,
    'nul-and-controls': '\u0000\u0001\u0008\u000b\u001b[31m\u007f\u0085',
    mojibake: latin1,
    'bom-inside': '\ufeffword\ufeff joined\ufeff',
    noncharacters: '\ufffe\uffff\ufdd0',
    'private-use': '\ue000\uf8ff\u{f0000}',
    'overlong-escape': '%C0%AE%C0%AE%2F',
    'html-entities-unterminated': '&amp &lt &#x110000; &#0; &#xD800;',
    'tag-chars': '\u{e0041}\u{e0042}\u{e007f}',
  };
  return Object.entries(variants).map(([name, s]) => ({
    id: `encoding/${name}`,
    family: 'encoding' as const,
    html: articlePage({ title: `${TITLE} ${s}`, byline: `Dana ${s}`, paragraphs: PARAGRAPHS.map((p, i) => (i === 2 ? `${p} ${s}` : p)) }),
    expect: 'article' as const,
  }));
}

function bidi(): HostilePage[] {
  const zw = (t: string, c: string) => t.split(' ').join(` ${c}`);
  const variants: Record<string, string[]> = {
    'rlo-override': PARAGRAPHS.map((p) => `\u202e${p}\u202c`),
    'lro-override': PARAGRAPHS.map((p) => `\u202d${p}\u202c`),
    isolates: PARAGRAPHS.map((p) => `\u2067${p}\u2069`),
    'zero-width-space': PARAGRAPHS.map((p) => zw(p, '\u200b')),
    'zero-width-joiner': PARAGRAPHS.map((p) => zw(p, '\u200d')),
    'zero-width-non-joiner': PARAGRAPHS.map((p) => zw(p, '\u200c')),
    'word-joiner': PARAGRAPHS.map((p) => zw(p, '\u2060')),
    'soft-hyphens': PARAGRAPHS.map((p) => p.replace(/(\w{3})/g, '$1\u00ad')),
    hebrew: PARAGRAPHS.map((p, i) => (i % 2 ? p : `רשות הנמל הצביעה ביום שלישי לסגור את המזח הצפוני לשמונה חודשים של תיקונים. ${p}`)),
    arabic: PARAGRAPHS.map((p, i) => (i % 2 ? p : `صوتت سلطة الميناء يوم الثلاثاء على إغلاق الرصيف الشمالي لمدة ثمانية أشهر للإصلاحات. ${p}`)),
    'combining-flood': PARAGRAPHS.map((p, i) => (i === 1 ? p.replace(/e/g, 'e\u0301\u0302\u0303\u0304\u0305\u0306\u0307') : p)),
    'rtl-body': PARAGRAPHS,
  };
  return Object.entries(variants).map(([name, paragraphs]) => ({
    id: `bidi/${name}`,
    family: 'bidi' as const,
    html: articlePage({ paragraphs, bodyAttrs: name === 'rtl-body' ? ' dir="rtl"' : '', title: name === 'rlo-override' ? `\u202e${TITLE}` : undefined }),
    expect: 'article' as const,
  }));
}

function commentsOnly(): HostilePage[] {
  const inComment = PARAGRAPHS.map((p) => `<!-- <p>${p}</p> -->`).join('\n');
  const pages: Array<[string, string]> = [
    ['article-in-comments', `<!doctype html><html><head><title>x</title></head><body>${inComment}</body></html>`],
    ['empty-comments', `<!doctype html><html><head></head><body><!----><!-- --><!--></body></html>`],
    ['comment-only-document', `<!-- ${PARAGRAPHS.join(' ')} -->`],
    ['comment-with-tags', `<!doctype html><html><body><!-- </body></html><script>${TRIPWIRE}()</script> --></body></html>`],
    ['conditional-comments', `<!doctype html><html><body><!--[if IE]><p>${PARAGRAPHS[0]}</p><![endif]--></body></html>`],
    ['cdata-and-pi', `<!doctype html><html><body><![CDATA[ ${PARAGRAPHS[0]} ]]><?xml-stylesheet href="x"?></body></html>`],
  ];
  return pages.map(([name, html]) => ({ id: `comments/${name}`, family: 'comments' as const, html, expect: 'any' as const }));
}

// Page stylesheets that try to make a mark (or the card) cover the screen or leak its size.
const STYLE_ATTACKS: Record<string, string> = {
  'mark-padding': 'pl-mark { padding: 5000px !important; margin: -5000px !important; }',
  'mark-fixed': 'pl-mark { position: fixed !important; inset: 0 !important; width: 100vw !important; height: 100vh !important; display: block !important; z-index: 2147483647 !important; }',
  'mark-before': 'pl-mark::before { content: "" !important; position: fixed !important; inset: 0 !important; display: block !important; }',
  'mark-after-specific': 'html body article p pl-mark[data-pl-kind]:not(#a):not(#b)::after { content: "" !important; position: fixed !important; inset: 0 !important; }',
  'mark-transform': 'pl-mark { transform: scale(100) !important; display: inline-block !important; }',
  'mark-font': 'pl-mark { font-size: 800px !important; line-height: 900px !important; }',
  'mark-layer': '@layer attack { pl-mark { padding: 3000px !important; } } @layer attack;',
  'mark-all': '* { all: unset !important; } pl-mark { display: block !important; height: 100vh !important; }',
  'mark-zoom': 'pl-mark { zoom: 50 !important; }',
  'mark-outline-border': 'pl-mark { border: 3000px solid transparent !important; }',
  'mark-width': 'pl-mark { display: inline-block !important; width: 100vw !important; height: 100vh !important; }',
  'mark-content-visibility': 'pl-mark { content-visibility: hidden !important; contain: size !important; }',
  'card-size': 'pl-card { height: auto !important; width: auto !important; display: block !important; }',
  'card-shadow-parts': 'pl-card::part(card) { display: block !important; } pl-card * { color: red !important; }',
  'attribute-selector': '[data-pl-kind] { position: absolute !important; top: 0 !important; left: 0 !important; width: 10000px !important; height: 10000px !important; display: block !important; }',
};

function styles(): HostilePage[] {
  return Object.entries(STYLE_ATTACKS).map(([name, css]) => ({
    id: `style/${name}`,
    family: 'style' as const,
    html: articlePage({ head: `<style>${css}</style>` }),
    expect: 'article' as const,
  }));
}

// Page script that tampers with our marks after they are drawn.
const MUTATIONS: Record<string, (doc: Document) => void> = {
  'inline-style': (doc) => doc.querySelectorAll('pl-mark').forEach((m) => m.setAttribute('style', 'position:fixed;inset:0;padding:4000px')),
  'style-property': (doc) => doc.querySelectorAll('pl-mark').forEach((m) => ((m as HTMLElement).style.padding = '4000px')),
  'remove-style': (doc) => doc.querySelectorAll('pl-mark').forEach((m) => m.removeAttribute('style')),
  'swap-ids': (doc) => doc.querySelectorAll('pl-mark').forEach((m) => m.setAttribute('data-pl-id', 'nope')),
  'add-class-popover': (doc) => doc.querySelectorAll('pl-mark').forEach((m) => (m.setAttribute('class', 'huge'), m.setAttribute('popover', 'manual'))),
  'change-kind': (doc) => doc.querySelectorAll('pl-mark').forEach((m) => m.setAttribute('data-pl-kind', 'verbatim')),
  'remove-marks': (doc) => doc.querySelectorAll('pl-mark').forEach((m) => m.remove()),
  'move-marks': (doc) => doc.querySelectorAll('pl-mark').forEach((m) => doc.body.prepend(m)),
  'unwrap-text': (doc) => doc.querySelectorAll('pl-mark').forEach((m) => m.replaceWith(...Array.from(m.childNodes))),
  'replace-body': (doc) => void (doc.body.textContent = 'gone'),
  'retab': (doc) => doc.querySelectorAll('pl-mark').forEach((m) => (m.setAttribute('tabindex', '-1'), m.removeAttribute('role'))),
  'aria-rewrite': (doc) => doc.querySelectorAll('pl-mark').forEach((m) => m.setAttribute('aria-description', 'page words')),
};

function mutations(): HostilePage[] {
  return Object.entries(MUTATIONS).map(([name, afterHighlight]) => ({
    id: `mutation/${name}`,
    family: 'mutation' as const,
    html: articlePage(),
    expect: 'article' as const,
    afterHighlight,
  }));
}

/** Every hostile page, in a stable order. */
export function hostilePages(): HostilePage[] {
  return [...scriptText(), ...clobbering(), ...sizes(), ...encodings(), ...bidi(), ...commentsOnly(), ...styles(), ...mutations()];
}
