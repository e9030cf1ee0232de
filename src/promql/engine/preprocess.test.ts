import { describe, expect, it } from 'vitest';
import { parseExpr } from '../parse/parse.js';
import { preprocess, preprocessCached } from './preprocess.js';

const at = (ms: number) => ({ startMs: ms, endMs: ms, stepMs: 0 });

describe('preprocessCached', () => {
  it('reuses the preprocessed form of an expression that does not read the query times', () => {
    const expr = parseExpr('sum by (job) (rate(http_requests_total[5m] offset 1m)) > (0.5)');
    const first = preprocessCached(expr, at(60_000));
    expect(preprocessCached(expr, at(120_000))).toBe(first);
    expect(first).toEqual(preprocess(expr, at(120_000)));
  });

  it.each([
    'up @ start()',
    'up @ end()',
    'rate(up[step() * 10])',
    'up offset (1m + step())',
    'max_over_time(up[5m:step()])',
    'up + end()',
    'time() - start()',
  ])('preprocesses %s for each query', (text) => {
    const expr = parseExpr(text);
    const a = preprocessCached(expr, { startMs: 60_000, endMs: 120_000, stepMs: 30_000 });
    const b = preprocessCached(expr, { startMs: 600_000, endMs: 900_000, stepMs: 60_000 });
    expect(a).toEqual(preprocess(expr, { startMs: 60_000, endMs: 120_000, stepMs: 30_000 }));
    expect(b).toEqual(preprocess(expr, { startMs: 600_000, endMs: 900_000, stepMs: 60_000 }));
    expect(a).not.toEqual(b);
  });
});
