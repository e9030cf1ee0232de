/**
 * Reads a promqltest script into commands, following the reference harness line for line
 * (`../shared/corpus/README.md` §1.1–1.7): trimmed lines, `#` lines end a block, the two
 * header regexes as upstream writes them, and the body rules in the harness's order.
 * PromQL expressions are kept as text here; the runner parses them, so this file does not
 * depend on the PromQL parser.
 *
 * @module
 */
import { ParseError } from '../../errors.js';
import { parseDuration } from '../../model/duration.js';
import { labelsKey } from '../../model/labels-key.js';
import { translateRe2 } from '../../model/regex.js';
import { parseGoNumber } from '../series/numbers.js';
import { parseSeriesDescription } from '../series/parse.js';
import { unquoteGoString } from '../series/strings.js';
import { isStartTimestampLine, parseStartOffsets } from './start-timestamps.js';
import {
  type Command,
  type EvalCommand,
  type ExpectType,
  type Expectation,
  type ExpectedSeries,
  type LoadCommand,
  type LoadSeries,
  type Script,
  EXPECT_TYPES,
} from './types.js';

const PAT_SPACE = /[\t ]+/;
const PAT_LOAD = /^load(?:_(with_nhcb))?\s+(.+?)$/;
const PAT_EVAL_INSTANT = /^eval(?:_(fail|warn|ordered|info))?\s+instant\s+(?:at\s+(.+?))?\s+(.+)$/;
const PAT_EVAL_RANGE =
  /^eval(?:_(fail|warn|info))?\s+range\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+?)\s+(.+)$/;
const PAT_EXPECT = /^expect\s+(ordered|fail|warn|no_warn|info|no_info)(?:\s+(regex|msg):(.+))?$/;
const PAT_EXPECT_RANGE = /^expect range vector\s+from\s+(.+)\s+to\s+(.+)\s+step\s+(.+)$/;
const RANGE_VECTOR_PREFIX = 'expect range vector';
const EXPECT_STRING_PREFIX = 'expect string';

/** The lines of a script as the harness sees them, with what is needed to place errors. */
class Lines {
  readonly file: string | undefined;
  readonly lines: string[];
  private readonly indent: number[];

  constructor(text: string, file: string | undefined) {
    this.file = file;
    const raw = text.split('\n');
    this.indent = raw.map((l) => l.length - l.trimStart().length);
    this.lines = raw.map((l) => {
      const trimmed = l.trim();
      return trimmed.startsWith('#') ? '' : trimmed;
    });
  }

  /** A ParseError at 0-based line `i`, `offset` characters into its trimmed text. */
  error(i: number, reason: string, offset = 0): ParseError {
    const position = { line: i + 1, column: (this.indent[i] ?? 0) + offset + 1 };
    return new ParseError(
      reason,
      this.file === undefined ? position : { file: this.file, ...position },
    );
  }

  position(i: number): { file?: string; line: number; column: number } {
    const position = { line: i + 1, column: (this.indent[i] ?? 0) + 1 };
    return this.file === undefined ? position : { file: this.file, ...position };
  }
}

/**
 * Parses a promqltest script.
 *
 * @example parseScript('load 1m\n  up 1 2\n\neval instant at 1m up\n  up 2\n')
 * @throws ParseError (`file:line:col: reason`) for anything the harness would reject.
 */
export function parseScript(text: string, file?: string): Script {
  const lines = new Lines(text, file);
  const commands: Command[] = [];
  for (let i = 0; i < lines.lines.length; i++) {
    const line = lines.lines[i] as string;
    if (line === '') continue;
    const word = (line.split(PAT_SPACE)[0] as string).toLowerCase();
    let parsed: [number, Command];
    if (word === 'clear') parsed = [i, { kind: 'clear', line: i + 1 }];
    else if (word.startsWith('load')) parsed = parseLoad(lines, i);
    else if (word.startsWith('eval')) parsed = parseEval(lines, i);
    else throw lines.error(i, `invalid command ${JSON.stringify(line)}`);
    i = parsed[0];
    commands.push(parsed[1]);
  }
  return { file, commands };
}

