import { describe, expect, it } from 'vitest';
import { deliveryDetailSchema } from './get-webhook-delivery';

// What command-api answers for GET /api/ledgers/{id}/webhook-deliveries/{did} (captured from the running stack).
const answer = {
  id: '1c6996a3-9316-4efe-8793-71ebdedf60ad',
  endpoint_id: '51ff0b6e-9177-4084-bc25-401b4776e93b',
  event_id: 'cb87fef3-4669-467d-9aa7-dc4efbf2eb93',
  event_type: 'transaction.posted',
  sequence: 4,
  status: 'succeeded',
  attempts: [
    {
      attempt: 1,
      at: '2026-11-24T21:20:12.217Z',
      url: 'http://127.0.0.1:45339/hooks/laas',
      request_headers:
        '{"user-agent": "LaaS-Webhooks/1", "webhook-id": "cb87fef3", "content-type": "application/json", "webhook-signature": "v1,mVbE=", "webhook-timestamp": "1795555212"}',
      status_code: 200,
      response_excerpt: 'received',
      latency_ms: 122,
      error: null,
    },
  ],
  last_status_code: 200,
  last_error: null,
  last_latency_ms: 122,
  next_attempt_at: null,
  created_at: '2026-11-24T21:20:11.949Z',
  body: '{"data": {"event_id": "cb87fef3"}, "type": "transaction.posted", "timestamp": "2026-11-24T21:20:11.837968Z"}',
  attempt_count: 1,
};

describe('delivery detail', () => {
  it('reads headers and the body sent as JSON text into objects', () => {
    const delivery = deliveryDetailSchema.parse(answer);
    const [attempt] = delivery.attempts;
    expect(attempt?.request_headers).toMatchObject({
      'webhook-id': 'cb87fef3',
      'content-type': 'application/json',
    });
    expect(attempt?.request_body).toEqual({
      data: { event_id: 'cb87fef3' },
      type: 'transaction.posted',
      timestamp: '2026-11-24T21:20:11.837968Z',
    });
  });

  it('keeps the contract shape (objects per attempt) as it is', () => {
    const attempt = {
      at: '2026-01-01T00:00:00Z',
      request_headers: { a: '1' },
      request_body: { b: 2 },
      status_code: 500,
    };
    const delivery = deliveryDetailSchema.parse({ ...answer, body: undefined, attempts: [attempt] });
    expect(delivery.attempts[0]).toMatchObject({ request_headers: { a: '1' }, request_body: { b: 2 } });
  });

  it('still refuses headers that are not an object', () => {
    const attempts = [{ ...answer.attempts[0], request_headers: 'not json' }];
    expect(deliveryDetailSchema.safeParse({ ...answer, attempts }).success).toBe(false);
  });
});
