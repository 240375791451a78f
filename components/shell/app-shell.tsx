'use client';

import * as DialogPrimitive from '@radix-ui/react-dialog';
import { useQuery } from '@tanstack/react-query';
import { Menu, TrainTrack, X } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { type ReactNode, useState } from 'react';
import { Button } from '@/components/ui/button';
import { alertCountQuery } from '@/lib/api-client/alerts';
import { activeNavItem, type NavItem, navItemsFor } from './nav-items';
import { PageTitleProvider, usePageTitle } from './page-title';
import { SidebarNav } from './sidebar-nav';
import { ThemeToggle } from './theme-toggle';
import { type ShellUser, UserMenu } from './user-menu';

export interface AppShellProps {
  user: ShellUser;
  children: ReactNode;
  navItems?: readonly NavItem[];
  /** Which navigation to show when `navItems` is not given: a hosting client's is smaller. */
  audience?: 'staff' | 'client';
  /** e.g. { alerts: openAlertCount }. */
  navBadges?: Partial<Record<string, number>>;
  /** Bottom of the sidebar: version, "simulator" badge. */
  sidebarFooter?: ReactNode;
  /** Status shown in the top bar before the theme toggle (e.g. the history fill). */
  topBarStatus?: ReactNode;
}

/** Authenticated frame: sidebar navigation (a drawer below `lg`), top bar with title, theme and user menu. */
export function AppShell(props: AppShellProps) {
  return (
    <PageTitleProvider>
      <Shell {...props} />
    </PageTitleProvider>
  );
}

function Brand() {
  return (
    <Link
      href="/fleet"
      className="flex h-12 items-center gap-2 px-4 font-semibold text-sm tracking-tight focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset"
    >
      <TrainTrack aria-hidden className="size-5 text-primary" />
      Switchyard
    </Link>
  );
}

function Shell({
  user,
  children,
  audience = 'staff',
  navItems = navItemsFor(audience),
  navBadges,
  sidebarFooter,
  topBarStatus,
}: AppShellProps) {
  const pathname = usePathname() ?? '/';
  const [drawerOpen, setDrawerOpen] = useState(false);
  const pageTitle = usePageTitle();
  // The live firing-alert count beside "Alerts" (refreshes with the live views).
  const firing = useQuery(alertCountQuery()).data;
  const badges = { ...(firing === undefined ? {} : { alerts: firing }), ...navBadges };
  const title = pageTitle ?? activeNavItem(pathname, navItems)?.label ?? 'Switchyard';
  const sidebar = (onNavigate?: () => void) => (
    <>
      <div className="flex-1 overflow-y-auto py-2">
        <SidebarNav pathname={pathname} items={navItems} badges={badges} onNavigate={onNavigate} />
      </div>
      {sidebarFooter && (
        <div className="border-t px-4 py-3 text-muted-foreground text-xs">{sidebarFooter}</div>
      )}
    </>
  );

  return (
    <div className="flex min-h-dvh">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-card px-3 py-2 text-sm focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-dvh w-56 shrink-0 flex-col border-r bg-sidebar lg:flex">
        <Brand />
        {sidebar()}
      </aside>
      <DialogPrimitive.Root open={drawerOpen} onOpenChange={setDrawerOpen}>
        <DialogPrimitive.Portal>
          <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-black/40 lg:hidden" />
          <DialogPrimitive.Content className="fixed inset-y-0 left-0 z-50 flex w-64 flex-col border-r bg-sidebar shadow-lg focus:outline-none lg:hidden">
            <DialogPrimitive.Title className="sr-only">Navigation</DialogPrimitive.Title>
            <DialogPrimitive.Description className="sr-only">
              Switch between sections
            </DialogPrimitive.Description>
            <div className="flex items-center justify-between pr-2">
              <Brand />
              <DialogPrimitive.Close asChild>
                <Button variant="ghost" size="icon" aria-label="Close navigation">
                  <X aria-hidden />
                </Button>
              </DialogPrimitive.Close>
            </div>
            {sidebar(() => setDrawerOpen(false))}
          </DialogPrimitive.Content>
        </DialogPrimitive.Portal>
      </DialogPrimitive.Root>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-12 shrink-0 items-center gap-2 border-b bg-background/90 px-3 backdrop-blur lg:px-6">
          <Button
            variant="ghost"
            size="icon"
            className="lg:hidden"
            aria-label="Open navigation"
            onClick={() => setDrawerOpen(true)}
          >
            <Menu aria-hidden />
          </Button>
          <div data-testid="top-bar-title" className="min-w-0 flex-1 truncate font-semibold text-sm">
            {title}
          </div>
          <div className="flex items-center gap-1">
            {topBarStatus}
            <ThemeToggle />
            <UserMenu user={user} />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="flex-1 px-3 py-4 focus:outline-none lg:px-6 lg:py-5">
          {children}
        </main>
      </div>
    </div>
  );
}
