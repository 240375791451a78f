import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './fetch';
import type { DeviceModelView } from './types';

export const deviceModelKeys = { all: ['device-models'] as const };

/** The catalogue changes only with a release: cache it for the session. */
export const deviceModelsQuery = () =>
  queryOptions({
    queryKey: deviceModelKeys.all,
    queryFn: ({ signal }) =>
      apiFetch<{ data: DeviceModelView[] }>('/api/v1/device-models', { signal }).then((body) => body.data),
    staleTime: Number.POSITIVE_INFINITY,
  });
