/**
 * The extension's opt-in query to a newsroom's team index (`provenance-lens serve`, docs/team-store.md):
 * what is sent, where it may go, and what an answer may say. Pure: the background does the fetch.
 *
 * What is sent is the page's fingerprint only: per sentence, the 32-bit hashes of its content
 * terms (stems). No URL, no title, no text, no time. The team server can still learn a lot: it
 * matches the hashes against its own index, so it learns which of its known articles the reader
 * has open, and hashed stems can be guessed back with a dictionary. That is why the query is off
 * until the reader names a server, is sent only when the reader opens the popup on a checked page
 * (never from a private window), and the options page says so in words.
 */
import * as v from 'valibot';
import type { TeamMatch, TeamView } from '../types';
import type { PackEntry } from '../engine/pack-entry';
import { describeIssues } from '../feeds/describe-issues';
import { parseUrl } from '../feeds/web-apis';

/** Sentences and terms per sentence sent at most (the server refuses more: serve.ts). */
const MAX_QUERY_SENTENCES = 5000;
const MAX_QUERY_TERMS = 2000;
/** Matches kept from an answer, and the longest title or name shown. */
const MAX_TEAM_MATCHES = 10;
const MAX_TEXT = 500;
/** Largest answer read (10 matches of ~1 KB; anything near this cap is not a team index). */
export const MAX_TEAM_ANSWER_BYTES = 256 * 1024;

/** The body of POST /check for a fingerprint-only query. */
export interface TeamQuery {
  fingerprint: { sentences: Array<{ terms: number[] }> };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why an address cannot be a team index's (the options page words each in the reader's language). */
export type TeamServerProblem = 'not-address' | 'credentials' | 'query' | 'insecure';

const PROBLEM_WORDS: Record<TeamServerProblem, string> = {
  'not-address': 'Not a web address.',
  credentials: 'The address must not carry a user name or password.',
  query: 'Give the server’s address without ? or #.',
  insecure: 'A team index must be reached over https (plain http only on this machine: 127.0.0.1 or localhost).',
};

/**
 * The team server's base address, normalised (no trailing slash), or why not: https to any host
 * (a newsroom's server is often on its own network, and the reader names it and grants it), or
 * plain http only to this machine (127.0.0.1, localhost: `serve`'s default, and nothing leaves the
 * machine). No user name or password, no query or fragment.
 */
export function checkTeamServerUrl(input: string): { url: string } | { problem: TeamServerProblem } {
  const u = parseUrl(input.trim());
  if (!u) return { problem: 'not-address' };
  if (u.username || u.password) return { problem: 'credentials' };
  if (u.search || u.hash) return { problem: 'query' };
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname))) return { problem: 'insecure' };
  return { url: (u.origin + u.pathname).replace(/\/+$/, '') };
}

/** The same rule for the background: the normalised address, or an Error saying why not (English). */
export function teamServerUrl(input: string): string {
  const r = checkTeamServerUrl(input);
  if ('problem' in r) throw new Error(PROBLEM_WORDS[r.problem]);
  return r.url;
}

/** The fingerprint query for a page (its content-term hashes per sentence; nothing else). */
export function teamQuery(print: Pick<PackEntry, 'sentences'>): TeamQuery {
  return {
    fingerprint: {
      sentences: print.sentences.slice(0, MAX_QUERY_SENTENCES).map((s) => ({ terms: s.terms.slice(0, MAX_QUERY_TERMS) })),
    },
  };
}

const text = v.pipe(v.string(), v.transform((s) => s.slice(0, MAX_TEXT)));
const AnswerSchema = v.object({
  candidates: v.pipe(
    v.array(
      v.object({
        url: v.pipe(v.string(), v.maxLength(4096)),
        title: v.optional(v.nullable(text), null),
        siteName: v.optional(v.nullable(text), null),
        publishedTime: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64))), null),
        shingleShare: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
      }),
    ),
    v.maxLength(1000),
  ),
});

/**
 * Reads a team server's answer (untrusted: another machine's JSON). Keeps at most ten matches,
 * only those with an http(s) address (a link is all the popup makes of it) and that share some
 * text word for word (the server ranks its nearest candidates whatever they share, and the popup
 * lists them as articles sharing text with the page), titles cut to length.
 */
export function parseTeamAnswer(raw: unknown, server: string): TeamView {
  const parsed = v.safeParse(AnswerSchema, raw);
  if (!parsed.success) return { kind: 'error', server, message: `The team index answered something else than matches (${describeIssues(parsed.issues)}).` };
  const matches: TeamMatch[] = [];
  for (const c of parsed.output.candidates) {
    const u = parseUrl(c.url);
    if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password) continue;
    if (!(c.shingleShare > 0)) continue;
    matches.push({ url: u.href, title: c.title ?? '', siteName: c.siteName, publishedTime: c.publishedTime, shingleShare: c.shingleShare });
    if (matches.length === MAX_TEAM_MATCHES) break;
  }
  return { kind: 'matches', server, matches };
}
