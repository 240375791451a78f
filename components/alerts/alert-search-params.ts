// URL state of the Alerts page (?status=&severity=&alert=), shared by the server page and the view.
import { createLoader, parseAsInteger, parseAsStringLiteral } from 'nuqs/server';

export const ALERT_STATUS_FILTERS = ['open', 'firing', 'acknowledged', 'resolved', 'all'] as const;
export const ALERT_SEVERITY_FILTERS = ['all', 'critical', 'warning', 'info'] as const;

export const alertSearchParams = {
  status: parseAsStringLiteral(ALERT_STATUS_FILTERS).withDefault('open'),
  severity: parseAsStringLiteral(ALERT_SEVERITY_FILTERS).withDefault('all'),
  alert: parseAsInteger,
};

export const loadAlertSearchParams = createLoader(alertSearchParams);
