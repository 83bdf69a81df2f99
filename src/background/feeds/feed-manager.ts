/**
 * FeedManager: subscriptions and refreshes of ClaimReview feeds and provenance packs. It fetches
 * only the URL the user subscribed to (and its ".sig" for signed feeds), never a URL named inside a
 * feed; decides with the pure planUpdate; applies an accepted update in one transaction; records a
 * rejected one as the feed's lastError, leaving the stored data exactly as it was.
 */
import { planUpdate } from '../../core/feeds/plan-update';
import { decodePublicKey } from '../../core/feeds/verify-signature';
import { MAX_FEED_BYTES } from '../../core/feeds/limits';
import { isPrivateHost } from '../../core/feeds/safe-url';
import type { KnownClaim } from '../../core/types';
import type { FeedStatus } from '../../shared/messages';
import {
  applyFeedRecords,
  getFeedRecord,
  listFeedRecords,
  putFeedRecord,
  removeFeedRecords,
  toFeedStatus,
  type FeedRecord,
  type WriteHook,
} from '../../platform/feed-store';
import type { Db } from '../../platform/stores';
import { fetchFeed, fetchSignature, type FetchLike } from './fetch-feed';
import { nextRefreshTime } from './feed-schedule';

/** What the manager needs from its context. */
export interface FeedManagerOptions {
  /** The database (opened lazily: handlers start cold). */
  db: () => Promise<Db>;
  fetch: FetchLike;
  now?: () => Date;
  random?: () => number;
  /**
   * Called after a feed's stored records changed (rebuild the claim or provenance index). For a
   * claim feed, `claims` is the feed's whole set as now stored (empty once unsubscribed), so a built
   * claim index can take the difference instead of reading the store back.
   */
  onChange?: (kind: FeedStatus['kind'], claims?: { feedId: string; claims: KnownClaim[]; generation?: string }) => void;
  /**
   * Accept http://127.0.0.1 / localhost subscription URLs. For the local demo and end-to-end tests
   * only; never on in a release build (feeds are https only).
   */
  allowLoopbackHttp?: boolean;
  maxBytes?: number;
  /** Test seam passed to the store (simulates a worker stopped mid-apply). */
  writeHook?: WriteHook;
}

/** Most subscriptions: each one costs a periodic request and storage. */
const MAX_FEEDS = 50;

/**
 * Checks a subscription URL; returns the normalised href or throws a user-readable Error. Feeds are
 * https on a public host: a private, loopback or link-local address (a router, a printer, an
 * intranet page) is refused, so a subscription cannot be used to probe the local network. The one
 * exception is the development case (`allowLoopbackHttp`): http or https on 127.0.0.1 / localhost,
 * for the local demo and end-to-end tests. (A public name that resolves to a private address cannot
 * be caught here: an extension sees no DNS answers.)
 */
export function checkSubscriptionUrl(input: string, allowLoopbackHttp = false): string {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    throw new Error('Not a web address.');
  }
  if (u.username || u.password) throw new Error('Feed addresses must not carry a user name or password.');
  const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname.endsWith('.localhost') || u.hostname === '[::1]';
  if (allowLoopbackHttp && loopback && (u.protocol === 'http:' || u.protocol === 'https:')) return u.href;
  if (u.protocol !== 'https:') throw new Error('Feeds must be served over https.');
  if (isPrivateHost(u.hostname)) throw new Error('Feeds must be on a public address, not a private, local or loopback one.');
  return u.href;
}

