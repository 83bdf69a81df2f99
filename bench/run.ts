/**
 * `npm run bench`: speed and memory figures for the engine, claim matching and extraction.
 *   npm run bench                    # the full growth curve (10^3 .. 10^6 articles; minutes)
 *   npm run bench -- --quick         # 10^3 and 10^4 only
 *   npm run bench -- --store redis://127.0.0.1:7101,... [--store-sizes 100000] [--store-1 ADDR]
 *                                    # the team store on Redis Cluster only (bench/store.ts)
 */
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
  await benchStore({ address: storeAddress, single: arg('--store-1'), sizes });
  process.exit(0);
}
await benchEngine({ sizes: quick ? [1_000, 10_000] : [1_000, 10_000, 100_000, 1_000_000] });
console.log('');
await benchClaims();
console.log('');
await benchExtraction();
