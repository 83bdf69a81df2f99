/**
 * Our cleaning around Readability: reader comments, related-story lists, newsletter boxes, share
 * bars, ad slots, "read more" blocks and photo captions are removed from the document clone before
 * Readability scores it (so they cannot win or pad the article), and again from Readability's
 * output (which keeps some of them), plus a filter on paragraph text for the ones that carry no
 * class at all. Standard DOM only.
 */

/** Why an element or paragraph was dropped; credit-line search looks at some of them. */
export type DropKind = 'comments' | 'related' | 'newsletter' | 'share' | 'ad' | 'caption' | 'chrome';

// Class/id tokens are split on "-" and "_" and matched by whole words or word sequences
// ("comment-content" has the word "comment", so "content" cannot rescue it as it does in
// Readability; "commentary" is not the word "comment").
// Why comments: WordPress (`comments-area`, `comment-list`, `comment-respond`), Disqus
// (`disqus_thread`), Coral/Viafoura/OpenWeb widgets; Readability keeps `article.comment` nodes
// because "article" is in its keep-list.
const COMMENT_WORDS = ['comment', 'comments', 'commentlist', 'commentslist', 'respond', 'replies', 'disqus', 'dsq', 'discussion', 'coral', 'viafoura', 'livefyre', 'spotim', 'spot-im', 'openweb', 'fb-comments', 'kommentare', 'kommentar', 'reactions'];
// Why related: recirculation modules (Jetpack related posts, YARPP, Outbrain/Taboola widgets,
// "more stories") are lists of other articles' titles and teasers.
const RELATED_WORDS = ['related', 'relatedposts', 'related-posts', 'jp-relatedposts', 'yarpp', 'crp', 'recommended', 'recommendations', 'recommendation', 'read-more', 'readmore', 'also-read', 'see-also', 'more-stories', 'more-articles', 'more-news', 'more-from', 'more-like-this', 'you-may-like', 'you-might-like', 'trending', 'most-popular', 'most-read', 'most-viewed', 'popular-posts', 'outbrain', 'taboola', 'recirc', 'recirculation', 'next-article', 'next-story', 'nextstory', 'next-post', 'prev-post', 'post-navigation', 'nav-links', 'further-reading', 'teaser-list', 'article-list', 'story-list'];
// Why newsletter: sign-up boxes sit inside article bodies and read like a paragraph. ("paywall"
// is not here: it is a state class on paywalled articles themselves, "paywall-on"; the prompts
// are caught by their text.)
const NEWSLETTER_WORDS = ['newsletter', 'newsletters', 'subscribe', 'subscription', 'subscriptions', 'signup', 'sign-up', 'mc4wp', 'mailchimp', 'mc-embed', 'optin', 'opt-in', 'email-signup', 'piano', 'tp-container'];
// Why share: share/follow bars are link text ("Share on Facebook", "Tweet", "Email").
const SHARE_WORDS = ['share', 'shares', 'sharing', 'sharedaddy', 'sd-sharing', 'addthis', 'addtoany', 'a2a', 'sharethis', 'social', 'socials', 'follow-us', 'print-button', 'print-link', 'social-links'];
// Why ads: ad slots and their "Advertisement" labels; promo boxes for the outlet's own products.
const AD_WORDS = ['ad', 'ads', 'adv', 'advert', 'advertisement', 'advertising', 'adslot', 'adunit', 'dfp', 'gpt-ad', 'adsense', 'google-ad', 'sponsor', 'sponsored', 'promo', 'promotion', 'native-ad', 'werbung', 'anzeige', 'banner-ad'];
// Why captions: captions and photo credits describe an image, not the story, and they make a
// copy look different when an outlet swaps the photo.
const CAPTION_WORDS = ['caption', 'captions', 'wp-caption-text', 'figcaption', 'photo-credit', 'image-credit', 'media-credit', 'credit', 'credits', 'img-credit', 'copyright', 'bildunterschrift'];
// Why chrome: tags/categories lists, breadcrumbs, author boxes, post meta and footers are site
// furniture, not article prose; pull quotes repeat a sentence of the body (it would count twice). ("widget" is not here: page builders such as Elementor put it
// on every block, the article's included.)
const CHROME_WORDS = ['tags', 'tag-links', 'tag-list', 'tag-cloud', 'post-tags', 'entry-tags', 'categories', 'cat-links', 'breadcrumb', 'breadcrumbs', 'navbox', 'catlinks', 'author-bio', 'author-box', 'author-info', 'author-card', 'about-the-author', 'bio-box', 'entry-footer', 'post-footer', 'article-footer', 'site-footer', 'footer', 'post-meta', 'entry-meta', 'toolbar', 'pagination', 'pager', 'skip-link', 'screen-reader-text', 'visually-hidden', 'sr-only', 'cookie', 'cookies', 'gdpr', 'consent', 'modal', 'popup', 'overlay', 'nav', 'navbar', 'navigation', 'menu', 'masthead', 'site-header', 'topbar', 'site-title', 'blog-title', 'pullquote', 'pull-quote', 'pullout', 'site-branding', 'site-description', 'blog-description', 'tagline', 'logo'];

