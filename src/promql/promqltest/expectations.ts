/**
 * The `expect fail|warn|info|no_warn|no_info` checks of an eval (harness `checkAnnotations`
 * and `checkExpectedFailure`). Annotation text is Prometheus's `PromQL warning: ... (L:C)`.
 *
 * @module
 */
import { type Annotation, formatAnnotation } from '../value.js';
import type { Mismatch } from './compare.js';
import { type EvalCommand, type Expectation, isFailExpected } from './types.js';

export function expectationMatches(expectation: Expectation, text: string): boolean {
  switch (expectation.match) {
    case 'any':
      return !text.includes('\n');
    case 'msg':
      return expectation.text === text;
    case 'regex':
      expectation.regex.lastIndex = 0;
      return expectation.regex.test(text);
  }
}

function describe(expectation: Expectation): string {
  return expectation.match === 'any' ? 'anything' : `${expectation.match}: ${expectation.text}`;
}

function describeExpectations(cmd: EvalCommand): string {
  const lines: string[] = [];
  if (cmd.legacy.warn) lines.push('warn (eval_warn)');
  if (cmd.legacy.info) lines.push('info (eval_info)');
  for (const type of ['warn', 'info', 'no_warn', 'no_info'] as const)
    for (const e of cmd.expects[type])
      lines.push(type.startsWith('no_') ? type : `${type} ${describe(e)}`);
  return lines.join('\n');
}

/** Checks the annotations of a query against the eval's expect lines. */
export function checkAnnotations(
  cmd: EvalCommand,
  annotations: readonly Annotation[],
): Mismatch | undefined {
  const warnings = annotations
    .filter((a) => a.kind === 'warning')
    .map((a) => formatAnnotation(a, cmd.expr));
  const infos = annotations
    .filter((a) => a.kind === 'info')
    .map((a) => formatAnnotation(a, cmd.expr));
  const q = JSON.stringify(cmd.expr);
  const message = ((): string | undefined => {
    if (cmd.legacy.warn && warnings.length === 0)
      return `expected warnings evaluating query ${q} (line ${cmd.line}) but got none`;
    if (cmd.legacy.info && infos.length === 0)
      return `expected info annotations evaluating query ${q} (line ${cmd.line}) but got none`;
    const all = [...warnings, ...infos];
    const bad =
      validate(cmd, cmd.expects.warn, warnings, 'warn', all) ??
      validate(cmd, cmd.expects.info, infos, 'info', all);
    if (bad !== undefined) return bad;
    if (cmd.expects.no_warn.length > 0 && warnings.length > 0)
      return `unexpected warning annotations evaluating query ${q} (line ${cmd.line}): [${all.join(', ')}]`;
    if (cmd.expects.no_info.length > 0 && infos.length > 0)
      return `unexpected info annotations evaluating query ${q} (line ${cmd.line}): [${all.join(', ')}]`;
    return undefined;
  })();
  if (message === undefined) return undefined;
  return {
    message,
    expected: describeExpectations(cmd),
    got: annotations.length === 0 ? '(no annotations)' : [...warnings, ...infos].join('\n'),
  };
}

function validate(
  cmd: EvalCommand,
  expected: readonly Expectation[],
  actual: readonly string[],
  type: 'warn' | 'info',
  all: readonly string[],
): string | undefined {
  if (expected.length === 0) return undefined;
  const q = JSON.stringify(cmd.expr);
  if (actual.length === 0)
    return `expected ${type} annotations but none were found for query ${q} (line ${cmd.line})`;
  for (const e of expected) {
    if (!actual.some((a) => expectationMatches(e, a)))
      return `expected ${type} annotation matching ${e.match === 'msg' ? 'message' : 'pattern'} ${JSON.stringify(e.match === 'any' ? '^.*$' : e.text)} but no matching annotation was found for query ${q} (line ${cmd.line}), found: [${all.join(', ')}]`;
  }
  for (const a of actual) {
    if (!expected.some((e) => expectationMatches(e, a)))
      return `unexpected ${type} annotation ${JSON.stringify(a)} found for query ${cmd.expr} (line ${cmd.line})`;
  }
  return undefined;
}

/** What an eval expecting failure wants, for reports. */
export function describeExpectedFailure(cmd: EvalCommand): string {
  if (cmd.expectedFailMessage !== null && cmd.expectedFailMessage !== '')
    return `error ${JSON.stringify(cmd.expectedFailMessage)}`;
  if (cmd.expectedFailRegexp !== null) return `error matching ${String(cmd.expectedFailRegexp)}`;
  const e = cmd.expects.fail[0];
  if (e === undefined || e.match === 'any') return 'an error';
  return e.match === 'msg' ? `error ${JSON.stringify(e.text)}` : `error matching /${e.text}/`;
}

/** Checks an error against `expect fail` (and the legacy `expected_fail_*` lines). */
export function checkExpectedFailure(cmd: EvalCommand, error: string): Mismatch | undefined {
  if (!isFailExpected(cmd)) return undefined;
  const q = JSON.stringify(cmd.expr);
  const fail = (message: string): Mismatch => ({
    message,
    expected: describeExpectedFailure(cmd),
    got: `error ${JSON.stringify(error)}`,
  });
  if (
    cmd.expectedFailMessage !== null &&
    cmd.expectedFailMessage !== '' &&
    cmd.expectedFailMessage !== error
  )
    return fail(
      `expected error ${JSON.stringify(cmd.expectedFailMessage)} evaluating query ${q} (line ${cmd.line}), but got: ${error}`,
    );
  if (cmd.expectedFailRegexp !== null) {
    cmd.expectedFailRegexp.lastIndex = 0;
    if (!cmd.expectedFailRegexp.test(error))
      return fail(
        `expected error matching pattern ${JSON.stringify(cmd.expectedFailRegexp.source)} evaluating query ${q} (line ${cmd.line}), but got: ${error}`,
      );
  }
  const e = cmd.expects.fail[0];
  if (e !== undefined && !expectationMatches(e, error))
    return fail(
      `expected error matching ${JSON.stringify(e.match === 'any' ? '^.*$' : e.text)} evaluating query ${q} (line ${cmd.line}), but got: ${error}`,
    );
  return undefined;
}
