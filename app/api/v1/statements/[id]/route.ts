// GET /api/v1/statements/{id} – one stored monthly statement as its PDF file.
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { getStatementPdf } from '@/lib/reports/statements';

export const GET = route<{ id: string }>(async ({ actor, params }) => {
  const { pdf, fileName } = await getStatementPdf(actor, IdParam.parse(params.id));
  return new Response(pdf, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
