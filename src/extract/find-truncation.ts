/**
 * Signs that extraction read only part of an article: a paywall teaser ("Subscribe to continue
 * reading"), a "continue reading" stub, a members-only notice. Pure string code, no DOM. A
 * partial text is no evidence of independence: the engine says so instead of concluding from
 * the part it could not read.
 */

// Notices a site puts where the text stops. Each is a phrase about the reader's access to the rest
// of this article, not a credit: "Read the full story at X" names another outlet and is left to
// find-credits. Tested on whole short lines only (see MAX_NOTICE_CHARS).
const CUT_NOTICES: RegExp[] = [
  /\b(subscribe|sign up|register|log in|sign in)\b.{0,40}\b(to|and) (continue|keep) reading\b/i,
  // Not the mid-article ad divider "Continue reading the main story" / "continue reading below".
  /\bcontinue reading\b(?!\s+(the\s+)?main story|\s+below)/i,
  /\b(to|and) read the (rest|full article|whole article|full story) (of this|you need|subscribe|log in|sign in)/i,
  /\bthe rest of this (article|story) is (only )?(available|for|reserved)\b/i,
  /\b(this|the) (article|story|content) is (only )?(available|reserved|exclusive)( only)? (to|for) (subscribers|members|premium)\b/i,
  /\balready a (subscriber|member)\?/i,
  /\bsubscribers only\b|\bfor subscribers\b.{0,30}\bunlock\b/i,
];
// A notice is a short line; the same words inside a long paragraph are part of the story.
const MAX_NOTICE_CHARS = 200;
// Where a cut shows: the last paragraphs of the text and the page lines dropped around it.
const TAIL_PARAGRAPHS = 2;

/** Why only part of the article was read, or null when nothing says so. */
export function findTruncation(paragraphs: string[], droppedLines: string[] = []): string | null {
  const tail = paragraphs.slice(-TAIL_PARAGRAPHS);
  for (const line of [...tail, ...droppedLines]) {
    const t = line.trim();
    if (t.length > MAX_NOTICE_CHARS) continue;
    if (CUT_NOTICES.some((re) => re.test(t))) return `the page shows only the start of the article ("${t.slice(0, 80)}")`;
  }
  return null;
}
