// The site agent runs remote, next to the miners: it must not reach the server's database. Walks the
// runtime import graph of scripts/agent.ts (type-only imports are erased) and fails on any module of
// lib/db, Prisma or the server-side send code that reads device rows.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');

function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('@/')) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else return null; // a package: checked by name
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')])
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  return null;
}

/** Runtime imports of one module: `import … from`, `export … from`, bare and dynamic imports. */
function runtimeImports(source: string): string[] {
  const out: string[] = [];
  const stmt = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(stmt)) {
    if (m[2]) continue;
    // `import { type A, type B } from` is type-only too.
    const names = /^\{([\s\S]*)\}$/.exec((m[3] ?? '').trim());
    if (names && names[1]!.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
    out.push(m[4]!);
  }
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
      const target = resolve(file, spec);
      if (target) todo.push(target);
      else if (!spec.startsWith('.') && !spec.startsWith('@/')) packages.add(spec);
    }
  }
  return { files, packages };
}

describe('site agent imports', () => {
  it('reads type-only imports as erased', () => {
    expect(
      runtimeImports(
        "import type { A } from './a';\nimport { type B, type C } from './b';\nimport { D, type E } from './d';\nexport { F } from './f';",
      ),
    ).toEqual(['./d', './f']);
  });

  it('never loads the database client, Prisma or the server-side send', () => {
    const { files, packages } = graph(path.join(ROOT, 'scripts/agent.ts'));
    const rel = [...files].map((f) => path.relative(ROOT, f));
    expect(rel).toContain('lib/actions/send-wire.ts');
    expect(
      rel.filter(
        (f) => f.startsWith('lib/db/') || f === 'lib/actions/send.ts' || f.startsWith('lib/inventory/'),
      ),
    ).toEqual([]);
    expect([...packages].filter((p) => p.includes('prisma') || p === 'pg')).toEqual([]);
  });
});
