import type { Rule, Scope, Silence, Subject } from './types';

/** Whether a subject lies in a scope. Site and fleet subjects match only scopes they can satisfy. */
export function inScope(scope: Scope, s: Subject): boolean {
  if (s.kind === 'fleet') return Object.values(scope).every((v) => v === undefined);
  if (scope.siteId !== undefined && s.siteId !== scope.siteId) return false;
  if (s.kind === 'site') {
    return (
      scope.rackId === undefined &&
      scope.deviceIds === undefined &&
      scope.tenantId === undefined &&
      (scope.modelId === undefined || s.modelId === scope.modelId) &&
      (scope.class === undefined || s.class === scope.class)
    );
  }
  if (scope.rackId !== undefined && s.rackId !== scope.rackId) return false;
  if (scope.modelId !== undefined && s.modelId !== scope.modelId) return false;
  if (scope.class !== undefined && s.class !== scope.class) return false;
  if (scope.tenantId !== undefined && s.tenantId !== scope.tenantId) return false;
  if (scope.deviceIds !== undefined && !s.deviceIds.some((id) => scope.deviceIds?.includes(id))) return false;
  return true;
}

export function isSilenced(silences: readonly Silence[], rule: Rule, s: Subject, now: number): boolean {
  return silences.some(
    (x) =>
      x.startsAt <= now &&
      now < x.endsAt &&
      (x.ruleId === null || x.ruleId === rule.id) &&
      inScope(x.scope, s),
  );
}

/**
 * One alert per rule and site (fleet-wide for market metrics): a rack or site outage is one
 * alert listing its devices, not one alert per device.
 */
export function groupKeyOf(rule: Rule, s: Subject): string {
  return s.siteId === null ? `${rule.id}:fleet` : `${rule.id}:site:${s.siteId}`;
}
