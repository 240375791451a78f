'use client';

import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';

const SetTitleContext = createContext<((title: ReactNode) => void) | null>(null);
const TitleContext = createContext<ReactNode>(null);

export function PageTitleProvider({ children }: { children: ReactNode }) {
  const [title, setTitle] = useState<ReactNode>(null);
  return (
    <SetTitleContext.Provider value={setTitle}>
      <TitleContext.Provider value={title}>{children}</TitleContext.Provider>
    </SetTitleContext.Provider>
  );
}

/** The title a page set with <TopBarTitle>, or null (the shell then shows the nav section). */
export function usePageTitle(): ReactNode {
  return useContext(TitleContext);
}

/**
 * Fills the top bar's title slot from inside a page (the shell lives in the layout and cannot see the page).
 * Renders nothing itself; the title is cleared when the page unmounts.
 */
export function TopBarTitle({ children }: { children: ReactNode }) {
  const setTitle = useContext(SetTitleContext);
  useEffect(() => {
    setTitle?.(children);
    return () => setTitle?.(null);
  }, [children, setTitle]);
  return null;
}
