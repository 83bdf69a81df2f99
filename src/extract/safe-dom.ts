/**
 * DOM reads a hostile page cannot redirect. Named properties ("DOM clobbering") shadow built-in
 * members in every world, the content script's included: `<img name="body">` makes `document.body`
 * that image, `<form><input name="nextSibling"></form>` makes `form.nextSibling` the input (a tree
 * walk then loops forever), `<form name="prerendering">` makes a page look prerendered for good.
 * These helpers call the built-in accessors taken from this script's own realm (the page cannot
 * reach the content script's prototypes). Where the realm has no DOM interfaces (Node with
 * linkedom or jsdom, which implement no named properties) they read the member directly.
 */

type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

function descriptorOf(iface: string, name: string): PropertyDescriptor | undefined | null {
  const ctor = (globalThis as Record<string, unknown>)[iface];
  // No such interface in this realm (Node): null, so callers read the member directly.
  const proto = typeof ctor === 'function' ? (ctor.prototype as object | undefined) : undefined;
  if (!proto) return null;
  for (let p: object | null = proto; p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return d;
  }
  return undefined;
}

/**
 * A reader of a built-in attribute (`Document.body`), unaffected by named properties. Node
 * traversal readers are looked up once (they run per node); document-level ones (`lazy`) at each
 * call, which costs nothing at their rate and lets tests stand in for browser state on the prototype.
 */
function getter<T>(iface: string, name: string, lazy = false): (self: object) => T | undefined {
  const read = (d: PropertyDescriptor | undefined | null) => (self: object): T | undefined => {
    if (d === null) return (self as Record<string, T>)[name];
    const get = d?.get;
    // A browser without this attribute (Firefox has no `document.prerendering`): whatever the page
    // named so is not it.
    if (!get) return undefined;
    try {
      return get.call(self) as T;
    } catch {
      // Another realm's node (tests mixing jsdom windows): its own member is its own business.
      return (self as Record<string, T>)[name];
    }
  };
  if (lazy) return (self) => read(descriptorOf(iface, name))(self);
  return read(descriptorOf(iface, name));
}

/** A caller of a built-in method (`Node.cloneNode`), unaffected by named properties. */
function method<R>(iface: string, name: string): (self: object, ...args: unknown[]) => R {
  const d = descriptorOf(iface, name);
  const fn = d?.value as AnyFn | undefined;
  const direct = (self: object, ...args: unknown[]) => ((self as Record<string, AnyFn>)[name] as AnyFn).apply(self, args) as R;
  if (d === null || typeof fn !== 'function') return direct;
  return (self, ...args) => {
    try {
      return fn.apply(self, args) as R;
    } catch (err) {
      // A brand check failing on another realm's node (tests mixing jsdom and linkedom); a real
      // error of the call itself is thrown again by the direct call.
      if ((err as Error)?.name === 'TypeError') return direct(self, ...args);
      throw err;
    }
  };
}

/** `node.firstChild`. */
export const firstChildOf = getter<Node | null>('Node', 'firstChild');
/** `node.nextSibling`. */
export const nextSiblingOf = getter<Node | null>('Node', 'nextSibling');
/** `node.parentNode`. */
export const parentNodeOf = getter<Node | null>('Node', 'parentNode');
/** `element.firstElementChild` (walks that visit elements only skip text nodes natively). */
export const firstElementChildOf = getter<Element | null>('Element', 'firstElementChild');
/** `element.nextElementSibling`. */
export const nextElementSiblingOf = getter<Element | null>('Element', 'nextElementSibling');
/** `node.parentElement`. */
export const parentElementOf = getter<Element | null>('Node', 'parentElement');
/** `node.nodeType`. */
export const nodeTypeOf = getter<number>('Node', 'nodeType');
/** `node.nodeValue` (a text node's text). */
export const nodeValueOf = getter<string | null>('Node', 'nodeValue');
/** `element.localName` in upper case (what `tagName` is for HTML elements). */
const localNameOf = getter<string>('Element', 'localName');
/** The element's tag name in upper case ('' when the page made it unreadable). */
export function tagOf(el: Element): string {
  const n = localNameOf(el);
  return typeof n === 'string' ? n.toUpperCase() : '';
}
/** `element.outerHTML` (of a copy whose naming attributes are gone; read the built-in way all the same). */
export const outerHtmlOf = getter<string>('Element', 'outerHTML');
/** `element.hasAttribute(name)`. */
export const hasAttr = method<boolean>('Element', 'hasAttribute') as (el: Element, name: string) => boolean;
/** `element.setAttribute(name, value)`. */
export const setAttr = method<void>('Element', 'setAttribute') as (el: Element, name: string, value: string) => void;
/** `element.removeAttribute(name)`. */
export const removeAttr = method<void>('Element', 'removeAttribute') as (el: Element, name: string) => void;
/** `document.body`. */
export const bodyOf = getter<HTMLElement | null>('Document', 'body', true);
/** `document.documentElement`. */
export const rootOf = getter<HTMLElement | null>('Document', 'documentElement', true);
/** `document.defaultView`. */
export const viewOf = getter<(Window & typeof globalThis) | null>('Document', 'defaultView', true);
/** `document.activeElement`. */
export const activeElementOf = getter<Element | null>('Document', 'activeElement', true);
/** `document.visibilityState`. */
export const visibilityOf = getter<string>('Document', 'visibilityState', true);
/** `document.prerendering` (undefined where the browser has no such attribute). */
export const prerenderingOf = getter<boolean>('Document', 'prerendering', true);
/** `document.implementation`. */
export const implementationOf = getter<DOMImplementation>('Document', 'implementation', true);
/** `document.createElement(tag)`. */
export const createElementIn = method<HTMLElement>('Document', 'createElement') as (doc: Document, tag: string) => HTMLElement;
/** `node.cloneNode(deep)`. */
export const cloneOf = method<Node>('Node', 'cloneNode') as <T extends Node>(node: T, deep: boolean) => T;
/** `node.removeChild(child)`. */
export const removeChildOf = method<Node>('Node', 'removeChild') as (parent: Node, child: Node) => Node;

