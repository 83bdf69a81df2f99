/**
 * Which elements of a saved page a reader could not see, read from the page's own style sheets:
 * the CLI's stand-in for the browser's `checkVisibility`, which Node's DOM (linkedom) cannot answer
 * because it lays nothing out. The extraction drops such elements where they interleave visible
 * text (src/extract/page-snapshot.ts), so that a copy with a hidden junk word every few words
 * ("The board<span class=x> zebra</span> met ...") reads in the CLI as it reads in the browser.
 *
 * What it reads, as a browser would for a screen: `<style>` elements (top level, and inside
 * `@media all|screen`, `@supports` and `@layer` blocks; other media queries are not evaluated and
 * their rules are left out), the `style` attribute, and the `hidden` attribute (the user-agent's
 * `display: none`). The properties checkVisibility reads: `display: none`, `visibility:
 * hidden|collapse` (inherited; a descendant may show again), `opacity: 0`, and `content-visibility:
 * hidden` on an ancestor; and two that leave a box but draw no letters, as the browser's textDrawn
 * test reads them (src/extract/page-snapshot.ts): `font-size: 0` and a fully transparent `color`
 * or `-webkit-text-fill-color` (inherited likewise; a `text-shadow` that would draw transparent
 * letters is not read, and a non-zero relative size under a zero one counts as visible). Boxes
 * clipped to a pixel or moved off the page are the browser's alone to tell (they need layout).
 * The cascade: `!important`, then the style attribute, then specificity, then order. Linked style sheets are not fetched (a saved page's may be gone, and the CLI loads
 * nothing a page names). Selectors the DOM cannot match (`:hover`, pseudo-elements) never apply.
 * Node only: css-tree stays out of the extension's bundles, where the browser itself answers.
 */
import { generate, parse, type CssNode } from 'css-tree';
import { isTransparentColour } from '../extract/transparent-colour';

/**
 * The properties that can hide an element's text, with their hiding values: those checkVisibility
 * reads (display, visibility, opacity, content-visibility), and those the browser's textDrawn
 * test reads from the computed style (src/extract/page-snapshot.ts): a zero font size, letters filled
 * with a fully transparent colour.
 */
const HIDING: Record<string, (value: string) => boolean> = {
  display: (v) => v === 'none',
  visibility: (v) => v === 'hidden' || v === 'collapse',
  opacity: (v) => /^(0*\.?0+|0+\.0*)%?$/.test(v),
  'content-visibility': (v) => v === 'hidden',
  'font-size': (v) => /^[-+]?(0*\.?0+|0+\.0*)([a-z]+|%)?$/.test(v),
  color: isTransparentColour,
  '-webkit-text-fill-color': isTransparentColour,
};
/** Inherited properties: the nearest element declaring one decides, and a descendant may undo an ancestor's. */
const INHERITED = ['visibility', 'font-size', 'color', '-webkit-text-fill-color'] as const;

/** One declaration of a hiding property by a rule, with what it needs to win the cascade. */
interface Declared {
  hides: boolean;
  important: boolean;
  /** Specificity packed as a * 2^20 + b * 2^10 + c; the style attribute ranks above every rule. */
  rank: number;
  /** Source order (later wins among equals). */
  order: number;
}

/** A block's declarations of the hiding properties: property -> value, importance. */
type Declarations = Map<string, { value: string; important: boolean }>;

interface Rule {
  selector: string;
  specificity: number;
  order: number;
  decls: Declarations;
}

/** Whether some declaration gives its property a hiding value. */
function hidesSomething(decls: Declarations): boolean {
  for (const [p, d] of decls) if (HIDING[p](d.value)) return true;
  return false;
}

const INLINE_RANK = 2 ** 30;
// Selector pieces a static DOM can match; the rest (:hover, :focus, :checked, ::before, ...) depend
// on the reader or add boxes of their own, so their rules are left out.
const STATIC_PSEUDO = new Set(['not', 'is', 'where', 'first-child', 'last-child', 'only-child', 'nth-child', 'nth-last-child', 'first-of-type', 'last-of-type', 'only-of-type', 'nth-of-type', 'nth-last-of-type', 'empty', 'root']);

/**
 * A test of whether the reader sees an element (false: hidden by the page's style), or null when
 * nothing in the page's style hides anything (the common case, and then free).
 */