const WORD_RULES: Array<[string[], DropKind]> = [
  [COMMENT_WORDS, 'comments'],
  [RELATED_WORDS, 'related'],
  [NEWSLETTER_WORDS, 'newsletter'],
  [SHARE_WORDS, 'share'],
  [AD_WORDS, 'ad'],
  [CAPTION_WORDS, 'caption'],
  [CHROME_WORDS, 'chrome'],
].map(([words, kind]) => [(words as string[]).map((w) => `-${w}-`), kind as DropKind]);

// WordPress (and other CMSs) put the post's taxonomy in its classes: `category-der-kommentar`,
// `tag-social-media`. Those words are the story's topics, not the element's role.
const TAXONOMY_TOKEN = /^(category|tag|post_tag|format|post-format|post_format|topic|topics|section|rubrik|ressort|label)[-_](?!links$|list$|cloud$)/i;

// Sidebars are matched by the whole token only: "has-sidebar", "sidebar-right" and
// "sidebar_content" are layout modifiers found on the wrappers of the article itself.
const SIDEBAR_TOKEN = /^(sidebar|side-bar|sidebar-?(primary|secondary|widgets|\d)|widget-area|secondary-content)$/i;

function tokenKind(token: string): DropKind | null {
  if (TAXONOMY_TOKEN.test(token)) return null;
  if (SIDEBAR_TOKEN.test(token)) return 'related';
  // camelCase counts as separate words too ("relatedArticles", "shareBar").
  const words = token.replace(/([a-z\d])([A-Z])/g, '$1-$2').toLowerCase().split(/[-_]+/).filter(Boolean);
  const norm = `-${words.join('-')}-`;
  for (const [words, kind] of WORD_RULES) {
    for (const w of words) if (norm.includes(w)) return kind;
  }
  return null;
}

// Tags that are never article prose. `aside` holds pull quotes (repeated text), fact boxes and
// related links; `figcaption` is a caption; `form`/`button` are controls; `nav` is navigation.
const DROP_TAGS: Record<string, DropKind> = {
  NAV: 'chrome',
  ASIDE: 'related',
  FIGCAPTION: 'caption',
  FORM: 'chrome',
  BUTTON: 'chrome',
  SELECT: 'chrome',
  TEXTAREA: 'comments',
  DIALOG: 'chrome',
  IFRAME: 'ad',
};

// ARIA roles of page furniture.
const DROP_ROLES: Record<string, DropKind> = {
  navigation: 'chrome',
  complementary: 'related',
  contentinfo: 'chrome',
  banner: 'chrome',
  search: 'chrome',
  dialog: 'chrome',
  alertdialog: 'chrome',
  menu: 'chrome',
  menubar: 'chrome',
  toolbar: 'chrome',
};

// Tags and roles that say what an element is, so no size test overrides them. FORM is not among
// them: ASP.NET pages wrap the whole page, article included, in one form.
const SEMANTIC_TAGS = new Set(['NAV', 'ASIDE', 'FIGCAPTION', 'BUTTON', 'SELECT', 'TEXTAREA', 'DIALOG', 'IFRAME']);

