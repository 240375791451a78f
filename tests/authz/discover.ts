// Finds every route handler and page in app/ the way Next's App Router does, so the authorization
// matrix cannot miss one: a file added tomorrow shows up here without anyone registering it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type DiscoveredRoute = {
  /** `METHOD /url/pattern`, route groups `(x)` dropped, e.g. `PATCH /api/v1/devices/[id]`. */
  key: string;
  method: HttpMethod;
  pattern: string;
  /** Path of the route file relative to the repository root. */
  file: string;
};

function walk(dir: string, name: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, name, found);
    else if (entry.name === name) found.push(full);
  }
  return found;
}

/** `app/(app)/devices/[id]/page.tsx` → `/devices/[id]`. */
export function urlPattern(file: string, appDir: string): string {
  const segments = path
    .relative(appDir, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

/** Every exported HTTP method of every `route.ts` under app/ (the API and /metrics alike). */
export function discoverRoutes(root = process.cwd()): DiscoveredRoute[] {
  const appDir = path.join(root, 'app');
  const routes: DiscoveredRoute[] = [];
  for (const file of walk(appDir, 'route.ts')) {
    const text = readFileSync(file, 'utf8');
    const pattern = urlPattern(file, appDir);
    for (const m of text.matchAll(/export\s+(?:const|async\s+function|function)\s+([A-Z]+)\b/g)) {
      const method = m[1] as HttpMethod;
      if (!HTTP_METHODS.includes(method)) continue;
      routes.push({ key: `${method} ${pattern}`, method, pattern, file: path.relative(root, file) });
    }
    for (const m of text.matchAll(/export\s*\{([^}]*)\}/g)) {
      for (const name of (m[1] ?? '').split(',').map(
        (s) =>
          s
            .trim()
            .split(/\s+as\s+/)
            .at(-1) ?? '',
      )) {
        if (HTTP_METHODS.includes(name as HttpMethod))
          routes.push({
            key: `${name} ${pattern}`,
            method: name as HttpMethod,
            pattern,
            file: path.relative(root, file),
          });
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

export type DiscoveredPage = { pattern: string; file: string; source: string };

/** Every `page.tsx` under app/ with its source and the layouts above it (for the static check). */
export function discoverPages(root = process.cwd()): DiscoveredPage[] {
  const appDir = path.join(root, 'app');
  return walk(appDir, 'page.tsx')
    .map((file) => {
      const layouts: string[] = [];
      for (let dir = path.dirname(file); dir.startsWith(appDir); dir = path.dirname(dir)) {
        try {
          layouts.push(readFileSync(path.join(dir, 'layout.tsx'), 'utf8'));
        } catch {
          // no layout at this level
        }
      }
      return {
        pattern: urlPattern(file, appDir),
        file: path.relative(root, file),
        source: [readFileSync(file, 'utf8'), ...layouts].join('\n'),
      };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}
