/**
 * A local feed server for contract tests (127.0.0.1, port 0) whose answer per path is set by the
 * test, and which records every request it receives. Feeds are https-only, so tests reach it
 * through `fetchVia`, a fetch that resolves https://feeds.test/... to this server (a stand-in for
 * DNS), leaving the production URL rules untouched.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One response, or a function that writes it (for streaming and dropping connections). */
export type Route =
  | { status?: number; headers?: Record<string, string>; body: string | Uint8Array }
  | ((res: ServerResponse, headers: IncomingHttpHeaders) => void);

export interface FeedServer {
  port: number;
  routes: Map<string, Route>;
  requests: Array<{ path: string; headers: IncomingHttpHeaders }>;
  /** Bytes written by streaming routes before the client went away. */
  streamed: { bytes: number; closedEarly: boolean };
  fetchVia: (input: string, init: RequestInit) => Promise<Response>;
  /** Every RequestInit the fetch received (to check credentials and referrer policy). */
  inits: RequestInit[];
  close: () => Promise<void>;
}

export const FEED_HOST = 'feeds.test';

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: FeedServer['requests'] = [];
  const streamed = { bytes: 0, closedEarly: false };
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (typeof route === 'function') return route(res, req.headers);
    res.writeHead(route.status ?? 200, { 'content-type': 'application/json', ...route.headers }).end(route.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const inits: RequestInit[] = [];
  const fetchVia = (input: string, init: RequestInit) => {
    inits.push(init);
    const u = new URL(input);
    if (u.hostname !== FEED_HOST) return Promise.reject(new TypeError(`test fetch: unknown host ${u.hostname}`));
    // As with real DNS, the response's URL is the one asked for (no redirect happened).
    return fetch(`http://127.0.0.1:${port}${u.pathname}${u.search}`, init).then((res) =>
      Object.defineProperty(res, 'url', { value: input }),
    );
  };
  return {
    port,
    routes,
    requests,
    streamed,
    fetchVia,
    inits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A route that streams `total` bytes of a JSON array in chunks, noting when the client hangs up. */
export function streamingRoute(server: FeedServer, total: number, chunk = 64 * 1024): Route {
  return (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    let sent = 0;
    res.on('close', () => {
      if (sent < total) server.streamed.closedEarly = true;
    });
    const piece = Buffer.alloc(chunk, 0x20);
    const pump = () => {
      while (sent < total) {
        sent += chunk;
        server.streamed.bytes = sent;
        if (!res.write(piece)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    res.write('[');
    pump();
  };
}