/** Why an element is page furniture, and whether that comes from its tag or role (semantic) or only from its class and id. */
function boilerplateSignal(el: Element): { kind: DropKind; semantic: boolean } | null {
  const tag = el.tagName.toUpperCase();
  const byTag = DROP_TAGS[tag];
  if (byTag) return { kind: byTag, semantic: SEMANTIC_TAGS.has(tag) };
  const role = (el.getAttribute('role') || '').toLowerCase();
  if (role && DROP_ROLES[role]) return { kind: DROP_ROLES[role], semantic: true };
  // schema.org microdata: comments are marked up as Comment/UserComments on many CMSs.
  const itemprop = (el.getAttribute('itemprop') || '').toLowerCase();
  const itemtype = (el.getAttribute('itemtype') || '').toLowerCase();
  if (/\b(comment|comments)\b/.test(itemprop) || /schema\.org\/(comment|usercomments)\b/.test(itemtype)) return { kind: 'comments', semantic: true };
  if (el.hasAttribute('data-ad') || el.hasAttribute('data-ad-slot') || el.hasAttribute('data-google-query-id')) return { kind: 'ad', semantic: true };
  const tokens = `${el.getAttribute('class') || ''} ${el.getAttribute('id') || ''}`.split(/\s+/).filter(Boolean);
  for (const token of tokens) {
    const kind = tokenKind(token);
    if (kind) return { kind, semantic: false };
  }
  return null;
}

/** Classifies an element as page furniture by its tag, role, itemprop, class and id; else null. */
export function boilerplateKind(el: Element): DropKind | null {
  return boilerplateSignal(el)?.kind ?? null;
}

/** Normalised text of a node: whitespace collapsed, trimmed. */
export function textOf(node: Node): string {
  return (node.textContent || '').replace(/\s+/g, ' ').trim();
}

/** An element that was removed, with why and its text (for the credit-line search). */
export interface Dropped {
  kind: DropKind;
  text: string;
}

// A class or id alone is a weak signal: "has-sidebar", "paywall-on", "with-share-bar" are
// modifiers on the article's own wrapper. An element named furniture only by its class but holding
// this much prose (about three paragraphs) is kept. Comments are exempt (a thread is long), and so
// are elements named by their tag or role (aside, nav, role=complementary). Higher drops more
// furniture with long text (footers with legal notices, teaser boxes) but risks more articles.
const WRAPPER_MIN_PROSE = 450;
// A paragraph this long counts as prose; shorter ones are teasers, labels, captions.
const PROSE_CHARS = 120;
// Captions are dropped unless they carry most of the text: on gallery and slideshow articles the
// story is written in the slide captions, and dropping them would drop the article.
const CAPTION_MAX_SHARE = 0.5;

function proseChars(el: Element): number {
  let chars = 0;
  for (const p of Array.from(el.querySelectorAll('p'))) {
    const len = textOf(p).length;
    if (len >= PROSE_CHARS) chars += len;
  }
  return chars;
}

const NEVER_DROP = new Set(['HTML', 'BODY', 'MAIN', 'HEAD']);

/**
 * Removes boilerplate elements under `root`, except those containing a protected node (the
 * headline or the declared article body: a class rule must never take the article with it) and
 * non-comment furniture that wraps prose. `only` limits the pass to some kinds.
 */
export function removeBoilerplate(root: Element, protect: Element[], dropped: Dropped[], only?: ReadonlySet<DropKind>): void {
  const captions: Element[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (!root.contains(el)) continue; // already inside a removed subtree
    if (NEVER_DROP.has(el.tagName.toUpperCase()) || (el.getAttribute('role') || '').toLowerCase() === 'main') continue;
    const signal = boilerplateSignal(el);
    if (!signal || (only && !only.has(signal.kind))) continue;
    const kind = signal.kind;
    if (protect.some((p) => p === el || el.contains(p))) continue;
    if (kind === 'caption') {
      captions.push(el);
      continue;
    }
    if (kind !== 'comments' && !signal.semantic && proseChars(el) >= WRAPPER_MIN_PROSE) continue;
    dropped.push({ kind, text: textOf(el) });
    el.remove();
  }
  if (only && !only.has('caption')) return;
  const live = captions.filter((c) => root.contains(c));
  const captionChars = live.reduce((n, c) => n + textOf(c).length, 0);
  if (captionChars > CAPTION_MAX_SHARE * textOf(root).length) return;
  for (const c of live) {
    if (!root.contains(c)) continue;
    dropped.push({ kind: 'caption', text: textOf(c) });
    c.remove();
  }
}

