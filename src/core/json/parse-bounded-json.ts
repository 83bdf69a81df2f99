/**
 * The one JSON reader for untrusted input (feeds, packs, claim imports, CLI files, database
 * lines, pages' JSON-LD in extraction): size, nesting depth and container count are bounded in a
 * linear scan before JSON.parse allocates anything. JSON.parse alone costs ~70 bytes of memory per character of "[[[[..." and
 * similar amplification for "[{},{},...]", so a file under the byte cap could still exhaust a
 * service worker or the CLI.
 */

/** Limits of one parse; every field has a default. */
export interface JsonLimits {
  /** Longest text accepted, in UTF-16 code units (about bytes for feeds, which are mostly ASCII). */
  maxChars?: number;
  /** Deepest nesting of arrays and objects. */
  maxDepth?: number;
  /** Most arrays and objects in the whole document. */
  maxContainers?: number;
  /** Most values and members after the first in each container (commas outside strings). */
  maxItems?: number;
}

/** Deepest nesting accepted. A ClaimReview DataFeed nests about 8 deep (feed, items, item, review,
 * claim, appearances, appearance, author); 64 leaves room for any real publisher shape while a
 * hostile "[[[[" is refused after 64 characters. */
export const MAX_JSON_DEPTH = 64;

/** Most arrays plus objects in one document. A ClaimReview with full metadata has about 8 (so
 * 200k records, the record cap, need 1.6M); 4M leaves room, while a hostile "[{},{},...]" is
 * stopped near 4M small objects (~150 MB) instead of one object per three bytes of feed. */
const MAX_JSON_CONTAINERS = 4_000_000;

/** Most commas outside strings (about the number of values). A full ClaimReview has about 18, so
 * 200k records need 3.6M; 16M leaves room, while "[0,0,0,...]" is stopped near 16M numbers
 * (~130 MB) instead of one per two bytes of feed. */
const MAX_JSON_ITEMS = 16_000_000;

/** Outcome of parseBoundedJson: the value, or a one-line reason worded to follow the input's name
 * ("feed.json is nested more than 64 levels deep"). */
export type BoundedJson = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses `text` as JSON within the limits; never throws. A byte order mark is skipped. */
export function parseBoundedJson(text: string, limits: JsonLimits = {}): BoundedJson {
  const maxChars = limits.maxChars ?? Number.POSITIVE_INFINITY;
  if (text.length > maxChars) return { ok: false, error: `is larger than ${formatSize(maxChars)}` };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shape = scanShape(body, limits.maxDepth ?? MAX_JSON_DEPTH, limits.maxContainers ?? MAX_JSON_CONTAINERS, limits.maxItems ?? MAX_JSON_ITEMS);
  if (shape) return { ok: false, error: shape };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (err) {
    return { ok: false, error: `is not valid JSON (${err instanceof Error ? err.message.split('\n')[0] : 'parse error'})` };
  }
}

/**
 * One pass over the text, outside strings, counting bracket depth, containers and commas; the reason the
 * text is refused, or null. Brackets are not matched here (JSON.parse reports mismatches): only
 * what JSON.parse would allocate is bounded.
 */
function scanShape(text: string, maxDepth: number, maxContainers: number, maxItems: number): string | null {
  let depth = 0;
  let containers = 0;
  let items = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      containers++;
      if (depth > maxDepth) return `is nested more than ${maxDepth} levels deep`;
      if (containers > maxContainers) return `holds more than ${maxContainers} arrays and objects`;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    } else if (c === 0x2c && ++items > maxItems) {
      return `holds more than ${maxItems} values`;
    }
  }
  return null;
}

function formatSize(chars: number): string {
  return chars >= 1048576 ? `${Math.round(chars / 1048576)} MiB` : `${chars} characters`;
}
