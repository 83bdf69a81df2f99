/** Test helpers: run the CLI in-process with captured output, and temporary working folders. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/index';

/** Folder of the CLI fixtures. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/cli/', import.meta.url));

/** What one in-process run produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `provenance-lens ...argv` in-process, in `cwd`, with `stdin` as standard input. */
export async function runCli(argv: string[], opts: { cwd?: string; stdin?: string } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => opts.stdin ?? '',
    cwd: opts.cwd ?? FIXTURES,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary folder; call the returned cleanup when done. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pl-cli-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
