// The OpenAPI 3.1 document of the HTTP API, generated from OPERATIONS and the zod schemas they name
// (zod 4's own JSON Schema output, draft 2020-12 — the dialect OpenAPI 3.1 uses). Input side:
// what a client sends, before defaults and transforms.
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/sessions';
import { APP_VERSION } from '../version';
import { OPERATIONS, type Operation, type RawBody } from './operations';

type JsonSchema = Record<string, unknown>;

const JSON_SCHEMA_OPTIONS = { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' } as const;

function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, JSON_SCHEMA_OPTIONS) as JsonSchema;
  return rest;
}

/** `/api/v1/sites/[id]` → `/api/v1/sites/{id}`. */
export function openApiPath(pattern: string): string {
  return pattern.replace(/\[(\w+)\]/g, '{$1}');
}

const PATH_PARAMS: Record<string, JsonSchema> = {
  id: { type: 'string', pattern: '^[1-9][0-9]{0,9}$', description: 'Positive decimal id' },
  kind: {
    type: 'string',
    enum: ['performance', 'energy', 'revenue', 'jobs', 'incidents', 'telemetry'],
  },
};

function queryParameters(schemas: readonly z.ZodType[]): JsonSchema[] {
  return schemas.flatMap((schema) => {
    const s = jsonSchema(schema);
    const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((s.required as string[] | undefined) ?? []);
    if (s.type !== 'object') throw new Error('a query schema must be an object');
    return Object.entries(properties).map(([name, property]) => ({
      name,
      in: 'query',
      required: required.has(name),
      schema: property,
      // Repeated keys (`?status=a&status=b`) are how arrays are sent.
      ...(JSON.stringify(property).includes('"array"') ? { style: 'form', explode: true } : {}),
    }));
  });
}

function isRaw(body: Operation['body']): body is RawBody {
  return typeof body === 'object' && body !== null && 'contentType' in body && !(body instanceof z.ZodType);
}

function requestBody(body: NonNullable<Operation['body']>) {
  if (isRaw(body)) {
    return {
      required: true,
      description: body.description,
      content: { [body.contentType]: { schema: body.schema ?? { type: 'string' } } },
    };
  }
  return { required: true, content: { 'application/json': { schema: jsonSchema(body) } } };
}

const ERROR_RESPONSE = { $ref: '#/components/responses/Error' };

function responses(op: Operation) {
  const status = String(op.status ?? 200);
  const success =
    op.status === 204
      ? { description: 'Done; no content' }
      : {
          description: op.status === 201 ? 'Created' : op.status === 202 ? 'Accepted' : 'OK',
          content: Object.fromEntries((op.produces ?? ['application/json']).map((type) => [type, {}])),
        };
  const errors = op.access === 'public' ? ['400', '404'] : ['400', '401', '403', '404'];
  return { [status]: success, ...Object.fromEntries(errors.map((code) => [code, ERROR_RESPONSE])) };
}

function tagOf(pattern: string): string {
  const parts = pattern.split('/').filter(Boolean);
  if (parts[0] === 'metrics') return 'metrics';
  return parts[1] === 'v1' ? (parts[2] ?? 'api') : (parts[1] ?? 'api');
}

export function buildOpenApiDocument(operations: Record<string, Operation> = OPERATIONS) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, op] of Object.entries(operations)) {
    const [method, pattern] = key.split(' ') as [string, string];
    const pathParams = [...pattern.matchAll(/\[(\w+)\]/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: PATH_PARAMS[name!] ?? { type: 'string' },
    }));
    const access =
      op.access === 'public'
        ? 'No credentials.'
        : `Role: ${op.access} or above${op.staff ? '; staff only (hosting clients get 403/404)' : ''}.`;
    const operation = {
      operationId: `${method.toLowerCase()}${pattern
        .replace(/\[(\w+)\]/g, 'By-$1')
        .split(/[/\-.]/)
        .filter(Boolean)
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join('')}`,
      summary: op.summary,
      description: access,
      tags: [tagOf(pattern)],
      ...(op.access === 'public' ? { security: [] } : {}),
      parameters: [...pathParams, ...queryParameters(op.query ?? [])],
      ...(op.body ? { requestBody: requestBody(op.body) } : {}),
      responses: responses(op),
      'x-switchyard-access': { role: op.access, staff: Boolean(op.staff) },
    };
    const path = openApiPath(pattern);
    paths[path] = { ...paths[path], [method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Switchyard API',
      version: APP_VERSION,
      description:
        'Fleet manager for Bitcoin miners who also sell AI compute. Authenticate with `Authorization: Bearer <token>` (Settings → API tokens) or the session cookie; cookie-authenticated mutations need a same-origin `Origin`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'API token' },
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
              required: ['code', 'message'],
            },
          },
          required: ['error'],
        },
      },
      responses: {
        Error: {
          description: 'The error envelope',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

let cached: OpenApiDocument | undefined;

/** Built once per process: the schemas do not change while it runs. */
export function getOpenApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument();
  return cached;
}
