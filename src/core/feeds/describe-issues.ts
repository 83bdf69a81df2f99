import * as v from 'valibot';

/**
 * One readable line for the first validation issue, the one wording of feeds, packs, the CLI and
 * the team store: "entries.3.url: Invalid length", "unknown key \"x\"", "missing text".
 */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[] | undefined): string {
  const issue = issues?.[0];
  if (!issue) return 'invalid';
  const path = v.getDotPath(issue);
  if (issue.type === 'strict_object' && issue.expected === 'never') return `unknown key ${JSON.stringify(path ?? '')}`;
  if (path && issue.received === 'undefined') return `missing ${path}`;
  return `${path ? `${path}: ` : ''}${issue.message}`;
}
