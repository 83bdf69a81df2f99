/**
 * Tab addresses without their fragment, the key a tab's report is kept under. (Which site a URL
 * belongs to, and the address an article is filed under, are core/site.ts's.)
 */

/** The URL without its #fragment (a fragment never changes the document), or the input if unparsable. */
export function stripHash(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}
