/** Types for demo/server.mjs (the demo news site server). */
export declare const SITE_ROOT: string;
export declare const FEEDS_ROOT: string;
export declare const DEMO_SITES: readonly string[];
/** Demo page roles. */
export type DemoRole =
  | 'original'
  | 'verbatim'
  | 'rewrite'
  | 'credited'
  | 'independent'
  | 'syndicated'
  | 'factCheck'
  | 'claimRepeat'
  | 'nonArticle'
  | 'spaReader'
  | 'spaNext'
  | 'backdated';
export declare const DEMO_PAGES: Readonly<Record<DemoRole, { site: string; path: string }>>;
/** Resolves a URL path inside a root folder, or null when it would escape it. */
export declare function resolveInside(root: string, urlPath: string): string | null;
/** A running demo server. */
export interface DemoServer {
  url: string;
  port: number;
  siteUrl(site: string, path?: string): string;
  pageUrl(role: DemoRole): string;
  feedUrl(name?: string): string;
  close(): Promise<void>;
}
/** Starts the demo server on 127.0.0.1. */
export declare function startDemoServer(opts?: { port?: number; log?: boolean }): Promise<DemoServer>;
