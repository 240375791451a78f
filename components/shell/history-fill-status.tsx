'use client';

import { useQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { historyFillQuery } from '@/lib/api-client/simulator';

/** "history: 3 of 7 days" while the first start fills the demo history beside the running app. */
export function HistoryFillStatus() {
  const { data } = useQuery(historyFillQuery());
  if (data?.status !== 'filling') return null;
  return (
    <Badge
      variant="secondary"
      data-testid="history-fill-status"
      role="status"
      title="Simulated history is being filled, newest first; older chart ranges fill in as it goes"
    >
      <History aria-hidden />
      history: {data.daysFilled} of {data.days} days
    </Badge>
  );
}
