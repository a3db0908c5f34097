import { describe, expect, it } from 'vitest';
import { loginInputSchema, safeNext } from './login';
import { signupInputSchema } from './signup';

describe('signupInputSchema', () => {
  const valid = { email: 'dev@example.com', password: 'twelve-chars', organization_name: 'Acme' };

  it('accepts a password of exactly 12 characters', () => {
    expect(signupInputSchema.parse(valid).password).toBe('twelve-chars');
  });

  it('refuses a password shorter than 12 characters', () => {
    const result = signupInputSchema.safeParse({ ...valid, password: 'eleven-char' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['password'],
      message: 'Use at least 12 characters',
    });
  });

  it('refuses a blank organization name and a bad email', () => {
    const result = signupInputSchema.safeParse({ ...valid, email: 'nope', organization_name: '   ' });
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(['email', 'organization_name']);
  });
});

describe('loginInputSchema', () => {
  it('trims the email and requires a password', () => {
    expect(loginInputSchema.parse({ email: ' a@b.co ', password: 'x' }).email).toBe('a@b.co');
    expect(loginInputSchema.safeParse({ email: 'a@b.co', password: '' }).success).toBe(false);
  });
});

describe('safeNext', () => {
  it('follows paths on this site only', () => {
    expect(safeNext('/ledgers/abc/accounts')).toBe('/ledgers/abc/accounts');
    expect(safeNext(null)).toBe('/ledgers');
    expect(safeNext('https://evil.example')).toBe('/ledgers');
    expect(safeNext('//evil.example')).toBe('/ledgers');
    expect(safeNext('/\\evil.example')).toBe('/ledgers');
    expect(safeNext('/login?next=/x')).toBe('/ledgers');
  });
});
