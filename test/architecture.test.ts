/**
 * The architecture check. It reads every production file under `src/` (not `*.test.ts(x)`, not
 * fixtures), finds its relative imports with the TypeScript parser (static `import … from`,
 * `export … from`, `import type`, side-effect imports and `import('…')` with a literal path; text
 * in comments and strings never counts), and asserts what ARCHITECTURE.md promises:
 *
 * - no import cycle among `src/` files, type-only imports included (each cycle is printed as a path);
 * - dependencies point one way: `core/` imports no other src folder, `text/` only `core/`, domain
 *   modules never `web/` or `cli/`, `web/` never `cli/`, `cli/` never `web/routes` or `web/views`
 *   (it may start the server);
 * - no production file is over 450 lines.
 *
 * A failure lists every violation, one `file → import` a line, so one run shows all the work.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(REPO_ROOT, 'src');

/** Longest production file allowed, in lines: small enough to read in one sitting. */
const MAX_LINES = 450;
const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.js', '.jsx', '.mjs']);
/** Folders whose code is the domain: it sees neither the web nor the command line. */
const DOMAIN_FOLDERS = new Set([
  'articles',
  'desk',
  'ingest',
  'related',
  'dictionary',
  'search',
  'learner',
  'editing',
  'store',
  'writer',
]);

/** One relative import as written in a file. */
interface ImportSite {
  specifier: string;
  line: number;
}

