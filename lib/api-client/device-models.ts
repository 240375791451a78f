import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './fetch';
import { deviceModelKeys } from './keys';
import type { DeviceModelView } from './types';

/** The catalogue changes only with a release: cache it for the session. */
export const deviceModelsQuery = () =>
  queryOptions({
    queryKey: deviceModelKeys.all,
    queryFn: ({ signal }) =>
      apiFetch<{ data: DeviceModelView[] }>('/api/v1/device-models', { signal }).then((body) => body.data),
    staleTime: Number.POSITIVE_INFINITY,
  });
