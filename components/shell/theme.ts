export type ThemeChoice = 'light' | 'dark' | 'system';

export const THEME_STORAGE_KEY = 'switchyard-theme';

/**
 * Inlined in <head> by the root layout so the right theme is on <html> before first paint (no white flash for
 * dark-mode users). It also follows OS changes while the choice is "system". Keep it tiny and ES5.
 */
export const themeScript = `(function(){try{var k='${THEME_STORAGE_KEY}';var m=window.matchMedia('(prefers-color-scheme: dark)');var a=function(){var t=localStorage.getItem(k)||'system';var d=t==='dark'||(t!=='light'&&m.matches);var r=document.documentElement;r.classList.toggle('dark',d);r.style.colorScheme=d?'dark':'light';};a();m.addEventListener('change',a);window.addEventListener('storage',function(e){if(e.key===k)a();});}catch(e){}})();`;

export function readThemeChoice(): ThemeChoice {
  const stored = typeof window === 'undefined' ? null : window.localStorage.getItem(THEME_STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

/** Stores the choice and applies it at once (the inline script's listener covers later OS changes). */
export function applyThemeChoice(choice: ThemeChoice): void {
  if (choice === 'system') window.localStorage.removeItem(THEME_STORAGE_KEY);
  else window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  const dark =
    choice === 'dark' || (choice === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
}
