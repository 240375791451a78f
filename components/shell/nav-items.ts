import {
  Bell,
  ChartCandlestick,
  Factory,
  FileText,
  House,
  LayoutDashboard,
  type LucideIcon,
  Server,
  Settings,
  Split,
  Workflow,
} from 'lucide-react';

export interface NavItem {
  key: string;
  label: string;
  href: string;
  icon: LucideIcon;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'fleet', label: 'Fleet', href: '/fleet', icon: LayoutDashboard },
  { key: 'sites', label: 'Sites', href: '/sites', icon: Factory },
  { key: 'devices', label: 'Devices', href: '/devices', icon: Server },
  { key: 'workloads', label: 'Workloads', href: '/workloads', icon: Workflow },
  { key: 'allocation', label: 'Allocation', href: '/allocation', icon: Split },
  { key: 'market', label: 'Market', href: '/market', icon: ChartCandlestick },
  { key: 'alerts', label: 'Alerts', href: '/alerts', icon: Bell },
  { key: 'reports', label: 'Reports', href: '/reports', icon: FileText },
  { key: 'settings', label: 'Settings', href: '/settings', icon: Settings },
];

/** A hosting client's own world: its machines, their alerts and its reports (no provider areas). */
export const CLIENT_NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', label: 'Home', href: '/home', icon: House },
  ...NAV_ITEMS.filter((item) => ['devices', 'alerts', 'reports'].includes(item.key)),
];

/** Staff see every area; a user with a tenant only its own (the pages enforce it again). */
export function navItemsFor(audience: 'staff' | 'client'): readonly NavItem[] {
  return audience === 'client' ? CLIENT_NAV_ITEMS : NAV_ITEMS;
}

/** The nav item owning `pathname`: exact match or a sub-path (/devices/abc → Devices). */
export function activeNavItem(pathname: string, items: readonly NavItem[] = NAV_ITEMS): NavItem | undefined {
  return items.find((item) => pathname === item.href || pathname.startsWith(`${item.href}/`));
}