export function styleHiddenTest(doc: Document): ((el: Element) => boolean | null) | null {
  const hidingRules: Rule[] = [];
  const showing: Rule[] = [];
  for (const rule of readRules(doc)) (hidesSomething(rule.decls) ? hidingRules : showing).push(rule);
  // Each element's style attribute, read once (the cascade asks for up to four properties).
  const inline = new Map<Element, Declarations>();
  for (const el of doc.querySelectorAll('[style]')) inline.set(el, inlineDecls(el));
  const inlineHides = [...inline.values()].some(hidesSomething);
  if (!hidingRules.length && !inlineHides && doc.querySelectorAll('[hidden]').length === 0) return null;

  // Elements a hiding rule matches: only these (and their descendants) can be hidden, so the
  // other rules are asked about them alone, and lazily.
  const matchedBy = new Map<Element, Rule[]>();
  for (const rule of hidingRules) {
    let found: Iterable<Element>;
    try {
      found = doc.querySelectorAll(rule.selector);
    } catch {
      continue;
    }
    for (const el of found) {
      const list = matchedBy.get(el);
      if (list) list.push(rule);
      else matchedBy.set(el, [rule]);
    }
  }
  const winners = new Map<Element, Map<string, boolean | undefined>>();

  /** Whether `prop` as cascaded on `el` hides it (true), shows it (false), or is not declared (undefined). */
  function cascaded(el: Element, prop: string): boolean | undefined {
    let memo = winners.get(el);
    if (!memo) winners.set(el, (memo = new Map()));
    if (memo.has(prop)) return memo.get(prop);
    let best: Declared | undefined;
    const consider = (d: Declared) => {
      if (!best || (d.important !== best.important ? d.important : d.rank !== best.rank ? d.rank > best.rank : d.order >= best.order)) best = d;
    };
    const candidates = matchedBy.get(el);
    // Inherited properties are asked only between an element and the nearest ancestor declaring a
    // hiding value (see below): there a descendant's own declaration ("visibility: visible", a
    // font size, a colour) decides, so the showing rules are asked too.
    if (candidates || (prop === 'display' && el.hasAttribute('hidden')) || (INHERITED as readonly string[]).includes(prop)) {
      for (const rule of candidates ?? []) {
        const d = rule.decls.get(prop);
        if (d) consider({ hides: HIDING[prop](d.value), important: d.important, rank: rule.specificity, order: rule.order });
      }
      for (const rule of showing) {
        const d = rule.decls.get(prop);
        if (d && matches(el, rule.selector)) consider({ hides: false, important: d.important, rank: rule.specificity, order: rule.order });
      }
    }
    const own = inline.get(el)?.get(prop);
    if (own) consider({ hides: HIDING[prop](own.value), important: own.important, rank: INLINE_RANK, order: Infinity });
    // The user agent's `[hidden] { display: none }` loses to any author declaration.
    const hides = best ? best.hides : prop === 'display' && el.hasAttribute('hidden') ? true : undefined;
    memo.set(prop, hides);
    return hides;
  }

  /** Whether a rule matching `el`, or its style attribute, gives `prop` a hiding value. */
  function declaresHiding(el: Element, prop: string): boolean {
    const own = inline.get(el)?.get(prop);
    if (own && HIDING[prop](own.value)) return true;
    return (matchedBy.get(el) ?? []).some((r) => {
      const d = r.decls.get(prop);
      return d !== undefined && HIDING[prop](d.value);
    });
  }

  /** `prop` as the nearest element from `el` up (to `top` at most) declaring it cascades, or undefined. */
  function nearest(el: Element, prop: string, top: Element | null = null): boolean | undefined {
    for (let at: Element | null = el; at; at = at === top ? null : at.parentElement) {
      const v = cascaded(at, prop);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  const seen = new Map<Element, boolean>();
  return (el: Element) => {
    const known = seen.get(el);
    if (known !== undefined) return known;
    let boxHidden = false;
    // Each inherited property as the nearest element declaring it decides (undefined: nowhere).
    const decided = new Map<string, boolean>();
    for (let at: Element | null = el; at; at = at.parentElement) {
      if (cascaded(at, 'display') || cascaded(at, 'opacity') || (at !== el && cascaded(at, 'content-visibility'))) {
        boxHidden = true;
        break;
      }
    }
    if (!boxHidden)
      for (const p of INHERITED) {
        // Only an ancestor (or the element) with a hiding declaration of p can hide it by p; the
        // nearest declaration up to that ancestor decides. Bounds the showing rules asked to the
        // elements inside such an ancestor.
        let top: Element | null = null;
        for (let at: Element | null = el; at && !top; at = at.parentElement) if (declaresHiding(at, p)) top = at;
        const v = top ? nearest(el, p, top) : undefined;
        if (v !== undefined) decided.set(p, v);
      }
    // The letters' fill is the fill colour where one is declared, else the text colour.
    let fillHidden = decided.get('-webkit-text-fill-color') ?? decided.get('color') ?? false;
    if (fillHidden && !decided.has('-webkit-text-fill-color')) fillHidden = nearest(el, '-webkit-text-fill-color') ?? true;
    const visible = !boxHidden && !decided.get('visibility') && !decided.get('font-size') && !fillHidden;
    seen.set(el, visible);
    return visible;
  };
}

function matches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/** The hiding-property declarations of an element's `style` attribute. */
function inlineDecls(el: Element): Declarations {
  const text = el.getAttribute('style');
  if (!text) return new Map();
  try {
    return declarations(parse(text, { context: 'declarationList', parseValue: false }));
  } catch {
    return new Map();
  }
}

/** The document's style rules that declare a hiding property, in source order. */
function readRules(doc: Document): Rule[] {
  const rules: Rule[] = [];
  for (const style of doc.querySelectorAll('style')) {
    const media = (style.getAttribute('media') ?? '').trim().toLowerCase();
    if (media && !appliesOnScreen(media)) continue;
    let sheet: CssNode;
    try {
      sheet = parse(style.textContent ?? '', { parseValue: false, parseAtrulePrelude: false });
    } catch {
      continue;
    }
    collect(sheet, rules);
  }
  return rules;
}

/** Whether a media query list applies to a screen whatever its size: `all`, `screen`, or a list holding one. */
function appliesOnScreen(query: string): boolean {
  return query.split(',').some((q) => /^(only\s+)?(all|screen)$/.test(q.trim()));
}

function collect(node: CssNode, into: Rule[]): void {
  if (node.type !== 'StyleSheet' && node.type !== 'Block') return;
  for (const child of node.children) {
    if (child.type === 'Atrule' && child.block) {
      const name = child.name.toLowerCase();
      const prelude = child.prelude ? generate(child.prelude).trim().toLowerCase() : '';
      if ((name === 'media' && appliesOnScreen(prelude)) || name === 'supports' || name === 'layer') collect(child.block, into);
      continue;
    }
    if (child.type !== 'Rule' || child.prelude.type !== 'SelectorList') continue;
    const decls = declarations(child.block);
    if (!decls.size) continue;
    for (const selector of child.prelude.children) {
      if (selector.type !== 'Selector' || !isStatic(selector)) continue;
      into.push({ selector: generate(selector), specificity: specificity(selector), order: into.length, decls });
    }
  }
}

/** The last declaration of each hiding property in a block (later ones win within a block, unless an earlier one is important). */
function declarations(block: CssNode): Declarations {
  const out: Declarations = new Map();
  if (block.type !== 'Block' && block.type !== 'DeclarationList') return out;
  for (const d of block.children) {
    if (d.type !== 'Declaration') continue;
    const prop = d.property.toLowerCase();
    if (!(prop in HIDING)) continue;
    const important = d.important !== false;
    if (out.get(prop)?.important && !important) continue;
    out.set(prop, { value: generate(d.value).trim().toLowerCase(), important });
  }
  return out;
}

/** Whether every piece of a selector can be matched on a static page (see STATIC_PSEUDO). */
function isStatic(node: CssNode): boolean {
  let ok = true;
  walkSelector(node, (n) => {
    if (n.type === 'PseudoElementSelector' || (n.type === 'PseudoClassSelector' && !STATIC_PSEUDO.has(n.name.toLowerCase()))) ok = false;
  });
  return ok;
}

/** Specificity (ids, classes and attributes and pseudo-classes, types) packed into one number. */
function specificity(node: CssNode): number {
  let a = 0;
  let b = 0;
  let c = 0;
  walkSelector(node, (n) => {
    if (n.type === 'IdSelector') a++;
    else if (n.type === 'ClassSelector' || n.type === 'AttributeSelector') b++;
    else if (n.type === 'PseudoClassSelector' && !['not', 'is', 'where'].includes(n.name.toLowerCase())) b++;
    else if (n.type === 'TypeSelector' && n.name !== '*') c++;
  }, (n) => n.type === 'PseudoClassSelector' && n.name.toLowerCase() === 'where');
  return a * 2 ** 20 + b * 2 ** 10 + c;
}

/**
 * Visits a selector's pieces, nested ones (:not(...), :is(...)) included, except inside pieces
 * `skipInside` names. (:not and :is count their argument's pieces, an approximation of "the most
 * specific argument" that is exact for the one-selector arguments pages write.)
 */
function walkSelector(node: CssNode, visit: (n: CssNode & { name: string }) => void, skipInside: (n: CssNode) => boolean = () => false): void {
  const n = node as CssNode & { name: string; children?: Iterable<CssNode> | null };
  if ('name' in n) visit(n);
  if (skipInside(n) || !n.children) return;
  for (const child of n.children) walkSelector(child, visit, skipInside);
}
