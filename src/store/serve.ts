/**
 * `provenance-lens serve --store ADDR`: a small HTTP API over a team store, for a newsroom's
 * tools and (opted-in) extensions. JSON in, JSON out; see docs/team-store.md for the routes.
 *   GET  /health                      store reachable, counts
 *   POST /check     {article}         the report for an article (its text, or the simple form)
 *   POST /check     {fingerprint}     candidates only, from hashed terms and shingles (no URL, no text)
 *   POST /articles  {articles: [...]} add articles or pack entries (writers: Authorization: Bearer TOKEN)
 * Binds 127.0.0.1 unless told otherwise; bodies over MAX_BODY_BYTES are refused before parsing.
 */
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import * as v from 'valibot';
import { printRecord, shinglesOf, type DocPrint, type SentencePrint } from '../core/engine/fingerprint-article';
import { parseBoundedJson } from '../core/json/parse-bounded-json';
import { parseRecord } from '../core/records/parse-record';
import { CliError, describeError, type CliIo } from '../cli/cli-io';
import { recordOutcome } from '../cli/load-articles';
import { describeIssues } from '../core/feeds/describe-issues';
import { checkInStore, matchInStore, storeClaimIndex, type ProvenanceStore, type StoredDoc } from './provenance-store';
import type { ClaimIndex } from '../core/claims/index';
import { openStore } from './run-store';

/** Largest request body (2 MB): a long article's JSON is ~100 KB; a batch of 500 is the limit's reason. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Most documents in one POST /articles (the store writes in batches of this size). */
const MAX_ADD = 500;
/** Claims are re-read from the store at most this often (ms): imports show up within a minute. */
const CLAIMS_TTL_MS = 60_000;
/** Candidates a fingerprint query returns. */
const FINGERPRINT_K = 10;

const FingerprintSchema = v.object({
  sentences: v.pipe(v.array(v.object({ terms: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff))), v.maxLength(2000)) })), v.maxLength(5000)),
});

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** The writer token: PL_SERVE_TOKEN, else the first line of the file PL_SERVE_TOKEN_FILE; null when neither (writes refused). */
function writerToken(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.PL_SERVE_TOKEN) return env.PL_SERVE_TOKEN;
  if (env.PL_SERVE_TOKEN_FILE) {
    const token = readFileSync(env.PL_SERVE_TOKEN_FILE, 'utf8').split('\n')[0].trim();
    if (!token) throw new CliError(`PL_SERVE_TOKEN_FILE ${env.PL_SERVE_TOKEN_FILE} is empty`);
    return token;
  }
  return null;
}