/** `node.textContent`. */
export const textContentOf = getter<string | null>('Node', 'textContent');
/** `element.getBoundingClientRect()`. */
export const rectOf = method<DOMRect>('Element', 'getBoundingClientRect') as (el: Element) => DOMRect;

/**
 * The browser's test of whether a reader can see an element (`Element.checkVisibility` with
 * opacity and visibility: false for no box, display: none here or above, visibility: hidden,
 * opacity: 0, content-visibility: hidden), looked up once per call; null where there is no such
 * method (Node's DOM libraries lay nothing out). The returned test answers null when it throws.
 */
export function readerSeesTest(): ((el: Element) => boolean | null) | null {
  const fn = descriptorOf('Element', 'checkVisibility')?.value as ((this: Element, o: object) => boolean) | undefined;
  if (typeof fn !== 'function') return null;
  const opts = { opacityProperty: true, visibilityProperty: true };
  return (el) => {
    try {
      return fn.call(el, opts);
    } catch {
      return null;
    }
  };
}
/** `target.addEventListener(...)`. */
export const listen = method<void>('EventTarget', 'addEventListener') as (
  target: EventTarget,
  type: string,
  fn: (e: Event) => void,
  opts?: AddEventListenerOptions,
) => void;
/** `target.removeEventListener(...)`. */
export const unlisten = method<void>('EventTarget', 'removeEventListener') as (target: EventTarget, type: string, fn: (e: Event) => void) => void;
const getElementsByTagNameIn = method<HTMLCollection>('Document', 'getElementsByTagName') as (doc: Document, tag: string) => HTMLCollection;
/** `doc.querySelectorAll(selector)`. */
export const querySelectorAllIn = method<NodeList>('Document', 'querySelectorAll') as (doc: Document, sel: string) => NodeList;

/**
 * Every element of `doc` in document order (indexed reads only: an index is never a named
 * property). linkedom returns an empty list for getElementsByTagName('*'); querySelectorAll
 * lists them correctly there. In browsers the live collection is the cheap one, so it is tried first.
 */
export function allElementsOf(doc: Document): ArrayLike<Element> {
  const live = getElementsByTagNameIn(doc, '*');
  return live.length ? live : (querySelectorAllIn(doc, '*') as NodeListOf<Element>);
}

/** Number of elements in `doc`. */
export function countElements(doc: Document): number {
  return allElementsOf(doc).length;
}

/**
 * Own property `name` of `win` (a Window), or undefined: Window members of the browser are own
 * properties, while an element's id or name only ever appears through the prototype chain, so a
 * member this browser lacks (`navigation` in older Firefox) cannot be faked by an element.
 */
export function ownMember<T>(win: object, name: string): T | undefined {
  const d = Object.getOwnPropertyDescriptor(win, name);
  if (!d) return undefined;
  return (d.get ? d.get.call(win) : d.value) as T;
}
/** `parent.insertBefore(node, ref)` (a page form may name a control `insertBefore`). */
export const insertBeforeIn = method<Node>('Node', 'insertBefore') as (parent: Node, node: Node, ref: Node | null) => Node;
/** `parent.replaceChild(node, old)`. */
export const replaceChildIn = method<Node>('Node', 'replaceChild') as (parent: Node, node: Node, old: Node) => Node;
/** `document.createRange()`. */
export const createRangeIn = method<Range>('Document', 'createRange') as (doc: Document) => Range;
/** `document.adoptedStyleSheets` (undefined where the browser has none). */
export const sheetsOf = getter<CSSStyleSheet[]>('Document', 'adoptedStyleSheets', true);
const sheetsSetter = descriptorOf('Document', 'adoptedStyleSheets');
/** Sets `document.adoptedStyleSheets`. */
export function setSheets(doc: Document, sheets: CSSStyleSheet[]): void {
  if (sheetsSetter?.set) sheetsSetter.set.call(doc, sheets);
  else (doc as { adoptedStyleSheets: CSSStyleSheet[] }).adoptedStyleSheets = sheets;
}
