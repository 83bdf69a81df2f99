/**
 * The hostile feed and pack corpus: files a publisher (or whoever controls its server) could send,
 * each of which must be refused whole with a clear one-line error, leaving what is stored exactly as
 * it was. Shared by the extension test (feed manager against a local server) and the CLI test
 * (`claims import` / `index` of the same bytes).
 */
import { buildPack } from '../../../src/core/feeds/index';
import { article, claimReview, dataFeed } from '../../unit/feeds/feed-fixtures';

/** One hostile file. */
export interface HostileCase {
  name: string;
  kind: 'claimreview' | 'pack';
  body: string | Uint8Array;
  /** What the extension shows as the feed's error. */
  feedError: RegExp;
  /** Sent as the response's content type (default application/json). */
  contentType?: string;
  /** The CLI's one-line error; null when the case only exists for a subscription (HTTP, versions). */
  cliError: RegExp | null;
}

const J = (x: unknown) => JSON.stringify(x);
const goodPack = () => buildPack([article(1)], { publisher: { name: 'News Example', url: 'https://news.example/' }, generated: '2024-05-03T00:00:00Z' });
/** A pack whose single entry is changed by `f` (every entry bad: the whole pack is refused). */
const packWith = (f: (e: Record<string, unknown>) => void, env: (p: Record<string, unknown>) => void = () => undefined) => {
  const p = JSON.parse(J(goodPack())) as Record<string, unknown> & { entries: Array<Record<string, unknown>> };
  f(p.entries[0]);
  env(p);
  return J(p);
};
/** A feed of ClaimReview records all changed by `f` (every record bad: the whole feed is refused). */
const feedOf = (f: (r: Record<string, unknown>) => void, n = 3) =>
  J(dataFeed(Array.from({ length: n }, (_, i) => {
    const r = claimReview(100 + i);
    f(r);
    return r;
  })));

const NOT_JSON = /not valid JSON/;
const NO_CLAIM = /No valid ClaimReview|no ClaimReview/;
const NO_ENTRY = /No valid entry|not a valid provenance pack|no article/i;
const BAD_PACK = /not a valid provenance pack/;
const DEEP = /nested more than 64 levels deep/;

function claimCases(): HostileCase[] {
  const c = (name: string, body: string | Uint8Array, feedError: RegExp, cliError: RegExp | null = feedError, contentType?: string): HostileCase => ({ name, kind: 'claimreview', body, feedError, cliError, contentType });
  const deepClaim = '{"@type":"ClaimReview","claimReviewed":' + '['.repeat(100_000);
  return [
    c('empty body', '', NOT_JSON, /not valid JSON|no ClaimReview|unknown format/),
    c('whitespace only', ' \n\t ', NOT_JSON, /not valid JSON|no ClaimReview|unknown format/),
    c('truncated JSON', J(dataFeed([claimReview(1)])).slice(0, 120), NOT_JSON),
    c('trailing garbage', J(dataFeed([claimReview(1)])) + ' }', NOT_JSON),
    c('single quotes', "{'@type':'DataFeed'}", NOT_JSON, /not valid JSON|unknown format/),
    c('NaN literal', '[{"@type":"ClaimReview","claimReviewed":NaN}]', NOT_JSON),
    c('comments', '/* feed */ ' + J([claimReview(1)]), NOT_JSON, /not valid JSON|unknown format/),
    c('nesting bomb [[[[ (1 MB)', '['.repeat(1 << 20), DEEP),
    c('nesting bomb {"a": (depth 10k)', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), DEEP),
    c('deep value inside a record', deepClaim, DEEP),
    c('invalid UTF-8', new Uint8Array([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]), /not UTF-8/, /no ClaimReview|not valid JSON|unknown format/),
    c('UTF-16 with BOM', new Uint8Array([0xff, 0xfe, 0x5b, 0x00, 0x5d, 0x00]), /not UTF-8/, /no ClaimReview|not valid JSON|unknown format/),
    c('HTML error page', '<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>', /web page instead of the feed/, NO_CLAIM),
    c('HTML sent as JSON type', '\n  <html><title>Login</title></html>', /web page instead/, NO_CLAIM),
    c('JSON with text/html type', J(dataFeed([claimReview(1)])), /web page instead/, null, 'text/html; charset=utf-8'),
    c('a number', '42', /Not a ClaimReview feed/, NO_CLAIM),
    c('a string', '"ClaimReview"', /Not a ClaimReview feed/, NO_CLAIM),
    c('null', 'null', /Not a ClaimReview feed/, NO_CLAIM),
    c('an empty object', '{}', /Not a ClaimReview feed/, NO_CLAIM),
    c('wrong @type', J({ '@type': 'NewsArticle', headline: 'x' }), /Not a ClaimReview feed/, NO_CLAIM),
    c('DataFeed with unknown key', J({ ...dataFeed([claimReview(1)]), script: 'alert(1)' }), /Not a valid ClaimReview DataFeed/, null),
    c('DataFeed __proto__ key', J(dataFeed([claimReview(1)])).replace('{', '{"__proto__":{"polluted":1},'), /Not a valid ClaimReview DataFeed/, null),
    c('DataFeed constructor key', J({ ...dataFeed([claimReview(1)]), constructor: { prototype: { polluted: 1 } } }), /Not a valid ClaimReview DataFeed/, null),
    c('DataFeed dateModified not a date', J(dataFeed([claimReview(1)], 'yesterday')), /is not a date/, null),
    c('dataFeedElement not an array', J({ ...dataFeed([]), dataFeedElement: { '@type': 'ClaimReview' } }), /Not a valid ClaimReview DataFeed|No valid ClaimReview/, NO_CLAIM),
    c('records with __proto__ key', feedOf((r) => Object.defineProperty(r, '__proto__', { value: { polluted: 1 }, enumerable: true })), NO_CLAIM),
    c('records with constructor key', feedOf((r) => (r['constructor'] = { prototype: { polluted: 1 } })), NO_CLAIM),
    c('records with unknown keys', feedOf((r) => (r.onclick = 'alert(1)')), NO_CLAIM),
    c('claimReviewed is a number', feedOf((r) => (r.claimReviewed = 12345)), NO_CLAIM),
    c('claimReviewed is an object', feedOf((r) => (r.claimReviewed = { toString: 'x' })), NO_CLAIM),
    c('claimReviewed empty', feedOf((r) => (r.claimReviewed = '   ')), NO_CLAIM),
    c('claimReviewed of 100k chars', feedOf((r) => (r.claimReviewed = 'x'.repeat(100_000))), NO_CLAIM),
    c('reviewRating is a string', feedOf((r) => (r.reviewRating = 'False')), NO_CLAIM),
    c('author is a number', feedOf((r) => (r.author = 7)), NO_CLAIM),
    c('records are strings', J(dataFeed(['<script>alert(1)</script>', 'x'])), NO_CLAIM),
    c('records are arrays of arrays', J(dataFeed([[[[[[[[1]]]]]]]])), NO_CLAIM),
    c('an empty array', '[]', /No ClaimReview in the feed/, NO_CLAIM),
    c('@graph of non-reviews', J({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, 5, null] }), /No ClaimReview in the feed/, NO_CLAIM),
    c('more records than the cap', J(dataFeed(Array.from({ length: 200_001 }, () => 0))), /more than 200000|Not a valid ClaimReview DataFeed|No valid/, /more than 200000|no ClaimReview/),
  ];
}

