// The OpenAPI document covers every route handler under app/ with its methods, names the very zod
// schemas each handler parses with, agrees with the authorization matrix on who may call what, and
// validates against the OpenAPI 3.1 schema (swagger-parser: the official JSON Schemas + Ajv).
import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as openapiRoute from '@/app/api/openapi.json/route';
import { buildOpenApiDocument, openApiPath } from '@/lib/openapi/document';
import { OPERATIONS } from '@/lib/openapi/operations';
import { discoverRoutes } from '../authz/discover';
import { ROUTES } from '../authz/expectations';
import { call } from '../helpers/api';

// The `/api/[...path]` catch-all only answers 404 for unknown paths: not an operation.
const routes = discoverRoutes().filter((r) => !r.pattern.includes('[...'));
const doc = buildOpenApiDocument();

/** The source of one exported method (from its `export const X =` to the next export). */
function methodSource(file: string, method: string): string {
  const text = readFileSync(file, 'utf8');
  const start = text.search(new RegExp(`export\\s+const\\s+${method}\\b`));
  const rest = text.slice(start + 1);
  const next = rest.search(/\nexport\s/);
  return next < 0 ? rest : rest.slice(0, next);
}

/** `import { A, B as C } from '@/lib/x'` → the imported values, resolved through the module. */
async function importedValues(file: string): Promise<Map<string, unknown>> {
  const text = readFileSync(file, 'utf8');
  const values = new Map<string, unknown>();
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(@\/lib\/[^']+)'/g)) {
    const mod = (await import(/* @vite-ignore */ m[2]!)) as Record<string, unknown>;
    for (const spec of m[1]!.split(',').map((s) => s.trim().replace(/^type\s+/, ''))) {
      if (!spec) continue;
      const [name, alias] = spec.split(/\s+as\s+/) as [string, string | undefined];
      values.set(alias ?? name, mod[name]);
    }
  }
  return values;
}

describe('OpenAPI document', () => {
  it('documents every route method under app/, and nothing else', () => {
    const documented = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const discovered = routes.map((r) => `${r.method} ${openApiPath(r.pattern)}`);
    expect(routes.length).toBeGreaterThan(80);
    expect(documented.sort()).toEqual(discovered.sort());
  });

  it('names the zod schemas each handler parses with, and its success status', async () => {
    for (const r of routes) {
      const op = OPERATIONS[r.key]!;
      const source = methodSource(r.file, r.method);
      const values = await importedValues(r.file);
      const resolve = (name: string) => {
        const value = values.get(name);
        expect(
          value,
          `${r.key}: ${name} must be imported from lib/ (no schemas in route files)`,
        ).toBeInstanceOf(z.ZodType);
        return value;
      };
      const bodies = [...source.matchAll(/parseJson\(req,\s*(\w+)|(\w+)\.parse\(await readJson\(/g)].map(
        (m) => m[1] ?? m[2]!,
      );
      const queries = [...source.matchAll(/parseQuery\(req,\s*(\w+)\)/g)].map((m) => m[1]!);
      expect(bodies.length, `${r.key}: one body schema at most`).toBeLessThanOrEqual(1);
      if (bodies[0]) expect(op.body, `${r.key} body`).toBe(resolve(bodies[0]));
      else if (/readCsv\(|readText\(|readJson\(/.test(source))
        expect(op.body && !(op.body instanceof z.ZodType), `${r.key}: a raw body is described`).toBe(true);
      // A handler that never touches `req` beyond destructuring it reads no body.
      else if ((source.match(/\breq\b/g) ?? []).length <= 1)
        expect(op.body, `${r.key} has no body`).toBeUndefined();
      expect(
        (op.query ?? []).length,
        `${r.key} query schemas (also parseHashpriceQuery-style parsers)`,
      ).toBeGreaterThanOrEqual(queries.length);
      for (const q of queries) expect(op.query, `${r.key} query`).toContain(resolve(q));
      if (/status:\s*201/.test(source)) expect(op.status, `${r.key} status`).toBe(201);
      else if (/status:\s*202/.test(source)) expect(op.status, `${r.key} status`).toBe(202);
      else if (/return null;/.test(source)) expect(op.status, `${r.key} status`).toBe(204);
      else expect(op.status, `${r.key} status`).toBeUndefined();
    }
  });

  it('agrees with the authorization matrix on who may call each operation', () => {
    for (const r of routes) {
      const rule = ROUTES[r.key]!;
      const op = OPERATIONS[r.key]!;
      if (rule.access === 'public') expect(op.access, r.key).toBe('public');
      else {
        expect(op.access, r.key).toBe(rule.minRole);
        expect(Boolean(op.staff), `${r.key} staff`).toBe(Boolean(rule.staffOnly));
      }
    }
  });

  it('validates against the OpenAPI 3.1 schema, with unique operation ids', async () => {
    const ids = Object.values(doc.paths).flatMap((m) =>
      Object.values(m).map((o) => (o as { operationId: string }).operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    // A broken document is refused (the validator is not a no-op).
    const broken = structuredClone(doc) as unknown as { paths: Record<string, Record<string, unknown>> };
    broken.paths['/api/health']!.get = { responses: 'nope' };
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
  });

  it('carries request schemas from zod: required fields, enums, bounds', () => {
    const post = doc.paths['/api/v1/alert-rules']!.post as {
      requestBody: {
        content: {
          'application/json': {
            schema: { required: string[]; properties: Record<string, { enum?: string[] }> };
          };
        };
      };
    };
    const schema = post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(
      expect.arrayContaining(['name', 'metric', 'op', 'threshold', 'severity']),
    );
    expect(schema.properties.severity!.enum).toEqual(['info', 'warning', 'critical']);
    const list = doc.paths['/api/v1/devices']!.get as { parameters: { name: string; schema: object }[] };
    expect(JSON.stringify(list.parameters.find((p) => p.name === 'limit')!.schema)).toContain(
      '"maximum":500',
    );
  });

  it('is served at /api/openapi.json without credentials', async () => {
    const res = await call(openapiRoute.GET, { path: '/api/openapi.json' });
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    expect(Object.keys(res.json.paths)).toContain('/api/v1/reports/{kind}');
  });
});
