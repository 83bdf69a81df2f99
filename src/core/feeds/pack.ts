/**
 * Provenance packs: build one from articles (`provenance-lens pack build`) and parse one received
 * from a feed or a file, entry by entry, so one bad entry is skipped and counted.
 */
import * as v from 'valibot';
import type { ArticleRecord } from '../types';
import { fingerprintArticle } from '../engine/fingerprint-article';
import type { PackEntry } from '../engine/pack-entry';
import { parseRecord } from '../records/parse-record';
import { PACK_SCHEMA, packSchema } from './pack-schema';
import { safeHttpsUrl } from './safe-url';
import { describeIssues } from './describe-issues';

/** A provenance pack (JSON format `provenance-lens/pack@1`). */
export interface Pack {
  schema: typeof PACK_SCHEMA;
  publisher: { name: string; url?: string | null };
  /** ISO 8601 time the pack was generated; its data version. */
  generated: string;
  entries: PackEntry[];
}

/** Builds a pack from articles (metadata + fingerprints, no full text). */
export function buildPack(
  articles: ArticleRecord[],
  opts: { publisher?: { name: string; url?: string | null }; generated?: string } = {},
): Pack {
  const entries: PackEntry[] = [];
  const seen = new Set<string>();
  for (const a of articles) {
    const e = fingerprintArticle(a);
    if (seen.has(e.url)) continue;
    seen.add(e.url);
    entries.push(e);
  }
  return {
    schema: PACK_SCHEMA,
    publisher: { name: opts.publisher?.name ?? 'unknown', url: opts.publisher?.url ?? null },
    generated: opts.generated ?? new Date().toISOString(),
    entries,
  };
}

/** Result of parsePack: the pack when the envelope is valid (bad entries skipped), else an error. */
export type ParsedPack =
  | { ok: true; pack: Pack; skipped: number; errors: string[] }
  | { ok: false; error: string };

/** Most per-entry error lines kept (the skipped count is exact). */
const MAX_ERRORS = 20;

/** Validates a pack (already JSON-parsed): strict envelope, then each entry on its own. */
export function parsePack(json: unknown): ParsedPack {
  const env = v.safeParse(packSchema, json);
  if (!env.success) return { ok: false, error: `not a valid provenance pack: ${describeIssues(env.issues)}` };
  const entries: PackEntry[] = [];
  const errors: string[] = [];
  let skipped = 0;
  const seen = new Set<string>();
  env.output.entries.forEach((raw, i) => {
    const r = parseRecord('packEntry', raw, 'untrusted');
    let why: string | null = null;
    if (!r.ok) why = describeIssues(r.issues);
    else if (!safeHttpsUrl(r.value.url)) why = 'url: not a public https URL';
    else if (seen.has(r.value.url)) why = 'duplicate url';
    if (why !== null || !r.ok) {
      skipped++;
      if (errors.length < MAX_ERRORS) errors.push(`entry ${i}: ${why}`);
      return;
    }
    const e = r.value;
    seen.add(e.url);
    const canon = e.signals.canonicalUrl === null ? null : safeHttpsUrl(e.signals.canonicalUrl);
    const { firstSeen: _firstSeen, ...rest } = e;
    void _firstSeen;
    entries.push({
      ...rest,
      // firstSeen is this install's own observation; a publisher cannot set it (no feed raises
      // its own standing in "who was first").
      url: safeHttpsUrl(e.url)!,
      // URLs named by a pack are evidence to compare and show, never to fetch: keep public https only.
      links: e.links.map(safeHttpsUrl).filter((x): x is string => x !== null),
      signals: {
        ...e.signals,
        canonicalUrl: canon,
        isBasedOn: e.signals.isBasedOn.map(safeHttpsUrl).filter((x): x is string => x !== null),
      },
    });
  });
  const publisher = { name: env.output.publisher.name, url: safeHttpsUrl(env.output.publisher.url ?? null) };
  return { ok: true, pack: { schema: PACK_SCHEMA, publisher, generated: env.output.generated, entries }, skipped, errors };
}