function parseLoad(lines: Lines, start: number): [number, LoadCommand] {
  const header = PAT_LOAD.exec(lines.lines[start] as string);
  if (header === null)
    throw lines.error(start, 'invalid load command. (load[_with_nhcb] <step:duration>)');
  const stepText = header[2] as string;
  const stepMs = parseDuration(stepText);
  if (stepMs === undefined)
    throw lines.error(start, `invalid step definition ${JSON.stringify(stepText)}`);
  const series = new Map<string, LoadSeries>();
  let pending: { line: number; key: string; offsets: (number | null)[] } | undefined;
  let i = start;
  while (i + 1 < lines.lines.length && lines.lines[i + 1] !== '') {
    i++;
    const text = lines.lines[i] as string;
    if (isStartTimestampLine(text)) {
      if (pending !== undefined)
        throw lines.error(pending.line, '@st line has no following sample line');
      const space = text.search(/[ \t]/);
      const offsets = parseStartOffsets(text.slice(space + 1));
      if (typeof offsets === 'string') throw lines.error(i, `invalid @st sequence: ${offsets}`);
      const metric = text.slice(0, space - '@st'.length);
      // A bare `@st` line sets defaults that drygate, without start timestamps, ignores.
      if (metric === '') continue;
      const labels = parseSeriesDescription(`${metric} _`, { position: lines.position(i) }).labels;
      pending = { line: i, key: labelsKey(labels), offsets };
      continue;
    }
    const desc = parseSeriesDescription(text, { position: lines.position(i), histograms: 'keep' });
    const key = labelsKey(desc.labels);
    const entry: LoadSeries = { line: i + 1, labels: desc.labels, values: desc.values };
    if (pending !== undefined) {
      if (pending.key !== key)
        throw lines.error(
          pending.line,
          '@st metric does not match the following sample line metric',
        );
      if (pending.offsets.length !== desc.values.length)
        throw lines.error(
          pending.line,
          `@st line has ${pending.offsets.length} values but sample line has ${desc.values.length}`,
        );
      series.set(key, { ...entry, startOffsets: pending.offsets });
      pending = undefined;
    } else {
      series.set(key, entry);
    }
  }
  if (pending !== undefined)
    throw lines.error(pending.line, '@st line has no following sample line');
  const cmd: LoadCommand = {
    kind: 'load',
    line: start + 1,
    stepMs,
    withNhcb: header[1] === 'with_nhcb',
    series: [...series.values()],
  };
  return [i, cmd];
}

/** Go `regexp.Compile` for an unanchored pattern, as a JavaScript RegExp. */
function compileRegex(pattern: string): RegExp | undefined {
  try {
    const { pattern: source, flags } = translateRe2(pattern);
    const f = flags.replace('s', '');
    try {
      return new RegExp(source, `${f}u`);
    } catch {
      return new RegExp(source, f);
    }
  } catch {
    return undefined;
  }
}

function parseExpect(line: string): [ExpectType, Expectation] | string {
  const m = PAT_EXPECT.exec(line.trim());
  if (m === null)
    return 'invalid expect statement, must match `expect <type> <match_type>: <string>` format';
  const type = m[1] as ExpectType;
  if (m[2] === undefined) return [type, { match: 'any' }];
  const text = (m[3] as string).trim();
  if (m[2] === 'msg') return [type, { match: 'msg', text }];
  const regex = compileRegex(text);
  if (regex === undefined) return `invalid regex ${text} for ${type}`;
  return [type, { match: 'regex', text, regex }];
}

