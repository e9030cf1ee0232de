import { describe, expect, it } from 'vitest';
import type { Expr, MatrixSelector, SubqueryExpr, VectorSelector } from '../ast.js';
import { pinAtModifier, stepInvariantVariants, variantTimes } from './rewrite.js';

const pos = { start: 0, end: 1 };

function vs(name: string, at: VectorSelector['at'] = null): VectorSelector {
  return {
    kind: 'VectorSelector',
    name,
    matchers: [{ name: '__name__', type: '=', value: name }],
    offsetMs: 0,
    offsetExpr: null,
    at,
    pos,
  };
}

function ms(name: string): MatrixSelector {
  return {
    kind: 'MatrixSelector',
    vectorSelector: vs(name),
    rangeMs: 300_000,
    rangeExpr: null,
    pos,
  };
}

function call(func: string, ...args: Expr[]): Expr {
  return { kind: 'Call', func, args, pos };
}

function subquery(expr: Expr): SubqueryExpr {
  return {
    kind: 'SubqueryExpr',
    expr,
    rangeMs: 600_000,
    rangeExpr: null,
    stepMs: 0,
    stepExpr: null,
    offsetMs: 0,
    offsetExpr: null,
    at: null,
    pos,
  };
}

/** The `@` of every selector and subquery, depth first, as strings. */
function ats(expr: Expr): string[] {
  const out: string[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === 'VectorSelector' || e.kind === 'SubqueryExpr')
      out.push(
        `${e.kind}:${e.at === null ? '-' : e.at.kind === 'timestamp' ? e.at.ms : e.at.kind}`,
      );
    if (e.kind === 'MatrixSelector') visit(e.vectorSelector);
    if (e.kind === 'SubqueryExpr' || e.kind === 'ParenExpr' || e.kind === 'UnaryExpr')
      visit(e.expr);
    if (e.kind === 'Call') e.args.forEach(visit);
    if (e.kind === 'BinaryExpr') [e.lhs, e.rhs].forEach(visit);
    if (e.kind === 'AggregateExpr') [e.param, e.expr].forEach((x) => x !== null && visit(x));
  };
  visit(expr);
  return out;
}

describe('pinAtModifier', () => {
  it('pins selectors without @ and leaves those with one', () => {
    const expr: Expr = {
      kind: 'BinaryExpr',
      op: '+',
      lhs: call('rate', ms('a')),
      rhs: vs('b', { kind: 'start' }),
      matching: null,
      returnBool: false,
      pos,
    };
    const { expr: pinned, timeDependent } = pinAtModifier(expr, 5000);
    expect(ats(pinned)).toEqual(['VectorSelector:5000', 'VectorSelector:start']);
    expect(timeDependent).toBe(false);
    expect(ats(expr)).toEqual(['VectorSelector:-', 'VectorSelector:start']);
  });

  it('pins a subquery but nothing inside it, and ignores time functions in there', () => {
    const expr = call('max_over_time', subquery(call('time')));
    const inner = call('sum_over_time', subquery(vs('x')));
    const { expr: pinned, timeDependent } = pinAtModifier(expr, 7000);
    expect(timeDependent).toBe(false);
    expect(ats(pinned)).toEqual(['SubqueryExpr:7000']);
    expect(ats(pinAtModifier(inner, 7000).expr)).toEqual(['SubqueryExpr:7000', 'VectorSelector:-']);
  });

  it('notices time-dependent calls outside subqueries', () => {
    expect(pinAtModifier(call('timestamp', vs('x')), 1000).timeDependent).toBe(true);
    expect(stepInvariantVariants(call('time'), 1000)).toEqual([]);
    expect(pinAtModifier(call('abs', vs('x')), 1000).timeDependent).toBe(false);
  });
});

describe('variantTimes', () => {
  it('is -10T, 0, T/5, T, 10T, or ±1s at 0', () => {
    expect(variantTimes(60_000)).toEqual([-600_000, 0, 12_000, 60_000, 600_000]);
    expect(variantTimes(1)).toEqual([-10, 0, 0, 1, 10]);
    expect(variantTimes(0)).toEqual([-1000, 0, 1000]);
  });
});
