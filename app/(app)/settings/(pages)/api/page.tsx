import type { Metadata } from 'next';
import { ApiReference } from '@/components/api-reference/api-reference';
import { PageHeader } from '@/components/shell/page-header';
import { requirePageActor } from '@/lib/auth/page';
import { getOpenApiDocument } from '@/lib/openapi/document';

export const metadata: Metadata = { title: 'API reference' };

export default async function ApiReferencePage() {
  await requirePageActor();
  const doc = getOpenApiDocument();
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            {Object.keys(doc.paths).length} paths, OpenAPI {doc.openapi}. Authenticate with{' '}
            <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. Machine-readable:{' '}
            <a className="underline" href="/api/openapi.json" download="switchyard-openapi.json">
              /api/openapi.json
            </a>
          </>
        }
      />
      <ApiReference doc={doc} />
    </>
  );
}
