/**
 * No function in the background or the extension pages runs over FUNCTION_LINE_LIMIT lines (issue
 * 8): a page's mount is logic that wires small pure views, not one closure that renders, calls
 * and polls. Measured with the TypeScript compiler's own parse, every function-like node with a
 * body (declarations, expressions, arrows, methods, accessors, constructors), nested ones
 * included in their parent's length.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHECKED = ['src/background', 'src/popup', 'src/options', 'src/sidebyside'];
/** Longest function allowed, in source lines from its first token to its closing brace. */
const FUNCTION_LINE_LIMIT = 150;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every function with a body in `source`, as `name:line` and its length in lines. */
function functionLengths(fileName: string, source: string): Array<{ where: string; lines: number }> {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const out: Array<{ where: string; lines: number }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.end).line;
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : '<anonymous>';
      out.push({ where: `${fileName}:${first + 1} ${name}`, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe('function length', () => {
  it(`measures functions, nested ones inside their parent (self-check)`, () => {
    const body = Array.from({ length: 160 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const src = `export function long() {\n  const inner = () => {\n${body}\n  };\n  return inner;\n}\nclass A { m() { return 1; } }\n`;
    const found = functionLengths('x.ts', src);
    expect(found.map((f) => f.where)).toEqual(['x.ts:1 long', 'x.ts:2 <anonymous>', 'x.ts:166 m']);
    expect(found[0].lines).toBe(165);
    expect(found[1].lines).toBe(162);
    expect(found[2].lines).toBe(1);
  });

  it(`no function in ${CHECKED.join(', ')} is over ${FUNCTION_LINE_LIMIT} lines`, () => {
    const files = CHECKED.flatMap((d) => walk(join(ROOT, d)));
    expect(files.length).toBeGreaterThan(20); // the walk found the sources
    const long = files
      .flatMap((f) => functionLengths(relative(ROOT, f).split('\\').join('/'), readFileSync(f, 'utf8')))
      .filter((f) => f.lines > FUNCTION_LINE_LIMIT)
      .map((f) => `${f.where} (${f.lines} lines)`);
    expect(long).toEqual([]);
  });
});
