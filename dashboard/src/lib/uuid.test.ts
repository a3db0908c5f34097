import { describe, expect, it } from 'vitest';
import { uuidV4 } from './uuid';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV4', () => {
  it('uses crypto.randomUUID when there is one', () => {
    expect(uuidV4({ getRandomValues: (a) => a, randomUUID: () => '11111111-1111-4111-8111-111111111111' })).toBe('11111111-1111-4111-8111-111111111111');
  });

  it('builds a version 4 UUID from random bytes outside secure contexts', () => {
    const source = { getRandomValues: <T extends ArrayBufferView | null>(array: T): T => crypto.getRandomValues(array as Uint8Array) as T };
    const ids = new Set(Array.from({ length: 50 }, () => uuidV4(source)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(V4);
  });

  it('sets the version and variant bits whatever the bytes', () => {
    const allOnes = { getRandomValues: <T extends ArrayBufferView | null>(array: T): T => ((array as Uint8Array).fill(0xff), array) };
    expect(uuidV4(allOnes)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});