function parseEval(lines: Lines, start: number): [number, EvalCommand] {
  const header = lines.lines[start] as string;
  const instant = PAT_EVAL_INSTANT.exec(header);
  const range = instant === null ? PAT_EVAL_RANGE.exec(header) : null;
  if (instant === null && range === null)
    throw lines.error(
      start,
      "invalid evaluation command. Must be either 'eval[_fail|_warn|_ordered] instant [at <offset:duration>] <query>' or 'eval[_fail|_warn] range from <from> to <to> step <step> <query>'",
    );
  const mod = (instant ?? range)?.[1];
  const expr = (instant !== null ? instant[3] : range?.[5]) as string;
  const exprColumn = header.indexOf(expr);
  const fail = (reason: string, i = start): ParseError =>
    lines.error(i, `error in eval ${expr} (line ${start + 1}): ${reason}`);

  const cmd = {
    kind: 'eval' as const,
    line: start + 1,
    expr,
    exprColumn: exprColumn + 1 + (lines.position(start).column - 1),
    range: range !== null,
    evalMs: 0,
    startMs: 0,
    endMs: null as number | null,
    stepMs: 0,
    legacy: {
      fail: mod === 'fail',
      warn: mod === 'warn',
      info: mod === 'info',
      ordered: mod === 'ordered',
    },
    expectedFailMessage: null as string | null,
    expectedFailRegexp: null as RegExp | null,
    expects: Object.fromEntries(EXPECT_TYPES.map((t) => [t, [] as Expectation[]])) as Record<
      ExpectType,
      Expectation[]
    >,
    scalar: null as EvalCommand['scalar'],
    expected: [] as ExpectedSeries[],
    expectedString: '',
    expectRangeVector: false,
    excludeFromRangeQuery: false,
  };

  if (instant !== null) {
    const at = instant[2] ?? '';
    const ms = parseDuration(at);
    if (ms === undefined) throw fail(`invalid timestamp definition ${JSON.stringify(at)}`);
    cmd.evalMs = cmd.startMs = ms;
  } else {
    const [from, to, step] = parseRange(range?.[2] ?? '', range?.[3] ?? '', range?.[4] ?? '', (r) =>
      fail(r),
    );
    cmd.startMs = cmd.evalMs = from;
    cmd.endMs = to;
    cmd.stepMs = step;
  }

  const expected = new Map<string, ExpectedSeries>();
  let i = start;
  for (let j = 1; i + 1 < lines.lines.length; j++) {
    i++;
    const line = lines.lines[i] as string;
    if (line === '') {
      i--;
      break;
    }
    if (cmd.legacy.fail && line.startsWith('expected_fail_message')) {
      cmd.expectedFailMessage = line.slice('expected_fail_message'.length).trim();
      break;
    }
    if (cmd.legacy.fail && line.startsWith('expected_fail_regexp')) {
      const pattern = line.slice('expected_fail_regexp'.length).trim();
      const regex = compileRegex(pattern);
      if (regex === undefined)
        throw fail(`invalid regexp '${pattern}' for expected_fail_regexp`, i);
      cmd.expectedFailRegexp = regex;
      break;
    }
    if (line.startsWith(RANGE_VECTOR_PREFIX)) {
      const m = PAT_EXPECT_RANGE.exec(line);
      if (m === null) throw fail(`invalid range vector definition ${JSON.stringify(line)}`, i);
      const [from, to, step] = parseRange(m[1] as string, m[2] as string, m[3] as string, (r) =>
        fail(r, i),
      );
      Object.assign(cmd, { startMs: from, endMs: to, stepMs: step, evalMs: to });
      cmd.expectRangeVector = true;
      cmd.excludeFromRangeQuery = true;
      continue;
    }
    if (line.startsWith(EXPECT_STRING_PREFIX)) {
      const literal = line === EXPECT_STRING_PREFIX ? '' : line.replace(/^expect string /, '');
      if (literal === '')
        throw fail('expected string literal not valid - a quoted string literal is required', i);
      const result = unquoteGoString(literal);
      if ('error' in result)
        throw fail(
          'expected string literal not valid - check that the string is correctly quoted',
          i,
        );
      cmd.expectedString = result.value;
      cmd.excludeFromRangeQuery = true;
      continue;
    }
    if (line.split(' ')[0] === 'expect') {
      const parsed = parseExpect(line);
      if (typeof parsed === 'string') throw fail(parsed, i);
      cmd.expects[parsed[0]].push(parsed[1]);
      j--;
      const conflict = validateExpects(cmd.expects);
      if (conflict !== undefined) throw fail(conflict, i);
      continue;
    }
    const number = parseGoNumber(line);
    if (number !== undefined) {
      cmd.scalar = { kind: 'float', f: number };
      break;
    }
    const desc = parseSeriesDescription(line, { position: lines.position(i), histograms: 'keep' });
    if (desc.values.length > 1 && !cmd.range && !cmd.expectRangeVector)
      throw fail(
        "expecting multiple values in instant evaluation not allowed. consider using 'expect range vector' directive to enable a range vector result for an instant query",
        i,
      );
    expected.set(labelsKey(desc.labels), {
      labels: desc.labels,
      values: desc.values,
      pos: j,
      line: i + 1,
    });
  }
  cmd.expected = [...expected.values()];
  return [i, cmd];
}

function validateExpects(
  expects: Readonly<Record<ExpectType, readonly Expectation[]>>,
): string | undefined {
  if (expects.info.length > 0 && expects.no_info.length > 0)
    return 'invalid expect lines, info and no_info cannot be used together';
  if (expects.warn.length > 0 && expects.no_warn.length > 0)
    return 'invalid expect lines, warn and no_warn cannot be used together';
  if (expects.fail.length > 1)
    return 'invalid expect lines, multiple expect fail lines are not allowed';
  return undefined;
}

function parseRange(
  from: string,
  to: string,
  step: string,
  fail: (reason: string) => ParseError,
): [number, number, number] {
  const start = parseDuration(from);
  if (start === undefined) throw fail(`invalid start timestamp definition ${JSON.stringify(from)}`);
  const end = parseDuration(to);
  if (end === undefined) throw fail(`invalid end timestamp definition ${JSON.stringify(to)}`);
  if (end < start)
    throw fail(
      `invalid test definition, end timestamp (${to}) is before start timestamp (${from})`,
    );
  const stepMs = parseDuration(step);
  if (stepMs === undefined) throw fail(`invalid step definition ${JSON.stringify(step)}`);
  return [start, end, stepMs];
}
