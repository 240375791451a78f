import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

// The browser what-if imports replan.ts: nothing reachable from it may need Node, the database or
// server-only modules. Walks the relative imports and checks every bare one.
it('replan has no Node or server import in its import graph', () => {
  const allowedBare = new Set(['zod']);
  const seen = new Set<string>();
  const bad: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const base = path.resolve(path.dirname(file), spec);
        const resolved = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => {
          try {
            readFileSync(f);
            return true;
          } catch {
            return false;
          }
        });
        if (!resolved) bad.push(`${file}: cannot resolve ${spec}`);
        else visit(resolved);
      } else if (!allowedBare.has(spec)) bad.push(`${path.relative(process.cwd(), file)} imports ${spec}`);
    }
  };
  visit(path.resolve(__dirname, 'replan.ts'));
  expect(bad).toEqual([]);
  expect(seen.size).toBeGreaterThan(10);
});
