import { queryOptions } from '@tanstack/react-query';
import type { WebhookEndpointView } from '../webhooks/endpoints';
import type { WebhookEventType } from '../webhooks/schemas';
import { apiFetch } from './fetch';
import { webhookKeys } from './keys';

export type WebhookDeliveryView = {
  id: number;
  eventId: string | null;
  eventType: string | null;
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  eventStatus: string | null;
  nextAttemptAt: string | null;
};

export const webhooksQuery = () =>
  queryOptions({
    queryKey: webhookKeys.all,
    queryFn: ({ signal }) =>
      apiFetch<{ data: WebhookEndpointView[] }>('/api/v1/webhooks', { signal }).then((b) => b.data),
  });

export const webhookDeliveriesQuery = (id: number) =>
  queryOptions({
    queryKey: webhookKeys.deliveries(id),
    queryFn: ({ signal }) =>
      apiFetch<{ pending: number; data: WebhookDeliveryView[] }>(`/api/v1/webhooks/${id}/deliveries`, {
        signal,
      }),
    refetchInterval: 5_000,
  });

export type CreateWebhookRequest = { name: string; url: string; events?: WebhookEventType[] | null };

export function postWebhook(input: CreateWebhookRequest) {
  return apiFetch<WebhookEndpointView & { secret: string }>('/api/v1/webhooks', {
    method: 'POST',
    body: input,
  });
}

export function postWebhookTest(id: number) {
  return apiFetch<{ queued: boolean }>(`/api/v1/webhooks/${id}/test`, { method: 'POST' });
}

export function deleteWebhook(id: number) {
  return apiFetch<null>(`/api/v1/webhooks/${id}`, { method: 'DELETE' });
}
