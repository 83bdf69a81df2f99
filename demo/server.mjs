/**
 * The demo news site server: serves demo/site/ (one folder per fake outlet) and demo/feeds/ on
 * 127.0.0.1 only, picking the outlet from the Host header so each outlet has its own origin
 * (`harbor-ledger.localhost:PORT`, `northshore-now.localhost:PORT`, ...). Chromium and Firefox
 * both resolve `*.localhost` to the loopback address without DNS (RFC 6761), and the server
 * listens on 127.0.0.1, so nothing leaves the machine. `127.0.0.1:PORT` and `localhost:PORT`
 * serve the demo index and the feeds. Outlets are also reachable by path prefix
 * (`127.0.0.1:PORT/sites/<outlet>/...`) for tools that cannot use custom hostnames.
 *
 * Pages link to each other with absolute URLs carrying the token `__PORT__`, replaced on the way
 * out by the real port, so the server can listen on an ephemeral port (tests use port 0).
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Folder holding one sub-folder per outlet plus the demo index. */
export const SITE_ROOT = path.join(HERE, 'site');
/** Folder holding the ClaimReview feed files served under /feeds/. */
export const FEEDS_ROOT = path.join(HERE, 'feeds');

/** The fake outlets: hostname label -> folder under demo/site/ (same name, listed for clarity). */
export const DEMO_SITES = Object.freeze([
  'harbor-ledger',
  'coast-digest',
  'northshore-now',
  'bayside-observer',
  'coastal-radio',
  'valley-courier',
  'claimcheck',
  'harborview-voice',
]);

/** The demo pages, by role, as paths on their outlet (see demo/README.md for what each shows). */
export const DEMO_PAGES = Object.freeze({
  original: { site: 'harbor-ledger', path: '/news/2026/11/18/port-alder-approves-48-million-seawall.html' },
  verbatim: { site: 'coast-digest', path: '/trending/port-alder-seawall-flooding.html' },
  rewrite: { site: 'northshore-now', path: '/local/port-alder-seawall-approved.html' },
  credited: { site: 'bayside-observer', path: '/briefing/2026-11-19-morning-briefing.html' },
  independent: { site: 'coastal-radio', path: '/news/port-alder-council-backs-seawall.html' },
  syndicated: { site: 'valley-courier', path: '/region/port-alder-seawall-vote.html' },
  factCheck: { site: 'claimcheck', path: '/checks/port-alder-seawall-property-tax.html' },
  claimRepeat: { site: 'harborview-voice', path: '/opinion/the-seawall-tax-grab.html' },
  nonArticle: { site: 'harbor-ledger', path: '/' },
  spaReader: { site: 'coast-digest', path: '/app/reader.html' },
  spaNext: { site: 'coast-digest', path: '/app/ferry-fares.html' },
  // A news report debunking the feed's claims: matched, but never highlighted as repeating them (issue 9).
  debunk: { site: 'coastal-radio', path: '/news/seawall-tax-flyer-checked.html' },
  // Hostile: a scrape of the original declaring a 1999 publication date (issue 9).
  backdated: { site: 'coast-digest', path: '/archive/1999/port-alder-seawall.html' },
});

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
/** Types whose body may carry the `__PORT__` token. */
const TEXT_TYPES = new Set(['.html', '.css', '.json', '.js', '.txt', '.svg']);

/**
 * Resolves a URL path inside a root folder, or null when it would escape it (`..`, encoded
 * slashes, NUL bytes, backslashes) or is malformed.
 */
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const parts = decoded.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) return null;
  const full = path.join(root, ...parts);
  const rel = path.relative(root, full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return full;
}

/** Picks the folder for a request from its Host header and path: [root, pathInsideRoot]. */
function route(host, pathname) {
  const name = String(host ?? '').toLowerCase().replace(/:\d+$/, '');
  const label = name.endsWith('.localhost') ? name.slice(0, -'.localhost'.length) : null;
  if (label && DEMO_SITES.includes(label)) return [path.join(SITE_ROOT, label), pathname];
  if (label && label !== 'demo') return null;
  const prefixed = /^\/sites\/([a-z-]+)(\/.*)?$/.exec(pathname);
  if (prefixed && DEMO_SITES.includes(prefixed[1])) {
    return [path.join(SITE_ROOT, prefixed[1]), prefixed[2] ?? '/'];
  }
  if (pathname.startsWith('/feeds/')) return [FEEDS_ROOT, pathname.slice('/feeds'.length)];
  if (pathname === '/' || pathname === '/index.html' || pathname === '/demo.css') {
    return [SITE_ROOT, pathname];
  }
  return null;
}

async function findFile(root, urlPath) {
  const full = resolveInside(root, urlPath);
  if (!full) return null;
  try {
    const s = await stat(full);
    if (s.isFile()) return full;
    if (s.isDirectory()) {
      const index = path.join(full, 'index.html');
      if ((await stat(index)).isFile()) return index;
    }
  } catch {
    // Missing file: a 404 below.
  }
  return null;
}

function send(res, status, type, body, method) {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(method === 'HEAD' ? undefined : body);
}

/**
 * Starts the demo server on 127.0.0.1 (port 0 = any free port) and resolves with its index URL,
 * a helper that builds outlet URLs, and `close()`.
 */
export async function startDemoServer({ port = 0, log = false } = {}) {
  let actualPort = 0;
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', req.method);
      }
      const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
      const routed = route(req.headers.host, pathname);
      const file = routed ? await findFile(routed[0], routed[1]) : null;
      if (log) console.log(`${req.method} ${req.headers.host}${pathname} ${file ? 200 : 404}`);
      if (!file) {
        return send(res, 404, 'text/html; charset=utf-8', NOT_FOUND.replaceAll('__PORT__', String(actualPort)), req.method);
      }
      const ext = path.extname(file).toLowerCase();
      const type = CONTENT_TYPES[ext] ?? 'application/octet-stream';
      let body = await readFile(file);
      if (TEXT_TYPES.has(ext)) body = Buffer.from(body.toString('utf8').replaceAll('__PORT__', String(actualPort)));
      send(res, 200, type, body, req.method);
    } catch (err) {
      send(res, 500, 'text/plain; charset=utf-8', `server error: ${err?.message ?? err}\n`, req.method);
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  actualPort = server.address().port;
  const url = `http://127.0.0.1:${actualPort}/`;
  return {
    url,
    port: actualPort,
    /** URL of an outlet page: siteUrl('harbor-ledger', '/news/...'). */
    siteUrl: (site, p = '/') => `http://${site}.localhost:${actualPort}${p}`,
    /** URL of a demo page by role (see DEMO_PAGES). */
    pageUrl: (role) => `http://${DEMO_PAGES[role].site}.localhost:${actualPort}${DEMO_PAGES[role].path}`,
    /** URL of a feed file under demo/feeds/. */
    feedUrl: (name = 'claims.json') => `http://127.0.0.1:${actualPort}/feeds/${name}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

const NOT_FOUND = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
<body><h1>Not found</h1><p>This page is not part of the demo. <a href="http://127.0.0.1:__PORT__/">Back to the demo index</a>.</p></body></html>\n`;

// `node demo/server.mjs [port]` serves the demo on its own (npm start does this for you).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8466);
  const demo = await startDemoServer({ port, log: true });
  console.log(`Provenance Lens demo at ${demo.url} (Ctrl+C to stop)`);
}
