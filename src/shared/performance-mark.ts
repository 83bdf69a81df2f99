/**
 * Performance marks in the calling context's own timeline (the background's, the popup's; never a
 * page's): `npm run bench -- --browser` reads them to time a cold start phase by phase (worker
 * start to snapshot read, index restored, claim index ready, first check done) and the popup's
 * first render.
 */

/**
 * Sets `provenance-lens:<name>` once per context: the first occurrence is what a cold start is
 * timed by, and a long-lived event page would otherwise gather one entry per checked page.
 */
export function markPerformance(name: string): void {
  const perf = globalThis.performance;
  const full = `provenance-lens:${name}`;
  if (!perf?.mark || perf.getEntriesByName?.(full, 'mark').length) return;
  perf.mark(full);
}
