// GET /api/openapi.json – the OpenAPI 3.1 document, generated from the routes' zod schemas. Public:
// it describes the interface, holds no data, and code generators fetch it without credentials.
import { publicRoute } from '@/lib/http/route';
import { getOpenApiDocument } from '@/lib/openapi/document';

export const GET = publicRoute(async () => getOpenApiDocument());
