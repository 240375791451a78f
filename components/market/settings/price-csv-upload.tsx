'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Upload } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { toast } from '@/components/ui/toast';
import { invalidateMarket, invalidateSite } from '@/lib/api-client/invalidate';
import { csvIssues } from '@/lib/api-client/market';
import { patchSiteContract, postSitePricesCsv } from '@/lib/api-client/site-prices';
import type { MarketSettingsPage, PriceImportResult } from '@/lib/api-client/types';
import { type CsvIssue, CsvIssues } from './csv-issues';

/**
 * Hourly (or 15/30-min) prices for one site from a CSV file. Gaps, duplicates, DST anomalies and bad
 * numbers come back as a per-row report and nothing is stored.
 */
export function PriceCsvUpload({ page, canEdit }: { page: MarketSettingsPage; canEdit: boolean }) {
  const id = useId();
  const queryClient = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [siteId, setSiteId] = useState(page.sites[0]?.id ?? 0);
  const site = page.sites.find((s) => s.id === siteId);
  const [timeZone, setTimeZone] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [step, setStep] = useState('60');
  const [file, setFile] = useState<File | null>(null);
  const [issues, setIssues] = useState<CsvIssue[] | null>(null);
  const [result, setResult] = useState<PriceImportResult | null>(null);
  const upload = useMutation({
    mutationFn: async () =>
      postSitePricesCsv(siteId, await file!.text(), {
        timeZone: timeZone || undefined,
        currency,
        stepMinutes: step,
      }),
    onSuccess: async (r) => {
      setIssues(null);
      setResult(r);
      await invalidateSite(queryClient, siteId);
    },
    onError: (error) => {
      setResult(null);
      setIssues(csvIssues(error) ?? [{ line: 0, message: error.message }]);
    },
  });
  const useUploaded = useMutation({
    mutationFn: () => patchSiteContract(siteId, { contractKind: 'spot', spotSource: 'csv' }),
    onSuccess: async () => {
      toast({ title: `${site?.name} now uses the uploaded prices`, variant: 'success' });
      setResult((r) => (r ? { ...r, inUse: true, warning: null } : r));
      await Promise.all([invalidateMarket(queryClient), invalidateSite(queryClient, siteId)]);
    },
    onError: (error) =>
      toast({ title: 'Could not switch the source', description: error.message, variant: 'destructive' }),
  });
  return (
    <Card data-testid="price-csv-upload">
      <CardHeader>
        <div className="flex flex-col gap-0.5">
          <CardTitle>Upload hourly prices (CSV)</CardTitle>
          <CardDescription>
            Columns <code>timestamp,price[,currency]</code>. Timestamps with an offset (…+01:00, Z) are exact;
            without one they are read in the time zone below, and the repeated autumn hour must appear twice.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <form
          className="flex flex-col gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (file) upload.mutate();
          }}
        >
          <fieldset disabled={!canEdit || upload.isPending} className="flex flex-wrap items-end gap-3">
            <FormField id={`${id}-site`} label="Site">
              <Select
                className="min-w-48"
                value={String(siteId)}
                onChange={(e) => {
                  setSiteId(Number(e.target.value));
                  setResult(null);
                  setIssues(null);
                }}
                options={page.sites.map((s) => ({ value: String(s.id), label: s.name }))}
              />
            </FormField>
            <FormField id={`${id}-tz`} label="Time zone of local times">
              <Input
                className="w-48"
                placeholder={site?.timezone}
                value={timeZone}
                onChange={(e) => setTimeZone(e.target.value)}
              />
            </FormField>
            <FormField id={`${id}-currency`} label="Currency">
              <Select
                className="w-24"
                value={currency}
                onChange={(e) => setCurrency(e.target.value)}
                options={['USD', 'EUR'].map((c) => ({ value: c, label: c }))}
              />
            </FormField>
            <FormField id={`${id}-step`} label="Interval">
              <Select
                className="w-28"
                value={step}
                onChange={(e) => setStep(e.target.value)}
                options={[
                  { value: '60', label: '1 hour' },
                  { value: '30', label: '30 min' },
                  { value: '15', label: '15 min' },
                ]}
              />
            </FormField>
            <input
              ref={fileRef}
              type="file"
              accept=".csv,text/csv"
              className="sr-only"
              aria-label="Price CSV file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            <Button variant="outline" onClick={() => fileRef.current?.click()}>
              <Upload aria-hidden /> {file ? file.name : 'Choose file'}
            </Button>
            <Button type="submit" disabled={!file || upload.isPending || !site}>
              {upload.isPending ? 'Checking…' : 'Upload'}
            </Button>
          </fieldset>
        </form>
        <div className="mt-3 flex flex-col gap-2">
          {issues && <CsvIssues issues={issues} />}
          {result && (
            <Alert
              variant={result.warning ? 'warning' : 'success'}
              title={`Stored ${result.imported.toLocaleString('en-US')} intervals, ${result.from.slice(0, 16).replace('T', ' ')} – ${result.to.slice(0, 16).replace('T', ' ')} UTC`}
              action={
                !result.inUse && canEdit ? (
                  <Button
                    size="sm"
                    variant="outline"
                    disabled={useUploaded.isPending}
                    onClick={() => useUploaded.mutate()}
                  >
                    Use uploaded prices for {site?.name}
                  </Button>
                ) : undefined
              }
            >
              {result.warning ?? 'The site uses the uploaded series.'}
            </Alert>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