/** Removes elements that are never read: scripts, styles, hidden nodes. */
export function removeInvisible(root: Element): void {
  const h1 = root.querySelector('h1');
  // A wrapper that holds the headline is the page itself, hidden only for the moment: sites set
  // aria-hidden (or hidden) on the whole page while a consent or newsletter dialog is open, and
  // the content script may run just then. It is un-hidden in the clone instead of removed.
  const holdsPage = (el: Element) => !!h1 && (el === h1 || el.contains(h1));
  for (const el of Array.from(root.querySelectorAll('script, style, noscript, template, svg, link, meta'))) {
    if (root.contains(el)) el.remove();
  }
  for (const el of Array.from(root.querySelectorAll('[hidden], [aria-hidden="true"]'))) {
    if (!root.contains(el)) continue;
    if (holdsPage(el)) {
      el.removeAttribute('hidden');
      el.removeAttribute('aria-hidden');
      continue;
    }
    // aria-hidden is also used on decorative icons inside real text; dropping an icon is harmless,
    // but a whole aria-hidden block of prose is rare enough that this is a net win.
    el.remove();
  }
  // Text for screen readers only ("Post author", "Opens in new window") is not what readers see;
  // it also glues itself to bylines and dates ("Post authorBy Priya Shah").
  for (const el of Array.from(root.querySelectorAll('.screen-reader-text, .sr-only, .visually-hidden, .screen-reader-only, .visuallyhidden, .a11y-hidden'))) {
    if (root.contains(el) && !holdsPage(el)) el.remove();
  }
  for (const el of Array.from(root.querySelectorAll('[style]'))) {
    if (!root.contains(el)) continue;
    const style = (el.getAttribute('style') || '').replace(/\s+/g, '').toLowerCase();
    if (!/display:none|visibility:hidden/.test(style)) continue;
    if (holdsPage(el)) el.removeAttribute('style');
    else el.remove();
  }
}

