/**
 * Keeps the layout honest: features do not import each other (the app composes them), shared code does not
 * import features, and every endpoint file exports its fetcher plus a queryOptions or hook.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1] ?? '');
}

const rel = (path: string) => relative(SRC, path).split(sep).join('/');
const sources = files(SRC).filter((f) => !f.endsWith('.test.ts'));

describe('architecture', () => {
  it('has no cross-feature imports', () => {
    const offenders = sources.flatMap((file) => {
      const own = /^features\/([^/]+)\//.exec(rel(file))?.[1];
      if (!own) return [];
      return imports(file)
        .map(
          (target) =>
            /^@\/features\/([^/]+)/.exec(target)?.[1] ?? (target.startsWith('../../../') ? 'outside' : null),
        )
        .filter((feature) => feature !== null && feature !== own)
        .map((feature) => `${rel(file)} -> ${feature}`);
    });
    expect(offenders).toEqual([]);
  });

  it('keeps lib, components and types free of features and app', () => {
    const offenders = sources
      .filter((f) => /^(lib|components|types)\//.test(rel(f)))
      .flatMap((f) =>
        imports(f)
          .filter((t) => t.startsWith('@/features') || t.startsWith('@/app'))
          .map((t) => `${rel(f)} -> ${t}`),
      );
    expect(offenders).toEqual([]);
  });

  it('uses kebab-case file names', () => {
    const bad = files(SRC)
      .map(rel)
      .filter((p) => !/^[a-z0-9-/.]+$/.test(p));
    expect(bad).toEqual([]);
  });

  it('gives every endpoint file a fetcher and a queryOptions or hook', () => {
    const endpoints = sources.filter((f) => /^features\/[^/]+\/api\/[^/]+\.ts$/.test(rel(f)));
    expect(endpoints.length).toBeGreaterThan(30);
    const incomplete = endpoints.filter((f) => {
      const text = readFileSync(f, 'utf8');
      const hasHook = /export function use[A-Z]\w*\(/.test(text);
      const hasFetcher = /export (async )?function (?!use)\w+\(/.test(text);
      return !(hasHook && hasFetcher);
    });
    expect(incomplete.map(rel)).toEqual([]);
  });

  it('calls /api only through lib/http', () => {
    const direct = sources.filter(
      (f) => !rel(f).startsWith('lib/') && /\bfetch\(/.test(readFileSync(f, 'utf8')),
    );
    expect(direct.map(rel)).toEqual([]);
  });

  it('never turns an amount into a floating-point number outside the chart', () => {
    const offenders = sources
      .filter((f) => !rel(f).endsWith('balance-chart.tsx'))
      .filter((f) =>
        /\b(parseFloat|Number)\((?:[^)]*\b(amount|balance|debits|credits)\b)/.test(readFileSync(f, 'utf8')),
      );
    expect(offenders.map(rel)).toEqual([]);
  });
});
