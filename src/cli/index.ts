/**
 * The `provenance-lens` command: extract, index, check, compare, claims import/search and pack
 * build over the same extraction and engine as the extension (see docs/cli.md). `main(argv, io)`
 * runs one command in-process and resolves to the exit code; it never throws and never prints a
 * stack trace (set PROVENANCE_LENS_DEBUG=1 to see one for an unexpected failure). Run as a script
 * (the built dist/cli/provenance-lens.mjs or this file under tsx), it runs main on process.argv.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import packageJson from '../../package.json' with { type: 'json' };
import { CliError, describeError, nodeIo, type CliIo } from './cli-io';
import { clean } from './format-report';
import { runCheck, runCompare } from './run-check';
import { runComparePairs } from './run-compare-pairs';
import { runClaimsImport, runClaimsSearch } from './run-claims';
import { runExtract } from './run-extract';
import { runIndex } from './run-index';
import { runPackBuild } from './run-pack';
import { runServe } from '../store/serve';
import { runStoreCheck, runStoreClaimsImport, runStoreClaimsSearch, runStoreCompare, runStoreIndex } from '../store/run-store';

export type { CliIo } from './cli-io';
export { CliError, nodeIo } from './cli-io';

/** Version printed by `--version`: package.json's (esbuild inlines the JSON into the bundle). */
export const CLI_VERSION: string = packageJson.version;

/** The usage text printed by `--help` and after a usage error. */
export const USAGE = `Usage: provenance-lens <command> [options]

Commands:
  extract PAGE.html [--url URL] [--json]     the article as the extension reads it
  index PATH... --db DB [--url URL]          add HTML files, folders of them, JSON Lines articles
  check PAGE --db DB [--url URL] [--json | --annotations | --timeline]
                                             where PAGE (HTML or JSON article) came from
  compare A B [--json | --annotations]       A checked against B alone
  compare --pairs PAIRS.jsonl                one JSON report per line {"a": A, "b": B} (paths or articles)
  claims import FEED --db DB [--source ID]   add ClaimReview claims (DataFeed, array, JSON-LD, HTML)
  claims search --db DB [--top K]            JSON Lines {"id","text"} on stdin -> ranked claims
  pack build PATH... -o PACK.json [--publisher NAME] [--publisher-url URL]
                                             a provenance pack (fingerprints, no full text)
  serve --store ADDR [--port N] [--host H]   the team store over HTTP (docs/team-store.md)

Options:
  --store redis[s]://host:port[,...]  use a team store on Redis Cluster instead of --db
                 (index, check, compare with stored URLs, claims; docs/team-store.md); rediss:
                 TLS; password in PL_REDIS_PASSWORD (user PL_REDIS_USERNAME, CA PL_REDIS_CA_FILE)
  --json         machine-readable output (report schema provenance-lens/report@1)
  --annotations  the evidence as W3C Web Annotations (JSON-LD; docs/annotations.md)
  --timeline     check: every known version of the story in time order, who derived from whom
  -h, --help  this help        --version  print the version
See docs/cli.md for details.
`;

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

/** Parse a command's arguments; usage mistakes become a CliError with exit code 2. */
function parse(args: string[], options: Options): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new CliError(describeError(error), 2);
  }
}

const DB = { db: { type: 'string' }, store: { type: 'string' } } as const;
const JSON_FLAG = { json: { type: 'boolean' } } as const;
const ANNOTATIONS_FLAG = { annotations: { type: 'boolean' } } as const;
const URL_OPT = { url: { type: 'string' } } as const;

