/**
 * Who derived from whom, as a tree: the timeline's `derivedFrom` edges turned into nested nodes,
 * shared by the popup's timeline view and the CLI's text so both draw the same tree.
 */
import type { TimelineEntry } from './types';

/** One version of the story and the versions derived from it (time order kept). */
export interface TimelineNode {
  entry: TimelineEntry;
  children: TimelineNode[];
}

/**
 * The timeline as a forest: a version whose `derivedFrom` is absent from the timeline (or null) is
 * a root; every other version hangs under the one it derives from. Roots and children keep the
 * timeline's order (oldest first). An edge that would close a cycle is dropped (the engine draws
 * none, but a report read from a file is data, not a promise).
 */
export function timelineTree(entries: readonly TimelineEntry[]): TimelineNode[] {
  const nodes = new Map<string, TimelineNode>();
  for (const entry of entries) if (!nodes.has(entry.url)) nodes.set(entry.url, { entry, children: [] });
  const parentOf = (url: string): string | null => {
    const from = nodes.get(url)?.entry.derivedFrom ?? null;
    return from !== null && from !== url && nodes.has(from) ? from : null;
  };
  const reachesItself = (url: string): boolean => {
    const seen = new Set([url]);
    for (let p = parentOf(url); p !== null; p = parentOf(p)) {
      if (seen.has(p)) return true;
      seen.add(p);
    }
    return false;
  };
  const roots: TimelineNode[] = [];
  for (const node of nodes.values()) {
    const parent = parentOf(node.entry.url);
    if (parent === null || reachesItself(node.entry.url)) roots.push(node);
    else nodes.get(parent)!.children.push(node);
  }
  return roots;
}
