/**
 * `npm run bench`: speed and memory figures for the engine, claim matching and extraction.
 *   npm run bench                    # the full growth curve (10^3 .. 10^6 articles; minutes)
 *   npm run bench -- --quick         # 10^3 and 10^4 only
 *   npm run bench -- --store redis://127.0.0.1:7101,... [--store-sizes 100000] [--store-modes 0,1] [--store-1 ADDR]
 *                                    # the team store on Redis Cluster only (bench/store.ts)
 *   npm run bench -- --quality       # only quality at scale: real articles in 10^3..10^6 synthetic ones
 *   npm run bench -- --browser       # only the extension in real browsers (bench/browser.ts; its
 *                                    # options follow: --browser=firefox --size=1e4 --pages=40 ...)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchEngine } from './engine';
import { benchClaims } from './claims';
import { benchExtraction } from './extraction';

const quick = process.argv.includes('--quick');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const storeAddress = arg('--store');
if (storeAddress) {
  const { benchStore } = await import('./store');
  const sizes = (arg('--store-sizes') ?? '100000').split(',').map(Number);
  const modes = (arg('--store-modes') ?? '0').split(',').map((m) => m === '1');
  await benchStore({ address: storeAddress, single: arg('--store-1'), sizes, modes });
  process.exit(0);
}
// The two parts run in their own process: quality at 10^6 needs a larger heap than the others.
const part = process.argv.includes('--quality') ? 'quality.ts' : process.argv.some((a) => a === '--browser' || a.startsWith('--browser=')) ? 'browser.ts' : null;
if (part) {
  const rest = process.argv.slice(2).filter((a) => a !== '--quality' && a !== '--browser' && a !== '--quick');
  const sizes = part === 'quality.ts' ? [quick ? '1000,100000' : '1000,100000,1000000'] : [];
  const file = fileURLToPath(new URL(part, import.meta.url));
  const run = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', file, ...sizes, ...rest], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
await benchEngine({ sizes: quick ? [1_000, 10_000] : [1_000, 10_000, 100_000, 1_000_000] });
console.log('');
await benchClaims();
console.log('');
await benchExtraction();
