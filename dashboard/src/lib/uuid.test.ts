import { describe, expect, it } from 'vitest';
import { uuidV4 } from './uuid';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV4', () => {
  it('uses crypto.randomUUID when there is one', () => {
    const source = {
      getRandomValues: (a: Uint8Array) => a,
      randomUUID: () => '11111111-1111-4111-8111-111111111111',
    };
    expect(uuidV4(source)).toBe('11111111-1111-4111-8111-111111111111');
  });

  it('builds a version 4 UUID from random bytes outside secure contexts', () => {
    const source = { getRandomValues: (array: Uint8Array) => crypto.getRandomValues(array) };
    const ids = new Set(Array.from({ length: 50 }, () => uuidV4(source)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(V4);
  });

  it('sets the version and variant bits whatever the bytes', () => {
    const allOnes = { getRandomValues: (array: Uint8Array) => array.fill(0xff) };
    expect(uuidV4(allOnes)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});
