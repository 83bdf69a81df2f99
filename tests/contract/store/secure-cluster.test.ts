/**
 * The team store as a newsroom would run it: a Redis Cluster that requires a password and talks
 * TLS only, its certificates from a private CA (scripts/redis-cluster.sh with PL_REDIS_PASSWORD
 * and PL_REDIS_TLS_DIR, started here on ports of its own). The CLI is run as a person runs it,
 * credentials in its environment; every refusal says why, and no password is ever printed.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamMatches } from '../../../src/store/provenance-store';
import { CLUSTER, SKIP_REASON } from './cluster-env';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin/provenance-lens.mjs');
const SCRIPT = join(ROOT, 'scripts/redis-cluster.sh');
const FERRY = fileURLToPath(new URL('../../fixtures/clusters/ferry/', import.meta.url));
/** One primary and its replica: ports of their own, apart from the suite's cluster (7101-7106). */
const BASE = 7611;
const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;

function run(file: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!CLUSTER)(CLUSTER ? 'team store on a cluster with a password and TLS' : SKIP_REASON, { timeout: 240_000 }, () => {
  let tlsDir: string;
  let address: string;
  const cli = (args: string[], env: Record<string, string> = {}) => run(process.execPath, [BIN, ...args], { PROVENANCE_LENS_FROM_SOURCE: '1', ...env });

  beforeAll(async () => {
    tlsDir = await mkdtemp(join(tmpdir(), 'pl-redis-tls-'));
    const started = await run(SCRIPT, ['start', String(BASE), '1'], { PL_REDIS_PASSWORD: PASSWORD, PL_REDIS_TLS_DIR: tlsDir });
    expect(started.code, started.stderr).toBe(0);
    address = /PL_REDIS_CLUSTER=(\S+)/.exec(started.stdout)![1];
  });
  afterAll(async () => {
    await run(SCRIPT, ['stop', String(BASE), '1'], {});
    await rm(tlsDir, { recursive: true, force: true });
  });

  it('indexes and checks over TLS with the password and the CA from the environment', async () => {
    expect(address).toBe(`rediss://127.0.0.1:${BASE}`);
    const env = { PL_REDIS_PASSWORD: PASSWORD, PL_REDIS_CA_FILE: join(tlsDir, 'ca.crt') };
    const store = `${address}?ns=secure`;
    const indexed = await cli(['index', join(FERRY, 'original.json'), join(FERRY, 'syndicated.json'), '--store', store], env);
    expect(indexed.stderr).toBe('');
    expect(indexed.stdout).toContain('2 added');
    const checked = await cli(['check', join(FERRY, 'scrape.json'), '--store', store, '--json'], env);
    expect(checked.stderr).toBe('');
    const found = JSON.parse(checked.stdout) as TeamMatches;
    const original = JSON.parse(readFileSync(join(FERRY, 'original.json'), 'utf8')) as { url: string };
    expect(found.matches.map((m) => m.url)).toContain(original.url);
    // The password may be written in the address too (percent-encoded); it is never echoed.
    const inAddress = await cli(['check', join(FERRY, 'scrape.json'), '--store', `rediss://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${BASE}?ns=secure`, '--json'], { PL_REDIS_CA_FILE: env.PL_REDIS_CA_FILE });
    expect(inAddress.stderr).toBe('');
    expect((JSON.parse(inAddress.stdout) as TeamMatches).matches).toEqual(found.matches);
  });

  it('a refused connection says why, and never prints the password', async () => {
    const ca = join(tlsDir, 'ca.crt');
    const store = `${address}?ns=secure`;
    const noPassword = await cli(['check', join(FERRY, 'scrape.json'), '--store', store], { PL_REDIS_CA_FILE: ca });
    expect([noPassword.code, noPassword.stderr]).toEqual([1, expect.stringMatching(/cannot use the team store rediss:\/\/127\.0\.0\.1:7611\?ns=secure: .*NOAUTH/)]);
    const wrong = await cli(['check', join(FERRY, 'scrape.json'), '--store', `rediss://:wrong-${PASSWORD}@127.0.0.1:${BASE}`], { PL_REDIS_CA_FILE: ca });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/rediss:\/\/:\*\*\*@127\.0\.0\.1:7611: .*WRONGPASS/);
    expect(wrong.stderr).not.toContain(PASSWORD);
    const untrusted = await cli(['check', join(FERRY, 'scrape.json'), '--store', store], { PL_REDIS_PASSWORD: PASSWORD });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toMatch(/TLS: self[- ]signed certificate/);
    const plain = await cli(['check', join(FERRY, 'scrape.json'), '--store', `redis://127.0.0.1:${BASE}`], { PL_REDIS_PASSWORD: PASSWORD });
    expect(plain.code).toBe(1);
    const noCaFile = await cli(['check', join(FERRY, 'scrape.json'), '--store', store], { PL_REDIS_PASSWORD: PASSWORD, PL_REDIS_CA_FILE: join(tlsDir, 'missing.pem') });
    expect([noCaFile.code, noCaFile.stderr]).toEqual([2, expect.stringMatching(/PL_REDIS_CA_FILE: cannot read .*missing\.pem/)]);
    for (const r of [noPassword, untrusted, plain, noCaFile]) expect(r.stderr).not.toContain(PASSWORD);
  });
});