/** Run one command; resolves to the process exit code (0 ok, 1 failure, 2 usage error). */
export async function main(argv: string[], io: CliIo = nodeIo()): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${CLI_VERSION}\n`);
      return 0;
    }
    if (rest.includes('-h') || rest.includes('--help')) {
      io.stdout(USAGE);
      return 0;
    }
    switch (command) {
      case 'extract': {
        const { values, positionals } = parse(rest, { ...URL_OPT, ...JSON_FLAG });
        const [page] = exactly(positionals, 1, 'extract PAGE.html');
        return await runExtract({ page, url: str(values.url), json: !!values.json, io, cwd });
      }
      case 'index': {
        const { values, positionals } = parse(rest, { ...DB, ...URL_OPT });
        if (positionals.length === 0) throw new CliError('index: give at least one PATH', 2);
        const store = storeOf(values);
        if (store) return await runStoreIndex({ paths: positionals, store, url: str(values.url), io, cwd });
        return await runIndex({ paths: positionals, db: need(values.db, '--db DB (or --store ADDR)'), url: str(values.url), io, cwd });
      }
      case 'check': {
        const { values, positionals } = parse(rest, { ...DB, ...URL_OPT, ...JSON_FLAG, ...ANNOTATIONS_FLAG, timeline: { type: 'boolean' } });
        const [page] = exactly(positionals, 1, 'check PAGE');
        const store = storeOf(values);
        const out = { json: !!values.json, annotations: !!values.annotations, timeline: !!values.timeline };
        if (store) return await runStoreCheck({ page, store, url: str(values.url), ...out, io, cwd });
        return await runCheck({ page, db: need(values.db, '--db DB (or --store ADDR)'), url: str(values.url), ...out, io, cwd });
      }
      case 'compare': {
        const { values, positionals } = parse(rest, { ...JSON_FLAG, ...ANNOTATIONS_FLAG, pairs: { type: 'string' }, store: { type: 'string' } });
        if (values.pairs !== undefined) {
          exactly(positionals, 0, 'compare --pairs PAIRS.jsonl');
          if (values.annotations) throw new CliError('compare --pairs prints JSON reports; --annotations does not apply', 2);
          return await runComparePairs({ pairs: need(values.pairs, '--pairs PAIRS.jsonl'), io, cwd });
        }
        const [a, b] = exactly(positionals, 2, 'compare A B');
        const store = str(values.store);
        if (store) return await runStoreCompare({ a, b, store, json: !!values.json, annotations: !!values.annotations, io, cwd });
        return await runCompare({ a, b, json: !!values.json, annotations: !!values.annotations, io, cwd });
      }
      case 'claims': {
        const [sub, ...subArgs] = rest;
        if (sub === 'import') {
          const { values, positionals } = parse(subArgs, { ...DB, source: { type: 'string' } });
          const [feed] = exactly(positionals, 1, 'claims import FEED');
          const store = storeOf(values);
          if (store) return await runStoreClaimsImport({ feed, store, source: str(values.source) ?? 'import', io, cwd });
          return await runClaimsImport({ feed, db: need(values.db, '--db DB (or --store ADDR)'), source: str(values.source) ?? 'import', io, cwd });
        }
        if (sub === 'search') {
          const { values, positionals } = parse(subArgs, { ...DB, top: { type: 'string' } });
          exactly(positionals, 0, 'claims search');
          const store = storeOf(values);
          if (store) return await runStoreClaimsSearch({ store, top: positiveInt(values.top, 5, '--top'), io });
          return await runClaimsSearch({ db: need(values.db, '--db DB (or --store ADDR)'), top: positiveInt(values.top, 5, '--top'), io, cwd });
        }
        throw new CliError(`claims: unknown subcommand ${JSON.stringify(sub ?? '')} (import or search)`, 2);
      }
      case 'pack': {
        const [sub, ...subArgs] = rest;
        if (sub !== 'build') throw new CliError(`pack: unknown subcommand ${JSON.stringify(sub ?? '')} (build)`, 2);
        const { values, positionals } = parse(subArgs, {
          output: { type: 'string', short: 'o' },
          publisher: { type: 'string' },
          'publisher-url': { type: 'string' },
        });
        if (positionals.length === 0) throw new CliError('pack build: give at least one PATH', 2);
        return await runPackBuild({
          paths: positionals,
          output: need(values.output, '-o PACK.json'),
          publisher: str(values.publisher),
          publisherUrl: str(values['publisher-url']),
          io,
          cwd,
        });
      }
      case 'serve': {
        const { values, positionals } = parse(rest, { store: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } });
        exactly(positionals, 0, 'serve --store ADDR');
        return await runServe({
          store: need(values.store, '--store redis://host:port,...'),
          port: positiveInt(values.port, 8787, '--port'),
          host: str(values.host) ?? '127.0.0.1',
          io,
        });
      }
      default:
        throw new CliError(`unknown command ${JSON.stringify(command)}; try --help`, 2);
    }
  } catch (error) {
    if (error instanceof CliError) {
      // clean(): one line, and no escape sequences from file names or page text.
      io.stderr(`provenance-lens: ${clean(error.message)}\n`);
      return error.code;
    }
    // An unexpected failure is still one line; the stack only on request.
    io.stderr(`provenance-lens: unexpected error: ${clean(describeError(error))}\n`);
    if (process.env.PROVENANCE_LENS_DEBUG) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    return 1;
  }
}

/** The --store address, when given; --db and --store name two different indexes, so not both. */
function storeOf(values: Values): string | undefined {
  const store = str(values.store);
  if (store !== undefined && values.db !== undefined) throw new CliError('give one of --db and --store', 2);
  return store;
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function need(value: string | boolean | undefined, what: string): string {
  if (typeof value !== 'string' || value === '') throw new CliError(`missing ${what}`, 2);
  return value;
}

function exactly(positionals: string[], n: number, usage: string): string[] {
  if (positionals.length !== n) {
    throw new CliError(`usage: provenance-lens ${usage} (got ${positionals.length} argument${positionals.length === 1 ? '' : 's'})`, 2);
  }
  return positionals;
}

function positiveInt(value: string | boolean | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 1) throw new CliError(`${name} must be a positive integer`, 2);
  return n;
}

/** Whether this module is the process entry (run directly), not imported by bin or a test. */
function isEntry(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
