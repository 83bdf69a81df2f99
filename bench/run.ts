/**
 * `npm run bench`: speed and memory figures for the engine, claim matching and extraction.
 *   npm run bench                    # the full growth curve (10^3 .. 10^6 articles; minutes)
 *   npm run bench -- --quick         # 10^3 and 10^4 only
 */
import { benchEngine } from './engine';
import { benchClaims } from './claims';
import { benchExtraction } from './extraction';

const quick = process.argv.includes('--quick');
await benchEngine({ sizes: quick ? [1_000, 10_000] : [1_000, 10_000, 100_000, 1_000_000] });
console.log('');
await benchClaims();
console.log('');
await benchExtraction();
