'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Radar } from 'lucide-react';
import { parseAsInteger, useQueryState } from 'nuqs';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/toast';
import { discoveryScansQuery, postDiscoveryScan } from '@/lib/api-client/discovery';
import { ApiError } from '@/lib/api-client/fetch';
import { invalidateDiscovery } from '@/lib/api-client/invalidate';
import type { DiscoveryProtocol } from '@/lib/api-client/types';
import { formatNumber } from '@/lib/format';
import { ScanResults } from './scan-results';

const PROTOCOLS: { value: DiscoveryProtocol; label: string }[] = [
  { value: 'cgminer', label: 'cgminer API (4028)' },
  { value: 'axeos', label: 'AxeOS HTTP (80)' },
  { value: 'dcgm', label: 'dcgm-exporter (9400)' },
];

/** "4028, 80" → [4028, 80]; empty → undefined (the protocols' default ports); junk → null. */
export function parsePorts(text: string): number[] | undefined | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return undefined;
  const ports = parts.map(Number);
  return ports.every((p) => Number.isInteger(p) && p >= 1 && p <= 65535) ? ports : null;
}

function fieldError(error: unknown, path: string): string | null {
  if (!(error instanceof ApiError)) return null;
  const details = Array.isArray(error.details)
    ? (error.details as { path?: unknown; message?: string }[])
    : [];
  const hit = details.find((d) => d.path === path || (Array.isArray(d.path) && d.path[0] === path));
  return hit?.message ?? null;
}

export function DiscoveryView({ canOperate }: { canOperate: boolean }) {
  const queryClient = useQueryClient();
  const [scanId, setScanId] = useQueryState('scan', parseAsInteger);
  const [cidr, setCidr] = useState('192.168.1.0/24');
  const [portsText, setPortsText] = useState('');
  const [protocols, setProtocols] = useState<DiscoveryProtocol[]>(['cgminer', 'axeos', 'dcgm']);
  const scans = useQuery(discoveryScansQuery());
  const start = useMutation({
    mutationFn: postDiscoveryScan,
    onSuccess: (scan) => {
      void setScanId(scan.id);
      void invalidateDiscovery(queryClient);
    },
    onError: (error) => {
      if (!fieldError(error, 'cidr'))
        toast({ title: 'Scan refused', description: error.message, variant: 'destructive' });
    },
  });
  const ports = parsePorts(portsText);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ports === null || protocols.length === 0) return;
    start.mutate({ cidr, ports, protocols });
  };

  return (
    <div className="flex flex-col gap-4">
      {canOperate ? (
        <Card>
          <CardHeader>
            <CardTitle>Scan a range</CardTitle>
          </CardHeader>
          <CardContent>
            <form onSubmit={submit} className="flex flex-wrap items-end gap-4" aria-label="Scan a range">
              <FormField
                id="discovery-cidr"
                label="Range (CIDR)"
                error={fieldError(start.error, 'cidr')}
                description="Private IPv4 space, at most a /22 (1,024 addresses)."
              >
                <Input value={cidr} onChange={(e) => setCidr(e.target.value)} className="w-56 font-mono" />
              </FormField>
              <FormField
                id="discovery-ports"
                label="Ports"
                error={ports === null ? 'Ports are numbers 1–65535, separated by commas' : null}
                description="Empty: each protocol's default port."
              >
                <Input
                  value={portsText}
                  onChange={(e) => setPortsText(e.target.value)}
                  placeholder="4028, 80, 9400"
                  className="w-44 font-mono"
                />
              </FormField>
              <fieldset className="flex flex-col gap-1.5 text-sm">
                <legend className="mb-1 font-medium">Protocols</legend>
                {PROTOCOLS.map((p) => (
                  <div key={p.value} className="flex items-center gap-2">
                    <Checkbox
                      id={`discovery-protocol-${p.value}`}
                      checked={protocols.includes(p.value)}
                      onChange={(e) =>
                        setProtocols((prev) =>
                          e.target.checked ? [...prev, p.value] : prev.filter((x) => x !== p.value),
                        )
                      }
                    />
                    <label htmlFor={`discovery-protocol-${p.value}`}>{p.label}</label>
                  </div>
                ))}
              </fieldset>
              <Button type="submit" disabled={start.isPending || ports === null || protocols.length === 0}>
                <Radar aria-hidden />
                Scan
              </Button>
            </form>
          </CardContent>
        </Card>
      ) : (
        <Alert title="Read only">Starting scans and adding devices needs the operator role.</Alert>
      )}

      {scanId !== null && <ScanResults key={scanId} scanId={scanId} canOperate={canOperate} />}

      {scans.data && scans.data.length > 0 && (
        <Card>
          <CardHeader>
            <CardTitle>Recent scans</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="flex flex-col gap-1 text-sm" aria-label="Recent scans">
              {scans.data.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className="text-left underline-offset-2 hover:underline"
                    onClick={() => void setScanId(s.id)}
                  >
                    <span className="font-mono">{s.cidr}</span> · {s.status} · {formatNumber(s.foundCount)}{' '}
                    found · {new Date(s.createdAt).toLocaleString()} by {s.actorName}
                  </button>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      )}
    </div>
  );
}