/** Subscriptions, refreshes and removal of feeds. */
export class FeedManager {
  private readonly opts: FeedManagerOptions;
  /** Per-feed queue so two refreshes of one feed never interleave. */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(opts: FeedManagerOptions) {
    this.opts = opts;
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  /** All feeds with their status. */
  async list(): Promise<FeedStatus[]> {
    return (await listFeedRecords(await this.opts.db())).map(toFeedStatus);
  }

  /** Subscribes to a feed (pinning its publisher key when given) and fetches it once. */
  async subscribe(p: { url: string; kind: FeedStatus['kind']; publicKey: string | null }): Promise<FeedStatus> {
    const url = checkSubscriptionUrl(p.url, this.opts.allowLoopbackHttp);
    if (p.kind !== 'claimreview' && p.kind !== 'pack') throw new Error('Unknown feed kind.');
    const key = p.publicKey?.trim() || null;
    if (key !== null && !decodePublicKey(key)) throw new Error('The publisher key must be a base64 Ed25519 public key.');
    const db = await this.opts.db();
    const feeds = await listFeedRecords(db);
    if (feeds.some((f) => f.url === url)) throw new Error('Already subscribed to this feed.');
    if (feeds.length >= MAX_FEEDS) throw new Error(`At most ${MAX_FEEDS} feeds.`);
    const rnd = Math.floor((this.opts.random?.() ?? Math.random()) * 36 ** 6).toString(36);
    const feed: FeedRecord = {
      id: `feed-${this.now().getTime().toString(36)}-${rnd}`,
      url,
      kind: p.kind,
      publicKey: key,
      records: 0,
      skipped: 0,
      lastUpdate: null,
      lastError: null,
      etag: null,
      lastModified: null,
      dataVersion: null,
      nextRefresh: this.now().toISOString(),
      failures: 0,
    };
    await putFeedRecord(db, feed);
    return this.refresh(feed.id);
  }

  /** Refreshes one feed now; resolves to its new status (a rejected update shows in lastError). */
  refresh(id: string): Promise<FeedStatus> {
    const prev = this.running.get(id) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(() => this.refreshNow(id));
    this.running.set(id, next);
    void next.finally(() => {
      if (this.running.get(id) === next) this.running.delete(id);
    }).catch(() => undefined);
    return next;
  }

  /** Refreshes every feed whose next refresh time has come (the alarm handler). */
  async refreshDue(): Promise<FeedStatus[]> {
    const db = await this.opts.db();
    const now = this.now().getTime();
    const out: FeedStatus[] = [];
    for (const f of await listFeedRecords(db)) {
      if (f.nextRefresh && Date.parse(f.nextRefresh) > now) continue;
      out.push(await this.refresh(f.id));
    }
    return out;
  }

  /** Removes a feed and its records; returns the remaining feeds. */
  async unsubscribe(id: string): Promise<FeedStatus[]> {
    const db = await this.opts.db();
    const feed = await getFeedRecord(db, id);
    const generation = await removeFeedRecords(db, id);
    if (feed) this.opts.onChange?.(feed.kind, feed.kind === 'claimreview' ? { feedId: id, claims: [], generation } : undefined);
    return this.list();
  }

  private async refreshNow(id: string): Promise<FeedStatus> {
    const db = await this.opts.db();
    const feed = await getFeedRecord(db, id);
    if (!feed) throw new Error('No such feed.');
    let addressError: string | null = null;
    try {
      // Checked again at every refresh: a subscription stored before a rule tightened is not fetched.
      checkSubscriptionUrl(feed.url, this.opts.allowLoopbackHttp);
    } catch (err) {
      addressError = err instanceof Error ? err.message : String(err);
    }
    const fetched = addressError !== null ? { type: 'network-error' as const, message: `not fetched: ${addressError}` } : await fetchFeed(feed.url, {
      fetch: this.opts.fetch,
      etag: feed.etag,
      lastModified: feed.lastModified,
      maxBytes: this.opts.maxBytes ?? MAX_FEED_BYTES,
    });
    let outcome = fetched;
    if (fetched.type === 'response' && feed.publicKey && fetched.status >= 200 && fetched.status < 300) {
      outcome = { ...fetched, signature: await fetchSignature(feed.url, this.opts.fetch) };
    }
    const plan = await planUpdate(feed, outcome);
    const now = this.now();
    const random = this.opts.random ?? Math.random;
    if (plan.action === 'reject') {
      const failures = (feed.failures ?? 0) + 1;
      const updated: FeedRecord = { ...feed, lastError: plan.error, failures, nextRefresh: nextRefreshTime(now, failures, random) };
      await putFeedRecord(db, updated);
      return toFeedStatus(updated);
    }
    if (plan.action === 'unchanged') {
      const updated: FeedRecord = { ...feed, lastError: null, failures: 0, nextRefresh: nextRefreshTime(now, 0, random) };
      await putFeedRecord(db, updated);
      return toFeedStatus(updated);
    }
    const count = plan.kind === 'claimreview' ? plan.claims.length : plan.entries.length;
    const updated: FeedRecord = {
      ...feed,
      records: count,
      skipped: plan.skipped,
      lastUpdate: now.toISOString(),
      lastError: null,
      etag: plan.etag,
      lastModified: plan.lastModified,
      dataVersion: plan.dataVersion,
      failures: 0,
      nextRefresh: nextRefreshTime(now, 0, random),
    };
    let generation: string | null = null;
    try {
      generation = await applyFeedRecords(
        db,
        updated,
        plan.kind === 'claimreview' ? { kind: 'claimreview', claims: plan.claims } : { kind: 'pack', entries: plan.entries },
        this.opts.writeHook,
      );
    } catch (err) {
      const failed: FeedRecord = {
        ...feed,
        lastError: `Could not store the update: ${err instanceof Error ? err.message : String(err)}`,
        failures: (feed.failures ?? 0) + 1,
        nextRefresh: nextRefreshTime(now, (feed.failures ?? 0) + 1, random),
      };
      await putFeedRecord(db, failed).catch(() => undefined);
      return toFeedStatus(failed);
    }
    this.opts.onChange?.(feed.kind, plan.kind === 'claimreview' ? { feedId: feed.id, claims: plan.claims.map((c) => ({ ...c, source: feed.id })), generation: generation ?? undefined } : undefined);
    return toFeedStatus(updated);
  }
}
