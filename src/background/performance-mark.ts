/**
 * A performance mark in the background's own timeline (never a page's): `npm run bench -- --browser`
 * reads them to time a cold start (worker start to index and claim index ready).
 */
export function markPerformance(name: string): void {
  globalThis.performance?.mark?.(`provenance-lens:${name}`);
}
