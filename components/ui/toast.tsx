'use client';

import { X } from 'lucide-react';
import { useEffect, useSyncExternalStore } from 'react';
import { cn } from '@/lib/cn';

export interface ToastInput {
  title: string;
  description?: string;
  variant?: 'default' | 'success' | 'destructive';
  /** Milliseconds before it disappears; errors default to longer so they can be read. */
  durationMs?: number;
}

interface ToastItem extends Required<Omit<ToastInput, 'description'>> {
  id: number;
  description?: string;
}

// A module-level store: `toast()` can be called from mutation callbacks without a hook or context.
let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const listener of listeners) listener();
};

/** Shows a transient message in the corner (mounted once by `<Toaster />` in Providers). Returns its id. */
export function toast(input: ToastInput): number {
  const id = nextId++;
  const variant = input.variant ?? 'default';
  const durationMs = input.durationMs ?? (variant === 'destructive' ? 8000 : 4000);
  items = [...items, { ...input, id, variant, durationMs }].slice(-4);
  emit();
  return id;
}

export function dismissToast(id: number): void {
  items = items.filter((item) => item.id !== id);
  emit();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const EMPTY: ToastItem[] = [];

export function Toaster() {
  const toasts = useSyncExternalStore(
    subscribe,
    () => items,
    () => EMPTY,
  );
  return (
    <section
      aria-label="Notifications"
      aria-live="polite"
      className="pointer-events-none fixed right-4 bottom-4 z-[60] flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2"
    >
      {toasts.map((item) => (
        <ToastCard key={item.id} item={item} />
      ))}
    </section>
  );
}

function ToastCard({ item }: { item: ToastItem }) {
  useEffect(() => {
    const timer = window.setTimeout(() => dismissToast(item.id), item.durationMs);
    return () => window.clearTimeout(timer);
  }, [item.id, item.durationMs]);
  return (
    <div
      role={item.variant === 'destructive' ? 'alert' : 'status'}
      className={cn(
        'pointer-events-auto flex items-start gap-2 rounded-md border bg-popover px-3 py-2.5 text-popover-foreground text-sm shadow-lg',
        item.variant === 'success' && 'border-l-4 border-l-success',
        item.variant === 'destructive' && 'border-l-4 border-l-destructive',
      )}
    >
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <p className="font-medium">{item.title}</p>
        {item.description && <p className="text-muted-foreground text-xs">{item.description}</p>}
      </div>
      <button
        type="button"
        onClick={() => dismissToast(item.id)}
        className="rounded-sm p-0.5 text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <X aria-hidden className="size-4" />
        <span className="sr-only">Dismiss</span>
      </button>
    </div>
  );
}
