/**
 * The Redis Cluster the team-store contract tests run against: PL_REDIS_CLUSTER (set by .ci/run,
 * or by `eval "export $(scripts/redis-cluster.sh start)"` locally). Each test file works in its
 * own namespace, so files running in parallel do not see each other's keys.
 */
import { randomBytes } from 'node:crypto';

/** The cluster's seed addresses, or undefined when no cluster is configured. */
export const CLUSTER = process.env.PL_REDIS_CLUSTER;

/** Why the file is skipped when there is no cluster (printed by vitest as the suite name). */
export const SKIP_REASON = 'needs a Redis Cluster: set PL_REDIS_CLUSTER (scripts/redis-cluster.sh start; CI always does)';

/**
 * A store address with a fresh namespace on the test cluster; `align` stores documents whole
 * (align=1: full reports), else fingerprints only (the default: matches, no verdicts).
 */
export function freshStore(label: string, opts: { align?: boolean } = {}): string {
  return `${CLUSTER}?ns=${label}-${randomBytes(4).toString('hex')}${opts.align ? '&align=1' : ''}`;
}
