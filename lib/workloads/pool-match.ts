// Does the pool a device reports (telemetry `poolUrl`) belong to the pool profile it should be on?
// Miners report the URL in their own spelling (scheme case, missing scheme, trailing slash), so the
// comparison is on host and port.

export function poolEndpoint(url: string): string | null {
  const m = /^(?:[a-z0-9+]+:\/\/)?(\[[^\]]+\]|[^/:?#\s]+)(?::(\d+))?/i.exec(url.trim());
  if (!m?.[1]) return null;
  return `${m[1].toLowerCase()}:${m[2] ?? ''}`;
}

export function poolUrlMatches(reported: string, profileUrls: string[]): boolean {
  const endpoint = poolEndpoint(reported);
  if (!endpoint) return false;
  return profileUrls.some((u) => {
    const p = poolEndpoint(u);
    // A report without a port matches on host alone.
    return p === endpoint || (endpoint.endsWith(':') && p?.startsWith(endpoint));
  });
}