// Paragraph-text rules for boilerplate that carries no class. Each is anchored and length-capped
// so that article prose which merely mentions these words is kept.
const TEXT_RULES: Array<[RegExp, number, DropKind]> = [
  // Ad labels left behind by removed ad slots.
  [/^(advertisement|advertising|anzeige|werbung|sponsored( content)?|story continues (below|after)( advertisement)?|article continues (below|after)( this)?( advertisement| ad)?|scroll (down )?to continue( reading)?|continue reading below)\W*$/i, 80, 'ad'],
  // "Read more: ...", "RELATED: ...", "Watch: ...": teasers for other stories (a separator
  // after the label, so "Watch the cost double" in prose is kept).
  [/^(read more|read also|related|see also|also read|also see|more|more from \S+|watch|watch now|listen|video|recommended|don'?t miss|mehr|mehr zum thema|lesen sie auch|auch interessant|siehe auch)\s*[:|>»]\s*.*$/i, 160, 'related'],
  // Headings of related-story boxes, alone on their line.
  [/^(read more|related( stories| articles| posts| content| coverage| reading| links)?|see also|also read|more (from|on|in) .{1,40}|recommended( reading| for you| stories)?|you (might|may) also (like|enjoy|be interested in)|don'?t miss|trending( now)?|must read|most (read|popular|viewed)|editor'?s picks|mehr zum thema|lesen sie auch|weiterlesen|auch interessant|das könnte (sie|dich) auch interessieren|ähnliche (beiträge|artikel|themen)|weitere (artikel|beiträge|news|nachrichten|themen|tourentipps)|verwandte (artikel|beiträge)|meist(gelesene|diskutierte|kommentierte|geklickte)( artikel| beiträge| news)?|most commented|à lire aussi|lire aussi|sur le même sujet|(también )?(te|le) puede interesar|lea también|leer más)\W*$/i, 80, 'related'],
  // Rating widgets and embed-consent placeholders.
  [/^(valora esta noticia|rate this (article|story|post)|artikel bewerten|bewerten sie (diesen|den) artikel|hier können sie den artikel bewerten|externer inhalt|external content|empfohlener redaktioneller inhalt)\b.*$/i, 200, 'chrome'],
  // Prompts to share the article.
  [/\b(vergiss nicht,? (ihn |es )?zu teilen|teile (diesen|den) (artikel|beitrag)|share this (article|post|story) with|if you (liked|enjoyed) this (article|post|story))\b/i, 140, 'share'],
  // Share bars flattened to text.
  [/^(share|share this( article| story| post)?|share on \w+|share via|tweet|email|print|copy link|sharing is caring|teilen)\b[\s:]*(\b(facebook|twitter|x|linkedin|whatsapp|email|e-mail|print|reddit|pinterest|telegram|copy link|tweet|share)\b[\s,|]*)*$/i, 120, 'share'],
  [/^(like this|gefällt mir|like|teilen mit|share this:)\W*$/i, 40, 'share'],
  // Newsletter and subscription prompts (including paywall teasers' calls to action).
  [/^(sign up|subscribe|get (our|the) (free )?(newsletter|daily|morning|evening)|join our (newsletter|mailing list)|enter your email|already (a subscriber|subscribed|have an account)|subscribe (now|today|to continue|to read)|to continue reading|this (article|story|content) is (for|available to|exclusive to) (subscribers|members)|become a (member|subscriber)|log in to (continue|read))\b.*$/i, 240, 'newsletter'],
  [/\b(newsletter|inbox)\b.*\b(sign up|subscribe|delivered)\b|\b(sign up|subscribe)\b.*\b(newsletter|inbox)\b/i, 200, 'newsletter'],
  [/(\bsigning up\b.*\b(newsletter|inbox|email)\b|\b(sign up|subscribe|register)( here| now| today)?[.!]?$)/i, 160, 'newsletter'],
  // Login and account prompts.
  [/^(sie sind (aktuell |derzeit )?nicht (eingeloggt|angemeldet)|you are not logged in|please log in|bitte (melden sie sich an|einloggen))\b.*$/i, 160, 'chrome'],
  [/^(sign-?up successful|thanks? (you )?for (signing up|subscribing)|you('re| are) (now )?subscribed)\b.*$/i, 120, 'newsletter'],
  [/^this (post|article|page|story) (contains|may contain|includes) (references to products|affiliate|sponsored|paid)\b/i, 400, 'ad'],
  // Affiliate disclosures: a notice about the page's links, not part of the story.
  [/\baffiliate[- ]?(links?|partner|programm?e?)\b/i, 300, 'ad'],
  // CMS post-meta lines ("This entry was posted in ... on ...", "Der Beitrag wurde am ...
  // veröffentlicht", "Last modified: ...").
  [/^(this (entry|post) was posted\b|posted by \S+ (on|at|in)\b|der beitrag wurde am\b|dieser (eintrag|beitrag) wurde\b.*(veröffentlicht|abgelegt)|last (modified|updated)\s*:|zuletzt (aktualisiert|geändert)\s*:|bookmark the permalink)/i, 300, 'chrome'],
  // Comment-section furniture: counts, prompts, policies.
  [/^(\d+|no|one|two|three)\s+(comments?|responses?|replies|thoughts on|reactions?|kommentare?)\b.*$/i, 200, 'comments'],
  [/^(leave a (reply|comment)|post a comment|add a comment|write a comment|join the (conversation|discussion)|comments are closed|comments? (policy|guidelines)|show comments|view comments|load comments|be the first to comment|you must be logged in to post a comment|hinterlasse einen kommentar|kommentar schreiben|schreibe einen kommentar|we want to hear what you think|what do you think\?|tell us what you think)\b.*$/i, 200, 'comments'],
  [/\b(um|to) (einen )?kommentare? (zu )?(schreiben|verfassen|abzugeben)\b|\blogged in to (post a )?comment\b/i, 160, 'comments'],
  // Photo captions and credits without a caption element.
  [/^((photo|image|picture|photograph|illustration|video|graphic|foto|bild)s?( credit)?|credit|source|quelle)\s*[:|©]\s*.*$/i, 200, 'caption'],
  [/(\((ap|afp|reuters|epa|getty|dpa)[ /]?(photo|images?|foto)[^)]*\)|\b(ap|afp|reuters|epa|dpa) photo\/|getty images|shutterstock|\bphoto by\b|\bphotograph: )\W*$/i, 400, 'caption'],
  // Counters and page numbers left from removed widgets ("98", "1 / 12"): no words, no prose.
  // Capped short so phone numbers and scores, which are content, are kept.
  [/^[\d\s.,:;/|()+#%-]*$/, 8, 'chrome'],
  // A caption whose credit ends it: "Waves break over the pier. Photo: Harbour Authority".
  [/\b(photo|photos|picture|image|images|foto|fotos|bild|credit|photograph|illustration)\s*[:©]\s*[^.!?]{2,80}$/i, 300, 'caption'],
  // "... Photo by the author.", "... Picture courtesy of the family": a credit closing a caption.
  [/\b(photo|photos|picture|image|foto|photograph|bild)\s+(by|via|courtesy(\s+of)?|credit|von)\b[^.!?]{0,60}[.!]?$/i, 300, 'caption'],
  [/^(©|\(c\)|copyright)\s*\d{0,4}.{0,120}$/i, 140, 'chrome'],
  // Tag and category lists.
  [/^(tags|tagged|tagged with|filed under|categories|category|posted in|schlagwörter|kategorien)\s*:.*$/i, 300, 'chrome'],
];

// One action of a page toolbar flattened to text ("Print this story", "Email a friend").
const ACTION = /^(print|email|e-mail|share|tweet|save|bookmark|send|report|comment|copy|listen|drucken|teilen|merken|versenden)\b.{0,25}$/i;
const MAX_ACTION_LINE = 100;

/** Classifies a paragraph's text as boilerplate (why) or null when it reads as article prose. */
export function boilerplateText(text: string): DropKind | null {
  for (const [re, max, kind] of TEXT_RULES) {
    if (text.length <= max && re.test(text)) return kind;
  }
  // A toolbar line: every part between separators is an action ("Print this story | Email a friend").
  if (text.length <= MAX_ACTION_LINE) {
    const parts = text.split(/\s*[|·•]\s*/).filter(Boolean);
    if (parts.length > 0 && parts.every((p) => ACTION.test(p))) return 'share';
  }
  return null;
}

// A block after a related-stories heading is its list when this share of its text is link text.
const RELATED_LIST_LINK_SHARE = 0.6;
const MAX_HEADING_CHARS = 80;

function linkShare(el: Element): number {
  const total = textOf(el).length;
  if (!total) return 0;
  const linked = Array.from(el.querySelectorAll('a')).reduce((n, a) => n + textOf(a).length, 0);
  return linked / total;
}

/**
 * Removes related-story boxes that carry no class: a heading such as "You may also like" or
 * "Das könnte Sie auch interessieren" and the list of links right after it.
 */
export function removeRelatedBlocks(root: Element, dropped: Dropped[]): void {
  for (const el of Array.from(root.querySelectorAll('h2, h3, h4, h5, h6, p, strong, b, div'))) {
    if (!root.contains(el) || el.querySelector('p, div, ul, ol')) continue;
    const text = textOf(el);
    if (!text || text.length > MAX_HEADING_CHARS || boilerplateText(text) !== 'related') continue;
    // The heading may be wrapped (<p><strong>Related</strong></p>): step up to the block.
    let block: Element = el;
    while (block.parentElement && block.parentElement !== root && textOf(block.parentElement) === text) block = block.parentElement;
    const next = block.nextElementSibling;
    if (next && /^(UL|OL|DIV|SECTION|P)$/.test(next.tagName.toUpperCase()) && linkShare(next) >= RELATED_LIST_LINK_SHARE) {
      dropped.push({ kind: 'related', text: textOf(next) });
      next.remove();
    }
    dropped.push({ kind: 'related', text });
    block.remove();
  }
}

