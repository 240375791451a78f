/** Only same-site paths may follow sign-in ("/devices?x=1"), never "//evil.example" or "https://…". */
export function safeNextPath(next: string | string[] | undefined | null): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/fleet';
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/api/')) return '/fleet';
  return value;
}
