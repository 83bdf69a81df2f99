/**
 * One HTTP GET of a feed the user subscribed to: no cookies, no referrer, conditional (ETag /
 * Last-Modified), read as a stream and aborted as soon as it passes the byte cap. Returns a
 * FetchOutcome for the pure planUpdate step; never throws.
 *
 * Redirects are never followed. Following them (`redirect: 'follow'`) requests every hop before
 * the code can see it, so an https feed could send the worker to http: or a private address
 * (192.168.x.x, localhost). Following them by hand is not possible in an extension either:
 * `redirect: 'manual'` gives an "opaqueredirect" response whose status is 0 and whose Location
 * is hidden (Fetch standard, atomic redirect handling; Chrome and Firefox alike). So a redirect is
 * refused with a message asking for the final address; the target is named when the runtime shows
 * it (Node), and it is never requested.
 */
import type { FetchOutcome } from '../../core/feeds/plan-update';
import { MAX_FEED_BYTES } from '../../core/feeds/limits';

/** The fetch function (injected: the real one in the extension, a stub or a local server in tests). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** How long one feed download may take; a stalled server must not keep the worker alive for ever.
 * 60 s lets a 64 MiB feed through a slow line, while a hung connection is dropped. */
const FETCH_TIMEOUT_MS = 60_000;

/** Largest detached signature file read (base64 of 64 bytes is 88; room for a newline or two). */
const MAX_SIGNATURE_BYTES = 1024;

/** Options of fetchFeed. */
export interface FetchFeedOptions {
  fetch: FetchLike;
  etag?: string | null;
  lastModified?: string | null;
  maxBytes?: number;
  timeoutMs?: number;
}

/** A response body read up to a cap: the bytes, or null when the cap was passed (reading stopped). */
export async function readCapped(res: Response, maxBytes: number, abort: () => void): Promise<Uint8Array | null> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    abort();
    await res.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop the download itself, not just our reading of it.
      await reader.cancel().catch(() => undefined);
      abort();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The request options every feed request uses (no cookies, no referrer, no cache surprises). */
function feedRequestInit(signal: AbortSignal, headers: Record<string, string>): RequestInit {
  return {
    method: 'GET',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    cache: 'no-cache',
    // Never 'follow' (see the module comment): a redirect answers as an opaque or 3xx response.
    redirect: 'manual',
    mode: 'cors',
    signal,
    headers,
  };
}

/** Downloads a feed body (conditional, capped); never throws. */
export async function fetchFeed(url: string, opts: FetchFeedOptions): Promise<FetchOutcome> {
  const maxBytes = opts.maxBytes ?? MAX_FEED_BYTES;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timed out')), opts.timeoutMs ?? FETCH_TIMEOUT_MS);
  const headers: Record<string, string> = { accept: 'application/json, application/ld+json;q=0.9, */*;q=0.1' };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  try {
    const res = await opts.fetch(url, feedRequestInit(controller.signal, headers));
    if (isRedirect(res)) {
      await res.body?.cancel().catch(() => undefined);
      return { type: 'network-error', message: redirectMessage(res, url) };
    }
    if (res.status === 304) {
      await res.body?.cancel().catch(() => undefined);
      return { type: 'not-modified' };
    }
    const body = await readCapped(res, maxBytes, () => controller.abort());
    if (body === null) return { type: 'too-large', limit: maxBytes };
    return {
      type: 'response',
      status: res.status,
      contentType: res.headers.get('content-type'),
      body,
      etag: res.headers.get('etag'),
      lastModified: res.headers.get('last-modified'),
      signature: null,
    };
  } catch (err) {
    const msg = controller.signal.aborted ? 'the server took too long to answer' : err instanceof Error ? err.message : String(err);
    return { type: 'network-error', message: msg };
  } finally {
    clearTimeout(timer);
  }
}

/** True for a redirect answer: opaque in browsers (status 0), a 3xx with Location elsewhere. */
function isRedirect(res: Response): boolean {
  return res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400 && res.status !== 304);
}

function redirectMessage(res: Response, url: string): string {
  let target: string | null = null;
  try {
    const location = res.headers.get('location');
    target = location ? new URL(location, url).href : null;
  } catch {
    target = null;
  }
  const where = target ? ` to ${target.slice(0, 200)}` : '';
  return `the feed's address redirects${where}; feeds are fetched only at the address you subscribed to, so subscribe to the final https address`;
}

/** The detached signature's address: the feed URL's path plus ".sig" (derived from the
 * subscription, never named by the feed). */
export function signatureUrl(feedUrl: string): string {
  const u = new URL(feedUrl);
  u.pathname += '.sig';
  return u.href;
}

/** Downloads the detached signature (base64 text); null when missing or unreadable. */
export async function fetchSignature(feedUrl: string, fetch: FetchLike): Promise<string | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15_000);
  try {
    const res = await fetch(signatureUrl(feedUrl), feedRequestInit(controller.signal, { accept: 'text/plain, */*;q=0.1' }));
    // A redirected signature is no signature (the update is then rejected as unsigned).
    if (!res.ok || isRedirect(res)) {
      await res.body?.cancel().catch(() => undefined);
      return null;
    }
    const bytes = await readCapped(res, MAX_SIGNATURE_BYTES, () => controller.abort());
    return bytes === null ? null : new TextDecoder().decode(bytes).trim();
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
