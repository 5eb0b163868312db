/**
 * The module graph of src/ and assembly/, read from the import lines: no import cycles, and
 * imports flow one way (README "Layout"): assembly/ imports nothing from outside itself, src/ingest
 * nothing from engine, scenario, views or cli, src/engine nothing from views or cli. ESLint checks
 * the direction per line; this test sees the whole graph, cycles included, and prints what it finds.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** `.ts` files under a folder of the repository, as repository paths (`src/ingest/csv.ts`). */
function tsFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'generated' && name !== 'node_modules') walk(path);
      } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
        out.push(relative(ROOT, path).split('\\').join('/'));
      }
    }
  };
  walk(join(ROOT, folder));
  return out;
}

// `import … from '…'`, `import type … from '…'`, `export … from '…'` (over several lines too):
// between the keyword and `from` only names, braces, commas, `*` and spaces, so that no statement
// of code is taken for an import.
const FROM = /^\s*(?:import|export)\s+(?:type\s+)?[\w\s{},*$]*?\bfrom\s*['"]([^'"]+)['"]/gm;
// `import '…'` for its effects, and `import('…')` (a lazy import is still a dependency).
const BARE = /^\s*import\s*['"]([^'"]+)['"]/gm;
const LAZY = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The module specifiers a file imports. */
function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const re of [FROM, BARE, LAZY]) for (const m of text.matchAll(re)) out.push(m[1]!);
  return out;
}

/** A relative specifier resolved to a repository path, undefined for a package or a missing file. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  // `./kernels.wasm?url`, `./x.css?raw`: assets, not modules.
  if (spec.includes('?')) return undefined;
  const base = join(dirname(from), spec);
  const candidates = [base, `${base}.ts`, base.replace(/\.js$/, '.ts'), join(base, 'index.ts')];
  for (const c of candidates) {
    if (existsSync(join(ROOT, c)) && statSync(join(ROOT, c)).isFile()) return c.split('\\').join('/');
  }
  return undefined;
}

interface Edge {
  to: string;
  spec: string;
}

function importGraph(files: readonly string[]): Map<string, Edge[]> {
  const graph = new Map<string, Edge[]>();
  for (const file of files) {
    const edges: Edge[] = [];
    for (const spec of specifiers(readFileSync(join(ROOT, file), 'utf8'))) {
      const to = resolveImport(file, spec);
      edges.push({ to: to ?? spec, spec });
    }
    graph.set(file, edges);
  }
  return graph;
}

/** Every import cycle, one per strongly connected component, as a path back to its start. */
function cycles(graph: ReadonlyMap<string, readonly { to: string }[]>): string[][] {
  // Tarjan's strongly connected components, then one concrete cycle inside each.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const next = (v: string) => (graph.get(v) ?? []).map((e) => e.to).filter((w) => graph.has(w));
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next(v).includes(v)) components.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);

  return components.map((component) => {
    const inside = new Set(component);
    const start = component.slice().sort()[0]!;
    // Shortest way from start back to itself within the component (breadth first).
    const before = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const v = queue.shift()!;
      for (const w of next(v)) {
        if (!inside.has(w)) continue;
        if (w === start) {
          const path = [v];
          while (path[0] !== start) path.unshift(before.get(path[0]!)!);
          return [...path, start];
        }
        if (!before.has(w)) {
          before.set(w, v);
          queue.push(w);
        }
      }
    }
    return [start, start];
  });
}

const graph = importGraph([...tsFiles('src'), ...tsFiles('assembly')]);

/** Imports from files under `from` that resolve to (or name) something under one of `banned`. */
function crossings(from: string, banned: (to: string) => boolean, g: ReadonlyMap<string, readonly Edge[]> = graph): string[] {
  const out: string[] = [];
  for (const [file, edges] of g) {
    if (!file.startsWith(from)) continue;
    for (const e of edges) if (banned(e.to)) out.push(`${file} imports '${e.spec}' (${e.to})`);
  }
  return out;
}

describe('the import graph', () => {
  it('is read from the sources', () => {
    // A guard against a regex that finds nothing: the graph has files and edges.
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('src/ingest/index.ts')!.map((e) => e.to)).toContain('src/ingest/csv.ts');
    expect(
      specifiers("import {\n  a,\n  type B,\n} from './x';\nexport * from \"./y\";\nimport type { C } from '../z';"),
    ).toEqual(['./x', './y', '../z']);
    expect(specifiers("const x = Array.from(y);\nexport const from = 'a';\nawait import('./lazy');")).toEqual(['./lazy']);
  });

  it('has no cycles', () => {
    const found = cycles(graph).map((c) => c.join(' → '));
    if (found.length > 0) console.error(`import cycles:\n  ${found.join('\n  ')}`);
    expect(found).toEqual([]);
  });

  it('flows one way: assembly/ is a leaf', () => {
    expect(crossings('assembly/', (to) => !to.startsWith('assembly/'))).toEqual([]);
  });

  it('flows one way: src/ingest imports nothing from engine, scenario, views or cli', () => {
    expect(crossings('src/ingest/', (to) => /^src\/(engine|scenario|views|cli)\//.test(to))).toEqual([]);
  });

  it('flows one way: src/engine imports nothing from views or cli', () => {
    expect(crossings('src/engine/', (to) => /^src\/(views|cli)\//.test(to))).toEqual([]);
  });

  it('finds every cycle (a self-import too) and every crossing, as the checks above rely on', () => {
    const toy = new Map([
      ['a', [{ to: 'b' }]],
      ['b', [{ to: 'c' }]],
      ['c', [{ to: 'a' }, { to: 'd' }]],
      ['d', []],
      ['e', [{ to: 'e' }]],
    ]);
    const found = cycles(toy);
    expect(found).toHaveLength(2);
    expect(found).toContainEqual(['a', 'b', 'c', 'a']);
    expect(found).toContainEqual(['e', 'e']);
    const edges = new Map<string, Edge[]>([
      ['src/ingest/x.ts', [{ to: 'src/engine/y.ts', spec: '../engine/y' }]],
      ['src/engine/y.ts', [{ to: 'src/ingest/x.ts', spec: '../ingest/x' }]],
    ]);
    expect(crossings('src/ingest/', (to) => to.startsWith('src/engine/'), edges)).toEqual([
      "src/ingest/x.ts imports '../engine/y' (src/engine/y.ts)",
    ]);
  });
});