/** Every module specifier a file names in an import, an `export … from` or a literal `import('…')`. */
function importsOf(fileName: string, text: string): ImportSite[] {
  const kind = /\.[mc]?jsx?$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TSX;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const found: ImportSite[] = [];
  const add = (literal: ts.Node) => {
    if (!ts.isStringLiteralLike(literal)) return;
    const { line } = source.getLineAndCharacterOfPosition(literal.getStart(source));
    found.push({ specifier: literal.text, line: line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      add(node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      if (node.arguments[0]) add(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Production source files under `dir`, as absolute paths, sorted. */
function productionFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'fixtures' || entry.name === '__fixtures__' || entry.name === 'node_modules')
        continue;
      files.push(...productionFiles(path));
    } else if (
      SOURCE_EXTENSIONS.has(extname(entry.name)) &&
      !/\.(test|spec)\.[cm]?[jt]sx?$/.test(entry.name) &&
      !entry.name.endsWith('.d.ts')
    ) {
      files.push(path);
    }
  }
  return files.sort();
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The file a relative specifier names, the way NodeNext resolution finds it (`./x.js` → `x.ts`). */
function resolveRelative(fromFile: string, specifier: string): string | null {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = /\.[mc]?jsx?$/.test(base)
    ? [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base.replace(/\.jsx$/, '.tsx')]
    : [base, `${base}.ts`, `${base}.tsx`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')];
  return candidates.find(isFile) ?? null;
}

/** `src/`-relative path with forward slashes: `web/routes/pages.tsx`. */
const srcPath = (file: string) => relative(SRC, file).split(sep).join('/');
const topFolder = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '.');

/** The layer rule an import from `from` to `to` (both `src/`-relative) breaks, or null. */
function brokenRule(from: string, to: string): string | null {
  const a = topFolder(from);
  const b = topFolder(to);
  if (a === b) return null;
  if (a === 'core') return 'core/ imports nothing from other src folders';
  if (a === 'text' && b !== 'core') return 'text/ imports only core/';
  if (DOMAIN_FOLDERS.has(a) && (b === 'web' || b === 'cli'))
    return `${a}/ is a domain module: never web/ or cli/`;
  if (a === 'web' && b === 'cli') return 'web/ never imports cli/';
  if (a === 'cli' && (to.startsWith('web/routes/') || to.startsWith('web/views/'))) {
    return 'cli/ may start the server but never imports web/routes or web/views';
  }
  return null;
}

/**
 * Cycles in a graph, as paths that start and end at the same node. Every node on a cycle is on
 * at least one reported path: per strongly connected component, the shortest cycle through its
 * first node not yet covered, until the component is covered.
 */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);

  const cycles: string[][] = [];
  for (const component of components) {
    const inside = new Set(component);
    const selfLoop = component.length === 1 && (graph.get(component[0]!) ?? []).includes(component[0]!);
    if (component.length === 1 && !selfLoop) continue;
    const covered = new Set<string>();
    for (const start of component) {
      if (covered.has(start)) continue;
      // Breadth-first from start's successors back to start, inside the component.
      const previous = new Map<string, string>();
      const queue = [start];
      let reached = false;
      while (queue.length > 0 && !reached) {
        const node = queue.shift()!;
        for (const next of [...(graph.get(node) ?? [])].sort()) {
          if (!inside.has(next)) continue;
          if (next === start) {
            previous.set(start, node);
            reached = true;
            break;
          }
          if (!previous.has(next)) {
            previous.set(next, node);
            queue.push(next);
          }
        }
      }
      const path = [start];
      for (let node = previous.get(start)!; node !== start; node = previous.get(node)!) path.unshift(node);
      path.unshift(start);
      for (const node of path) covered.add(node);
      cycles.push(path);
    }
  }
  return cycles.sort((x, y) => x.join().localeCompare(y.join()));
}

/** What the whole of `src/` imports: edges between src files, and imports the check cannot follow. */
function readSources() {
  const files = productionFiles(SRC);
  const graph = new Map<string, string[]>();
  const edges: { from: string; to: string; specifier: string; line: number }[] = [];
  const unresolved: string[] = [];
  const lengths = new Map<string, number>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const from = srcPath(file);
    lengths.set(from, text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
    const targets = new Set<string>();
    for (const { specifier, line } of importsOf(file, text)) {
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelative(file, specifier);
      if (!target) {
        unresolved.push(`src/${from}:${line} → '${specifier}' (no such file)`);
        continue;
      }
      if (relative(SRC, target).startsWith('..')) continue;
      const to = srcPath(target);
      targets.add(to);
      edges.push({ from, to, specifier, line });
    }
    graph.set(from, [...targets]);
  }
  return { files, graph, edges, unresolved, lengths };
}

describe('the architecture check reads imports as the compiler does', () => {
  it.each([
    ["import { a } from './a.js';", ['./a.js']],
    ["import type { B } from '../b.js';", ['../b.js']],
    ["import './side-effect.js';", ['./side-effect.js']],
    ["export * from './c.js';\nexport { d } from './d.js';", ['./c.js', './d.js']],
    ["export type { E } from './e.js';", ['./e.js']],
    ["const f = await import('./f.js');", ['./f.js']],
    ["type G = typeof import('./g.js');", ['./g.js']],
    ["import {\n  h,\n  i,\n} from './hi.js';", ['./hi.js']],
    ["// import x from './commented.js';\n/* import('./block.js') */", []],
    ['const s = "import y from \'./in-a-string.js\'";', []],
    ["const name = 'x';\nawait import('./dynamic/' + name + '.js');", []],
  ])('%j → %j', (text, expected) => {
    expect(importsOf('example.ts', text).map((site) => site.specifier)).toEqual(expected);
  });

  it('finds every cycle, and leaves a graph without one alone', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c', 'a']],
      ['c', ['a']],
      ['d', ['d']],
      ['e', ['a']],
    ]);
    expect(findCycles(graph)).toEqual([
      ['a', 'b', 'a'],
      ['c', 'a', 'b', 'c'],
      ['d', 'd'],
    ]);
    expect(findCycles(new Map([['x', ['y']]]))).toEqual([]);
  });

  it.each([
    ['core/config.ts', 'web/assets.ts', 'core/ imports nothing from other src folders'],
    ['text/level.ts', 'core/errors.ts', null],
    ['text/level.ts', 'dictionary/bands.ts', 'text/ imports only core/'],
    ['store/sqlite/x.ts', 'web/app.tsx', 'store/ is a domain module: never web/ or cli/'],
    ['articles/service.ts', 'store/types.ts', null],
    ['web/app.tsx', 'cli/context.ts', 'web/ never imports cli/'],
    ['cli/commands/serve.ts', 'web/server.ts', null],
    [
      'cli/commands/dict.ts',
      'web/views/layout.tsx',
      'cli/ may start the server but never imports web/routes or web/views',
    ],
  ])('%s → %s breaks %j', (from, to, rule) => {
    expect(brokenRule(from, to)).toBe(rule);
  });
});

describe('the architecture of src/', () => {
  const sources = readSources();

  it('reads the production files and can follow every relative import', () => {
    expect(sources.files.length).toBeGreaterThan(20);
    expect(sources.unresolved, 'relative imports that name no file').toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles = findCycles(sources.graph).map((path) => path.map((file) => `src/${file}`).join(' → '));
    expect(cycles, `${cycles.length} import cycle(s) among src/ files`).toEqual([]);
  });

  it('keeps dependencies pointing one way: core ← text ← domain ← web / cli', () => {
    const violations = sources.edges.flatMap(({ from, to, specifier, line }) => {
      const rule = brokenRule(from, to);
      return rule ? [`src/${from}:${line} → src/${to} ('${specifier}'): ${rule}`] : [];
    });
    expect(violations, `${violations.length} layer violation(s), file → import`).toEqual([]);
  });

  it(`has no production file over ${MAX_LINES} lines`, () => {
    const long = [...sources.lengths]
      .filter(([, lines]) => lines > MAX_LINES)
      .map(([file, lines]) => `src/${file}: ${lines} lines`);
    expect(long, `${long.length} file(s) over ${MAX_LINES} lines`).toEqual([]);
  });
});
