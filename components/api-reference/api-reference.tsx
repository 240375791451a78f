// The API reference, rendered on the server from the OpenAPI document: no script, no CDN, works
// offline. One section per tag; each operation folds out its parameters and request body schema.
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import type { OpenApiDocument } from '@/lib/openapi/document';

type Parameter = { name: string; in: string; required: boolean; schema: Record<string, unknown> };
type OperationDoc = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters: Parameter[];
  requestBody?: { description?: string; content: Record<string, { schema?: unknown }> };
  responses: Record<string, unknown>;
};

const METHOD_VARIANT: Record<string, BadgeProps['variant']> = {
  get: 'secondary',
  post: 'default',
  put: 'warning',
  patch: 'warning',
  delete: 'destructive',
};

/** A one-line type for a parameter table: `integer ≤ 500`, `asc | desc`, `string`. */
function typeText(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return schema.enum.join(' | ');
  if (Array.isArray(schema.anyOf))
    return (schema.anyOf as Record<string, unknown>[]).map(typeText).join(' or ');
  const bounds = [
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : '',
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : '',
  ].filter(Boolean);
  return [String(schema.type ?? 'any'), ...bounds].join(' ');
}

function Operation({ method, path, op }: { method: string; path: string; op: OperationDoc }) {
  const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
  const status = Object.keys(op.responses)[0];
  return (
    <details id={op.operationId} className="group border-b last:border-b-0" data-testid="api-operation">
      <summary className="flex cursor-pointer items-center gap-3 px-4 py-2 hover:bg-accent/40">
        <Badge variant={METHOD_VARIANT[method]} className="w-14 justify-center uppercase">
          {method}
        </Badge>
        <code className="font-mono text-sm">{path}</code>
        <span className="flex-1 truncate text-muted-foreground text-sm">{op.summary}</span>
      </summary>
      <div className="flex flex-col gap-3 px-4 pt-1 pb-4 text-sm">
        <p className="text-muted-foreground">
          {op.description} Success: <code className="font-mono">{status}</code>.
        </p>
        {op.parameters.length > 0 && (
          <table className="w-full text-left text-xs">
            <thead className="text-muted-foreground">
              <tr>
                <th className="py-1 font-medium">Parameter</th>
                <th className="py-1 font-medium">In</th>
                <th className="py-1 font-medium">Type</th>
              </tr>
            </thead>
            <tbody>
              {op.parameters.map((p) => (
                <tr key={`${p.in}:${p.name}`} className="border-t">
                  <td className="py-1 font-mono">
                    {p.name}
                    {p.required && <span className="text-destructive"> *</span>}
                  </td>
                  <td className="py-1">{p.in}</td>
                  <td className="py-1 font-mono">{typeText(p.schema)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {body && (
          <div className="flex flex-col gap-1">
            <span className="font-medium text-xs">
              Request body <code className="font-mono text-muted-foreground">{body[0]}</code>
              {op.requestBody?.description && (
                <span className="font-normal text-muted-foreground"> — {op.requestBody.description}</span>
              )}
            </span>
            <pre className="max-h-80 overflow-auto rounded-md bg-muted p-2 font-mono text-xs">
              {JSON.stringify(body[1].schema ?? {}, null, 2)}
            </pre>
          </div>
        )}
      </div>
    </details>
  );
}

export function ApiReference({ doc }: { doc: OpenApiDocument }) {
  const byTag = new Map<string, { method: string; path: string; op: OperationDoc }[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as OperationDoc;
      const tag = op.tags[0] ?? 'api';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push({ method, path, op });
    }
  }
  const tags = [...byTag.keys()].sort();
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="API sections" className="flex flex-wrap gap-2 text-sm">
        {tags.map((tag) => (
          <a key={tag} href={`#tag-${tag}`} className="rounded-md border px-2 py-0.5 hover:bg-accent/40">
            {tag}
          </a>
        ))}
      </nav>
      {tags.map((tag) => (
        <section
          key={tag}
          id={`tag-${tag}`}
          aria-labelledby={`tag-${tag}-title`}
          className="flex flex-col gap-2"
        >
          <h2 id={`tag-${tag}-title`} className="font-medium text-base">
            {tag}
          </h2>
          <Card className="overflow-hidden p-0">
            {byTag.get(tag)!.map((o) => (
              <Operation key={`${o.method} ${o.path}`} {...o} />
            ))}
          </Card>
        </section>
      ))}
    </div>
  );
}
