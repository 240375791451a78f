'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2, Upload } from 'lucide-react';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { Input } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { invalidateMarket } from '@/lib/api-client/invalidate';
import { csvIssues, gpuRatesQuery, postGpuRateCsv, putGpuRateTable } from '@/lib/api-client/market';
import type { GpuRateRow } from '@/lib/api-client/types';
import { GpuRateRowSchema } from '@/lib/market/gpu/gpu-rates';
import { type CsvIssue, CsvIssues } from './csv-issues';

type RowForm = { gpuModel: string; label: string; rate: string; min: string; max: string };

const toForm = (r: GpuRateRow): RowForm => ({
  gpuModel: r.gpuModel,
  label: r.label ?? '',
  rate: String(r.usdPerGpuH),
  min: r.minUsdPerGpuH === undefined ? '' : String(r.minUsdPerGpuH),
  max: r.maxUsdPerGpuH === undefined ? '' : String(r.maxUsdPerGpuH),
});

/** Form rows → table rows, or the first problem of each row (validated with the server's schema). */
function parseRows(rows: RowForm[]): { rows: GpuRateRow[]; errors: Record<number, string> } {
  const errors: Record<number, string> = {};
  const out: GpuRateRow[] = [];
  const optional = (v: string) => (v.trim() === '' ? undefined : Number(v));
  rows.forEach((r, i) => {
    const parsed = GpuRateRowSchema.safeParse({
      gpuModel: r.gpuModel,
      label: r.label.trim() || undefined,
      usdPerGpuH: Number(r.rate),
      minUsdPerGpuH: optional(r.min),
      maxUsdPerGpuH: optional(r.max),
    });
    if (parsed.success) out.push(parsed.data);
    else errors[i] = parsed.error.issues.map((x) => `${x.path.join('.') || 'row'}: ${x.message}`)[0]!;
  });
  const seen = new Map<string, number>();
  out.forEach((r, i) => {
    const key = r.gpuModel.toLowerCase();
    if (seen.has(key)) errors[i] = `${r.gpuModel} is listed twice`;
    seen.set(key, i);
  });
  return { rows: out, errors };
}

/** Operators edit $/GPU-h per GPU model, or import them as CSV (all rows or none, with a per-row report). */
export function GpuRateEditor({ canEdit }: { canEdit: boolean }) {
  const query = useQuery(gpuRatesQuery());
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data?.table) return <Skeleton className="h-48 w-full" />;
  return (
    <Editor
      key={JSON.stringify(query.data.table)}
      table={query.data.table}
      source={query.data.source}
      canEdit={canEdit}
    />
  );
}

function Editor({
  table,
  source,
  canEdit,
}: {
  table: GpuRateRow[];
  source: 'sim' | 'table';
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<RowForm[]>(() => table.map(toForm));
  const [issues, setIssues] = useState<CsvIssue[] | null>(null);
  const parsed = parseRows(rows);
  const refresh = () => invalidateMarket(queryClient);
  const save = useMutation({
    mutationFn: () => putGpuRateTable(parsed.rows),
    onSuccess: async () => {
      toast({ title: 'GPU rates saved', variant: 'success' });
      await refresh();
    },
    onError: (error) =>
      toast({ title: 'Could not save', description: error.message, variant: 'destructive' }),
  });
  const upload = useMutation({
    mutationFn: (csv: string) => postGpuRateCsv(csv),
    onSuccess: async (result) => {
      setIssues(null);
      toast({ title: `Imported ${result.table?.length ?? 0} GPU rates`, variant: 'success' });
      await refresh();
    },
    onError: (error) => {
      const report = csvIssues(error);
      setIssues(report ?? [{ line: 0, message: error.message }]);
    },
  });
  const set = (i: number, patch: Partial<RowForm>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const cell = (i: number, key: keyof RowForm, label: string, className = 'w-24 text-right') => (
    <Input
      aria-label={`${label}, row ${i + 1}`}
      className={className}
      value={rows[i]![key]}
      onChange={(e) => set(i, { [key]: e.target.value })}
    />
  );
  return (
    <Card data-testid="gpu-rate-editor">
      <CardHeader>
        <div className="flex flex-col gap-0.5">
          <CardTitle>GPU rate table ($/GPU-h)</CardTitle>
          <CardDescription>
            {source === 'table'
              ? 'Used as entered for AI revenue.'
              : 'The simulator drifts each rate inside its min–max; switch GPU rates to “the rate table” to use these as entered.'}{' '}
            CSV columns: gpu_model, usd_per_gpu_h, min_usd_per_gpu_h, max_usd_per_gpu_h, label.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 overflow-x-auto">
        <fieldset disabled={!canEdit || save.isPending} className="contents">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>GPU model id</TableHead>
                <TableHead>Label</TableHead>
                <TableHead className="text-right">Rate</TableHead>
                <TableHead className="text-right">Min</TableHead>
                <TableHead className="text-right">Max</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
                <TableRow key={i}>
                  <TableCell>{cell(i, 'gpuModel', 'GPU model id', 'w-32')}</TableCell>
                  <TableCell>{cell(i, 'label', 'Label', 'w-48')}</TableCell>
                  <TableCell>{cell(i, 'rate', 'Rate')}</TableCell>
                  <TableCell>{cell(i, 'min', 'Minimum')}</TableCell>
                  <TableCell>{cell(i, 'max', 'Maximum')}</TableCell>
                  <TableCell>
                    <Button
                      variant="ghost"
                      size="icon-sm"
                      aria-label={`Remove row ${i + 1}`}
                      onClick={() => setRows(rows.filter((__, j) => j !== i))}
                    >
                      <Trash2 aria-hidden />
                    </Button>
                    {parsed.errors[i] && <p className="text-destructive text-xs">{parsed.errors[i]}</p>}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </fieldset>
        {canEdit && (
          <div className="flex flex-wrap items-center gap-2">
            <Button
              size="sm"
              variant="outline"
              onClick={() => setRows([...rows, { gpuModel: '', label: '', rate: '', min: '', max: '' }])}
            >
              <Plus aria-hidden /> Add GPU
            </Button>
            <Button
              size="sm"
              disabled={Object.keys(parsed.errors).length > 0 || save.isPending}
              onClick={() => save.mutate()}
            >
              {save.isPending ? 'Saving…' : 'Save table'}
            </Button>
            <input
              ref={fileRef}
              type="file"
              accept=".csv,text/csv"
              className="sr-only"
              aria-label="GPU rate CSV file"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) upload.mutate(await file.text());
              }}
            />
            <Button
              size="sm"
              variant="outline"
              disabled={upload.isPending}
              onClick={() => fileRef.current?.click()}
            >
              <Upload aria-hidden /> {upload.isPending ? 'Importing…' : 'Import CSV'}
            </Button>
          </div>
        )}
        {issues && <CsvIssues issues={issues} title="Nothing was changed: fix these rows and import again" />}
      </CardContent>
    </Card>
  );
}
