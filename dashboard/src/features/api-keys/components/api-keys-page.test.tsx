import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ApiKey } from '@/types/api';
import type { CreatedApiKey } from '../api/create-api-key';
import { RawKeyPanel, keyStatus } from './api-keys-page';

const key: ApiKey = {
  id: 'k1',
  prefix: 'sk_live_abcdef',
  description: 'CI',
  scope: 'read_write',
  created_at: '2026-11-24T10:00:00Z',
  expires_at: null,
  last_used_at: null,
  revoked_at: null,
};

const created: CreatedApiKey = { ...key, raw_key: 'sk_live_abcdefSECRETSECRETSECRET' };

describe('API keys page', () => {
  it('shows the raw key once, with a copy button and the warning that it will not be shown again', () => {
    const html = renderToStaticMarkup(<RawKeyPanel created={created} onDismiss={() => undefined} />);
    expect(html).toContain('data-testid="raw-key"');
    expect(html).toContain('sk_live_abcdefSECRETSECRETSECRET');
    expect(html).toContain('It will not be shown again');
    expect(html).toContain('data-testid="copy-raw-key"');
    expect(html).toContain('role="alert"');
  });

  it('tells revoked, expired and active keys apart', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(keyStatus(key, now)).toBe('active');
    expect(keyStatus({ ...key, expires_at: '2026-11-24T11:59:59Z' }, now)).toBe('expired');
    expect(keyStatus({ ...key, expires_at: '2026-11-24T12:00:01Z' }, now)).toBe('active');
    expect(
      keyStatus({ ...key, revoked_at: '2026-11-24T09:00:00Z', expires_at: '2027-01-01T00:00:00Z' }, now),
    ).toBe('revoked');
  });
});
