'use client';
import { useQuery } from '@tanstack/react-query';
import { useQueryStates } from 'nuqs';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Progress } from '@/components/ui/progress';
import { Select } from '@/components/ui/select';
import { downloadReport, type ReportFormat, reportPreviewQuery, reportUrl } from '@/lib/api-client/reports';
import { sitesListQuery } from '@/lib/api-client/sites';
import { REPORT_KINDS } from '@/lib/reports/types';
import { ReportChart } from './report-chart';
import { reportSearchParams } from './report-search-params';
import { ReportTable } from './report-table';

const KIND_LABELS: Record<(typeof REPORT_KINDS)[number], string> = {
  performance: 'Fleet performance',
  energy: 'Energy and cost',
  revenue: 'Revenue and margin',
  jobs: 'AI jobs',
  incidents: 'Incidents and decisions',
};
const FORMATS: ReportFormat[] = ['csv', 'xlsx', 'pdf', 'json'];

function lastMonth(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 2, 1));
  const last = new Date(Date.UTC(y, m - 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

export function ReportBuilder({ today }: { today: string }) {
  const [params, setParams] = useQueryStates(reportSearchParams);
  const fallback = lastMonth(today);
  const from = params.from || fallback.from;
  const to = params.to || fallback.to;
  const query: Record<string, string> = { from, to };
  if (params.site !== null) query.siteId = String(params.site);
  if (params.class !== null) query.class = params.class;
  const sites = useQuery(sitesListQuery());
  const preview = useQuery(reportPreviewQuery(params.kind, query));
  const [download, setDownload] = useState<{ format: ReportFormat; bytes: number } | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  async function start(format: ReportFormat) {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setDownloadError(null);
    setDownload({ format, bytes: 0 });
    try {
      const { blob, filename } = await downloadReport(
        reportUrl(params.kind, query, format),
        (bytes) => setDownload({ format, bytes }),
        controller.signal,
      );
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = format === 'json' ? `${params.kind}-${from}-${to}.json` : filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (error) {
      if (!controller.signal.aborted)
        setDownloadError(error instanceof Error ? error.message : String(error));
    } finally {
      if (abort.current === controller) setDownload(null);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardContent className="flex flex-wrap items-end gap-3 pt-4">
          <div className="flex flex-col gap-1 text-xs">
            Report
            <Select
              aria-label="Report kind"
              value={params.kind}
              onChange={(e) => setParams({ kind: e.target.value as (typeof REPORT_KINDS)[number] })}
              options={REPORT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            />
          </div>
          <div className="flex flex-col gap-1 text-xs">
            From
            <Input
              aria-label="From"
              type="date"
              value={from}
              onChange={(e) => setParams({ from: e.target.value })}
            />
          </div>
          <div className="flex flex-col gap-1 text-xs">
            To (inclusive)
            <Input
              aria-label="To"
              type="date"
              value={to}
              onChange={(e) => setParams({ to: e.target.value })}
            />
          </div>
          <div className="flex flex-col gap-1 text-xs">
            Site
            <Select
              aria-label="Site"
              placeholder="All sites"
              value={params.site === null ? '' : String(params.site)}
              onChange={(e) => setParams({ site: e.target.value ? Number(e.target.value) : null })}
              options={(sites.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
            />
          </div>
          <div className="flex flex-col gap-1 text-xs">
            Class
            <Select
              aria-label="Device class"
              placeholder="All classes"
              value={params.class ?? ''}
              onChange={(e) =>
                setParams({ class: (e.target.value || null) as 'asic' | 'micro' | 'gpu' | null })
              }
              options={[
                { value: 'asic', label: 'ASIC' },
                { value: 'micro', label: 'Micro' },
                { value: 'gpu', label: 'GPU' },
              ]}
            />
          </div>
          <div className="flex gap-2">
            {FORMATS.map((f) => (
              <Button
                key={f}
                variant="outline"
                size="sm"
                disabled={download !== null}
                onClick={() => start(f)}
              >
                Download {f.toUpperCase()}
              </Button>
            ))}
          </div>
        </CardContent>
      </Card>
      {download && (
        <div className="flex items-center gap-3" data-testid="report-download">
          <Progress
            className="w-72"
            label={`Exporting ${download.format.toUpperCase()}`}
            detail={`${(download.bytes / 1024).toFixed(0)} KiB received`}
          />
          <Button variant="ghost" size="sm" onClick={() => abort.current?.abort()}>
            Cancel
          </Button>
        </div>
      )}
      {downloadError && (
        <p role="alert" className="text-sm text-destructive">
          {downloadError}
        </p>
      )}
      <Card>
        <CardHeader>
          <CardTitle>{KIND_LABELS[params.kind]}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {preview.isPending && <p className="text-sm text-muted-foreground">Loading preview…</p>}
          {preview.isError && (
            <p role="alert" className="text-sm text-destructive">
              {preview.error.message}
            </p>
          )}
          {preview.data && (
            <>
              <dl className="grid grid-cols-2 gap-2 text-sm md:grid-cols-4" data-testid="report-totals">
                {Object.entries(preview.data.totals).map(([k, v]) => (
                  <div key={k}>
                    <dt className="text-xs text-muted-foreground">{k}</dt>
                    <dd className="tabular-nums">{v === null ? '–' : v.toLocaleString()}</dd>
                  </div>
                ))}
              </dl>
              <ReportChart chart={preview.data.chart} />
              <ReportTable report={preview.data} />
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
