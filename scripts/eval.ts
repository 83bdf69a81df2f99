/**
 * `npm run eval`: every evaluation over the real data in ../shared/data (not part of the product).
 * Each part prints its own figures and skips cleanly when its data is absent.
 *   PL_DATA=/path/to/data npm run eval      # another data folder
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { evalEngine } from './eval-engine';
import { evalClaims } from './eval-claims';
import { evalAccusations } from './eval-accusations';
import { evalClusters } from './eval-clusters';
import { evalDisguises } from './eval-disguises';
import { evalStance } from './eval-stance';
import { evalParaphrase } from './eval-paraphrase';
import { evalCounter } from './eval-counter';

// The story clusters are the project's own (tests/fixtures/clusters/eval): no data folder needed.
await evalClusters('test');
console.log('');
await evalDisguises('test');
console.log('');

const dataDir = resolve(process.env.PL_DATA ?? resolve(import.meta.dirname, '../../shared/data'));
if (!existsSync(dataDir)) {
  console.log(`No evaluation data at ${dataDir}: nothing to evaluate (set PL_DATA to its folder).`);
  process.exit(0);
}
console.log(`Evaluation data: ${dataDir}\n`);
await evalEngine(dataDir);
console.log('');
await evalParaphrase(dataDir);
console.log('');
await evalClaims(dataDir);
console.log('');
await evalStance(dataDir);
console.log('');
await evalAccusations(dataDir);
console.log('');
await evalCounter(dataDir);
