'use client';

import Link from 'next/link';
import { cn } from '@/lib/cn';
import { activeNavItem, NAV_ITEMS, type NavItem } from './nav-items';

export interface SidebarNavProps {
  pathname: string;
  items?: readonly NavItem[];
  /** Counts shown beside items, e.g. { alerts: 3 } for open alerts. */
  badges?: Partial<Record<string, number>>;
  onNavigate?: () => void;
}

export function SidebarNav({ pathname, items = NAV_ITEMS, badges = {}, onNavigate }: SidebarNavProps) {
  const active = activeNavItem(pathname, items);
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5 px-2">
      {items.map((item) => {
        const current = item.key === active?.key;
        const count = badges[item.key];
        return (
          <Link
            key={item.key}
            href={item.href}
            onClick={onNavigate}
            aria-current={current ? 'page' : undefined}
            className={cn(
              'flex h-8 items-center gap-2.5 rounded-md px-2.5 font-medium text-sidebar-foreground text-sm transition-colors hover:bg-accent hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
              current && 'bg-primary/10 text-primary hover:bg-primary/15 hover:text-primary',
            )}
          >
            <item.icon aria-hidden className="size-4 shrink-0" />
            <span className="flex-1 truncate">{item.label}</span>
            {count !== undefined && count > 0 && (
              <span className="min-w-5 rounded-full bg-destructive px-1.5 text-center font-semibold text-[10px] text-destructive-foreground leading-4">
                {count > 99 ? '99+' : count}
                <span className="sr-only"> open</span>
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
