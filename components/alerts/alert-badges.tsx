import { Badge } from '@/components/ui/badge';
import type { AlertView } from '@/lib/api-client/types';

const SEVERITY = { critical: 'destructive', warning: 'warning', info: 'secondary' } as const;
const STATUS = { firing: 'destructive', acknowledged: 'warning', resolved: 'success' } as const;

export function SeverityBadge({ severity }: { severity: AlertView['severity'] }) {
  return <Badge variant={SEVERITY[severity]}>{severity}</Badge>;
}

export function AlertStatusBadge({ status }: { status: AlertView['status'] }) {
  return (
    <Badge variant={STATUS[status]} data-testid="alert-status">
      {status}
    </Badge>
  );
}
