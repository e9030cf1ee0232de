import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkEnd, decisionGrid, decisionTime, gcd, rawGrid, rawIndex, rawTime } from './grid.js';

const M = 60_000;

describe('decisionGrid', () => {
  it('ends at until and starts at the first grid time not before since', () => {
    expect(decisionGrid(0, 10 * M, 5 * M)).toEqual({
      firstMs: 0,
      untilMs: 10 * M,
      stepMs: 5 * M,
      count: 3,
    });
    // 7 days at 1m: 10,081 decisions.
    expect(decisionGrid(0, 7 * 1440 * M, M).count).toBe(10_081);
    const g = decisionGrid(M + 1, 10 * M, 3 * M);
    expect(g.firstMs).toBe(4 * M);
    expect(decisionTime(g, g.count - 1)).toBe(10 * M);
    expect(decisionGrid(5, 5, M)).toEqual({ firstMs: 5, untilMs: 5, stepMs: M, count: 1 });
  });
});

describe('rawGrid', () => {
  it('is the decision grid for a gate without a hold window', () => {
    const d = decisionGrid(0, 60 * M, 5 * M);
    expect(rawGrid(d, M, 0)).toEqual({
      startMs: 0,
      stepMs: 5 * M,
      count: 13,
      holdSteps: 0,
      stride: 1,
      perDecision: 1,
      offset: 0,
    });
  });

  it('holds every time a hold window looks at: gcd(step, gate step), H gate steps early', () => {
    // Decisions every 5m, hold 5m at a 2m gate step: H = 3, windows T, T-2m, T-4m, T-6m.
    const d = decisionGrid(0, 60 * M, 5 * M);
    const r = rawGrid(d, 2 * M, 5 * M);
    expect(r).toMatchObject({ stepMs: M, holdSteps: 3, stride: 2, perDecision: 5, offset: 6 });
    expect(r.startMs).toBe(-6 * M);
    expect(rawTime(r, r.count - 1)).toBe(60 * M);
    for (let i = 0; i < d.count; i++) {
      const at = rawIndex(r, i);
      expect(rawTime(r, at)).toBe(decisionTime(d, i));
      for (let j = 0; j <= r.holdSteps; j++)
        expect(rawTime(r, at - j * r.stride)).toBe(decisionTime(d, i) - j * 2 * M);
    }
  });

  it('every hold window lies on the raw grid, whatever the steps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 3600 }),
        fc.integer({ min: 0, max: 50 }),
        (stepS, gateS, holdS, steps) => {
          const d = decisionGrid(0, steps * stepS * 1000, stepS * 1000);
          const r = rawGrid(d, gateS * 1000, holdS * 1000);
          expect(Number.isInteger(r.stride) && Number.isInteger(r.perDecision)).toBe(true);
          expect(r.holdSteps).toBe(holdS === 0 ? 0 : Math.ceil(holdS / gateS));
          for (const i of [0, d.count - 1]) {
            const at = rawIndex(r, i);
            expect(at - r.holdSteps * r.stride).toBeGreaterThanOrEqual(0);
            expect(rawTime(r, at - r.holdSteps * r.stride)).toBe(
              decisionTime(d, i) - r.holdSteps * gateS * 1000,
            );
          }
          expect(rawIndex(r, d.count - 1)).toBe(r.count - 1);
        },
      ),
    );
  });
});

describe('chunkEnd', () => {
  it('cuts at multiples of maxPoints, wherever evaluation starts', () => {
    expect(chunkEnd(0, 10, 4)).toBe(3);
    expect(chunkEnd(5, 10, 4)).toBe(7);
    expect(chunkEnd(8, 10, 4)).toBe(9);
    expect(chunkEnd(3, 4, 11_000)).toBe(3);
    // 7 days at 1m in one query; in chunks of 2,000: 6 queries.
    expect(chunkEnd(0, 10_081, 11_000)).toBe(10_080);
    const ends: number[] = [];
    for (let r = 0; r < 10_081; r = chunkEnd(r, 10_081, 2000) + 1) ends.push(r);
    expect(ends).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
  });

  it('gcd', () => {
    expect(gcd(300_000, 120_000)).toBe(60_000);
    expect(gcd(7, 5)).toBe(1);
  });
});
