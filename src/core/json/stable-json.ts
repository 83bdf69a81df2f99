/**
 * JSON with every object's keys in sorted order, for comparing and digesting records: equal content
 * gives equal text, however the record was built or read back. The one owner of that text (the CLI
 * database's "same content" test, the team store's content digest).
 *
 * The text is exactly what `JSON.stringify(value, replacer)` gives with a replacer that rebuilds
 * each object from its entries sorted by key (the form digests were first stored in), including
 * that form's one quirk: an object rebuilt from sorted entries lists its integer-like keys first,
 * in numeric order, as every JavaScript object does. It is written directly instead: the replacer
 * is called for each of a pack entry's thousands of term hashes and copies every object, which
 * made digests a third of the team store's ingest allocations. Plain data only (no toJSON).
 */
export function stableJson(value: unknown): string {
  return write(value) as string;
}

/** Canonical array-index keys ("0" to "4294967294"), which objects order first and numerically. */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

function write(v: unknown): string | undefined {
  // Numbers as JSON writes them (non-finite ones as null), without a call into it for each.
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) {
    // Arrays without objects (term hashes, offsets: most of a record) the runtime writes whole, as
    // the replacer form left them (it writes null for undefined and functions in arrays, too).
    let nested = false;
    for (let i = 0; i < v.length && !nested; i++) nested = v[i] !== null && typeof v[i] === 'object';
    if (!nested) return JSON.stringify(v);
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + (write(v[i]) ?? 'null');
    return out + ']';
  }
  const keys = sortedKeys(Object.keys(v));
  let out = '{';
  for (const k of keys) {
    const s = write((v as Record<string, unknown>)[k]);
    if (s !== undefined) out += (out.length > 1 ? ',' : '') + quotedKey(k) + ':' + s;
  }
  return out + '}';
}

/** Keys written before, quoted: records repeat a few keys thousands of times. */
const QUOTED = new Map<string, string>();

function quotedKey(k: string): string {
  let q = QUOTED.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    // Bounded: a record with many distinct keys (a map keyed by ids) must not grow it for ever.
    if (QUOTED.size < 1024) QUOTED.set(k, q);
  }
  return q;
}

/** Keys in code-unit order, then integer-like ones moved first in numeric order (see above). */
function sortedKeys(keys: string[]): string[] {
  // Records' objects have a handful of keys: insertion sort allocates nothing.
  if (keys.length <= 16) {
    for (let i = 1; i < keys.length; i++) {
      const k = keys[i];
      let j = i;
      while (j > 0 && keys[j - 1] > k) {
        keys[j] = keys[j - 1];
        j--;
      }
      keys[j] = k;
    }
  } else keys.sort();
  let indexLike = false;
  for (const k of keys) if (isArrayIndex(k)) indexLike = true;
  if (!indexLike) return keys;
  const index = keys.filter(isArrayIndex).sort((x, y) => Number(x) - Number(y));
  return [...index, ...keys.filter((k) => !isArrayIndex(k))];
}

function isArrayIndex(k: string): boolean {
  // Most keys start with a letter: the character test spares them the pattern.
  const c = k.charCodeAt(0);
  return c >= 48 && c <= 57 && ARRAY_INDEX.test(k) && Number(k) < 4294967295;
}
