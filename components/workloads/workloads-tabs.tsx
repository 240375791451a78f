'use client';

import { usePathname } from 'next/navigation';
import { LinkTabs } from '@/components/ui/tabs';

const TABS = [
  { href: '/workloads/jobs', label: 'Jobs' },
  { href: '/workloads/pools', label: 'Pools' },
  { href: '/workloads/board', label: 'Assignment board' },
  { href: '/workloads/rental', label: 'GPU rental' },
];

export function WorkloadsTabs() {
  const pathname = usePathname();
  return (
    <LinkTabs
      label="Workloads sections"
      items={TABS.map((t) => ({ ...t, active: pathname === t.href || pathname.startsWith(`${t.href}/`) }))}
    />
  );
}