/** An HTTP server over `store` (not yet listening). */
export function createStoreServer(store: ProvenanceStore, opts: { token: string | null }): Server {
  let claims: { at: number; index: Promise<ClaimIndex | null> } | null = null;
  const claimIndex = () => {
    if (!claims || Date.now() - claims.at > CLAIMS_TTL_MS) claims = { at: Date.now(), index: storeClaimIndex(store) };
    return claims.index;
  };
  const routes: Record<string, (body: unknown, req: IncomingMessage) => Promise<unknown>> = {
    'GET /health': async () => ({ ok: true, store: store.name.split(',')[0].replace(/^(\w+):.*/, '$1'), ...(await store.stats()) }),
    'POST /check': async (body) => {
      const b = body as { article?: unknown; fingerprint?: unknown } | null;
      if (b && typeof b === 'object' && 'fingerprint' in b) return checkFingerprint(store, b.fingerprint);
      const outcome = recordOutcome(b && typeof b === 'object' && 'article' in b ? b.article : body, 'request', 'untrusted');
      if (outcome.kind !== 'article') throw new HttpError(400, `bad article: ${outcome.kind === 'skipped' ? outcome.reason : 'expected an article'}`);
      const article = outcome.article;
      const known = (await store.load([article.url])).get(article.url);
      const checked = { ...article, firstSeen: known?.firstSeen ?? article.firstSeen ?? new Date().toISOString() };
      // A store without alignment data answers with its matches, never a verdict it cannot back.
      if (!store.alignment) return matchInStore(store, printRecord(checked));
      const { report } = await checkInStore(store, checked, { claimIndex: await claimIndex() });
      return report;
    },
    'POST /articles': async (body, req) => {
      if (!opts.token) throw new HttpError(403, 'this server accepts no writes (start it with PL_SERVE_TOKEN or PL_SERVE_TOKEN_FILE)');
      if (!tokenMatches(req.headers.authorization, opts.token)) throw new HttpError(401, 'missing or wrong writer token (Authorization: Bearer TOKEN)');
      const list = (body as { articles?: unknown } | null)?.articles;
      if (!Array.isArray(list) || list.length === 0) throw new HttpError(400, 'expected {"articles": [...]} with at least one article');
      if (list.length > MAX_ADD) throw new HttpError(413, `at most ${MAX_ADD} articles per request`);
      const docs: StoredDoc[] = [];
      // Validate everything before writing anything: a bad item rejects the whole request.
      list.forEach((item, i) => {
        if (item && typeof item === 'object' && 'sentences' in item) {
          const parsed = parseRecord('packEntry', item, 'untrusted');
          if (!parsed.ok) throw new HttpError(400, `articles[${i}]: bad pack entry: ${describeIssues(parsed.issues)}`);
          docs.push(parsed.value);
          return;
        }
        const outcome = recordOutcome(item, `articles[${i}]`, 'untrusted');
        if (outcome.kind !== 'article') throw new HttpError(400, `articles[${i}]: ${outcome.kind === 'skipped' ? outcome.reason : 'not an article'}`);
        docs.push(outcome.article);
      });
      const results = await store.add(docs, new Date().toISOString());
      return { results };
    },
  };

  return createServer((req, res) => {
    const route = routes[`${req.method} ${(req.url ?? '').split('?')[0]}`];
    const respond = (status: number, value: unknown) => {
      const text = JSON.stringify(value);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(text + '\n');
    };
    if (!route) {
      respond(404, { error: `no route ${req.method} ${(req.url ?? '').slice(0, 100)} (GET /health, POST /check, POST /articles)` });
      req.resume();
      return;
    }
    readBody(req)
      .then((body) => route(body, req))
      .then((value) => respond(200, value))
      .catch((error: unknown) => {
        if (error instanceof HttpError) respond(error.status, { error: error.message });
        else respond(503, { error: `store unavailable: ${describeError(error)}` });
      });
  });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads a JSON body (GET: none), refusing oversized bodies and non-JSON content. */
function readBody(req: IncomingMessage): Promise<unknown> {
  if (req.method === 'GET') {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      reject(new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES && !failed) {
        failed = true;
        reject(new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`));
      }
      if (!failed) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (failed) return;
      // The one bounded reader for untrusted JSON (as for feeds, packs and imports): a nesting bomb
      // is refused with a clear 400 before it is parsed.
      const read = parseBoundedJson(Buffer.concat(chunks).toString('utf8'));
      if (read.ok) resolve(read.value);
      else reject(new HttpError(400, read.error.startsWith('is not valid JSON') ? 'the body is not valid JSON' : `the body ${read.error}`));
    });
  });
}

/** Candidates for a fingerprint-only query (hashed content terms per sentence; no URL, no text). */
async function checkFingerprint(store: ProvenanceStore, value: unknown): Promise<unknown> {
  const parsed = v.safeParse(FingerprintSchema, value);
  if (!parsed.success) throw new HttpError(400, `bad fingerprint: ${describeIssues(parsed.issues)} (expected {"sentences": [{"terms": [u32, ...]}, ...]})`);
  const sentences: SentencePrint[] = parsed.output.sentences.map((s) => ({ start: 0, end: 0, terms: Uint32Array.from(s.terms), spans: null, quoted: 0 }));
  const p: DocPrint = {
    url: '', title: '', siteName: null, publishedTime: null, byline: null, lang: null, firstSeen: null,
    signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null }, links: [], wordCount: 0,
    sentences, shingles: shinglesOf(sentences), text: null,
  };
  return { candidates: (await matchInStore(store, p, FINGERPRINT_K)).matches };
}

/** Runs the server until SIGINT/SIGTERM; prints where it listens. */
export async function runServe(opts: { store: string; port: number; host: string; io: CliIo }): Promise<number> {
  const token = writerToken();
  const store = await openStore(opts.store);
  const server = createStoreServer(store, { token });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new CliError(`cannot listen on ${opts.host}:${opts.port}: ${describeError(error)}`)));
    server.listen(opts.port, opts.host, resolve);
  });
  opts.io.stdout(`serving ${store.name} on http://${opts.host}:${opts.port} (writes ${token ? 'need the token' : 'disabled: no PL_SERVE_TOKEN'})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  return 0;
}