function packCases(): HostileCase[] {
  const p = (name: string, body: string | Uint8Array, feedError: RegExp, cliError: RegExp | null = feedError): HostileCase => ({ name, kind: 'pack', body, feedError, cliError });
  return [
    p('pack: truncated', J(goodPack()).slice(0, 200), NOT_JSON),
    p('pack: nesting bomb', '{"schema":"provenance-lens/pack@1","entries":' + '['.repeat(1 << 20), DEEP),
    p('pack: wrong schema version', J({ ...goodPack(), schema: 'provenance-lens/pack@2' }), BAD_PACK, null),
    p('pack: envelope __proto__ key', J(goodPack()).replace('{', '{"__proto__":{"polluted":1},'), BAD_PACK),
    p('pack: envelope constructor key', J({ ...goodPack(), constructor: { prototype: { polluted: 1 } } }), BAD_PACK),
    p('pack: unknown envelope key', J({ ...goodPack(), eval: 'alert(1)' }), BAD_PACK),
    p('pack: generated not a date', J({ ...goodPack(), generated: 'now' }), BAD_PACK),
    p('pack: entries not an array', J({ ...goodPack(), entries: {} }), BAD_PACK),
    p('pack: publisher missing', packWith(() => undefined, (e) => delete e.publisher), BAD_PACK),
    p('pack: publisher name of 10k chars', packWith(() => undefined, (e) => ((e.publisher as Record<string, unknown>).name = 'x'.repeat(10_000))), BAD_PACK),
    p('pack: entry javascript: url', packWith((e) => (e.url = 'javascript:alert(document.cookie)')), NO_ENTRY),
    p('pack: entry data: url', packWith((e) => (e.url = 'data:text/html,<script>alert(1)</script>')), NO_ENTRY),
    p('pack: entry http url', packWith((e) => (e.url = 'http://news.example/a')), NO_ENTRY),
    p('pack: entry private url', packWith((e) => (e.url = 'https://192.168.1.1/admin')), NO_ENTRY),
    p('pack: entry localhost url', packWith((e) => (e.url = 'https://localhost/x')), NO_ENTRY),
    p('pack: entry link-local url', packWith((e) => (e.url = 'https://169.254.169.254/latest/meta-data')), NO_ENTRY),
    p('pack: entry url with credentials', packWith((e) => (e.url = 'https://user:pw@news.example/a')), NO_ENTRY),
    p('pack: entry __proto__ key', packWith((e) => Object.defineProperty(e, '__proto__', { value: { polluted: 1 }, enumerable: true })), NO_ENTRY),
    p('pack: entry constructor key', packWith((e) => (e['constructor'] = { prototype: { polluted: 1 } })), NO_ENTRY),
    p('pack: entry version 2', packWith((e) => (e.version = 2)), NO_ENTRY),
    p('pack: entry shingles as strings', packWith((e) => (e.shingles = ['a', 'b'])), NO_ENTRY),
    p('pack: entry negative term hash', packWith((e) => ((e.sentences as Array<Record<string, unknown>>)[0].terms = [-1])), NO_ENTRY),
    p('pack: entry too many shingles', packWith((e) => (e.shingles = Array.from({ length: 20_001 }, (_, i) => i))), NO_ENTRY),
    p('pack: entry title of 10k chars', packWith((e) => (e.title = 'x'.repeat(10_000))), NO_ENTRY),
    p('pack: entry wordCount Infinity-like', packWith((e) => (e.wordCount = 1e300)), NO_ENTRY),
    p('pack: entries are null', J({ ...goodPack(), entries: [null, null] }), NO_ENTRY),
  ];
}

/** Every hostile file of the corpus. */
export function hostileCases(): HostileCase[] {
  return [...claimCases(), ...packCases()];
}
