/**
 * The series-description notation of Prometheus's test formats (the `series_description` rule
 * of the PromQL grammar and its lexer's value-sequence mode): a label part, then value items
 * separated by spaces or tabs. The token rules follow Prometheus's lexer, because they decide
 * odd cases: `0x5` is `0` repeated, `stalex3` is one bad word, `1e3` is a number.
 *
 * @module
 */
import { ParseError, type SourcePosition } from '../../errors.js';
import { type Label, type Labels, sortLabels } from '../../model/labels.js';
import { parseGoNumber } from './numbers.js';
import { unquotePromqlString } from './strings.js';
import { tokenizeValues, type Token } from './tokens.js';
import {
  DEFAULT_MAX_VALUES,
  NativeHistogramError,
  type SequenceValue,
  type SeriesDescription,
  type SeriesParseOptions,
} from './types.js';

/** Reads one text; offsets are UTF-16 indexes into it, positions add the caller's start. */
class Reader {
  readonly text: string;
  pos = 0;
  private readonly origin: SourcePosition;
  private readonly options: SeriesParseOptions;

  constructor(text: string, options: SeriesParseOptions) {
    this.text = text;
    this.origin = options.position ?? { line: 1, column: 1 };
    this.options = options;
  }

  at(offset: number): SourcePosition {
    const { file, line, column } = this.origin;
    return file === undefined
      ? { line, column: column + offset }
      : { file, line, column: column + offset };
  }

  fail(reason: string, offset = this.pos): never {
    throw new ParseError(reason, this.at(offset));
  }

  get keepHistograms(): boolean {
    return this.options.histograms === 'keep';
  }

  get maxValues(): number {
    return this.options.maxValues ?? DEFAULT_MAX_VALUES;
  }

  skipSpaces(): void {
    while (/[ \t\r\n]/.test(this.text[this.pos] ?? '')) this.pos++;
  }
}

const METRIC_START = /[a-zA-Z_:]/;
const METRIC_WORD = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const LABEL_WORD = /[a-zA-Z_][a-zA-Z0-9_]*/y;

/**
 * Parses `labels values...`, as in a promqltest `load` line or expected-result line.
 *
 * @example parseSeriesDescription('up{job="a"} 1+1x2') // values 1, 2, 3
 * @throws ParseError with line:col; NativeHistogramError for `{{` unless `histograms: 'keep'`.
 */
export function parseSeriesDescription(
  text: string,
  options: SeriesParseOptions = {},
): SeriesDescription {
  const reader = new Reader(text, options);
  const labels = readLabelPart(reader);
  const next = reader.text[reader.pos];
  if (next !== undefined && !/[ \t\r\n]/.test(next))
    reader.fail(`unexpected character after the labels: ${JSON.stringify(next)}`);
  return { labels, values: readValues(reader, true) };
}

/** Parses only a label part (promtool's `series:` field), with nothing after it. */
export function parseSeriesLabels(text: string, options: SeriesParseOptions = {}): Labels {
  const reader = new Reader(text, options);
  reader.skipSpaces();
  const labels = readLabelPart(reader);
  reader.skipSpaces();
  if (reader.pos < text.length)
    reader.fail(`unexpected text after the labels: ${JSON.stringify(text.slice(reader.pos))}`);
  return labels;
}

/** Parses only value items (promtool's `values:` field). */
export function parseSeriesValues(
  text: string,
  options: SeriesParseOptions = {},
): readonly SequenceValue[] {
  return readValues(new Reader(text, options), false);
}

function readLabelPart(reader: Reader): Labels {
  const labels: Label[] = [];
  let name: string | undefined;
  const start = reader.pos;
  if (METRIC_START.test(reader.text[reader.pos] ?? '')) {
    METRIC_WORD.lastIndex = reader.pos;
    const word = (METRIC_WORD.exec(reader.text) as RegExpExecArray)[0];
    if (/^(inf|nan)$/i.test(word)) reader.fail(`a number (${word}) is not a metric name`);
    name = word;
    reader.pos += word.length;
  }
  if (reader.text[reader.pos] === '{') {
    const written = readLabelSet(reader, labels);
    if (name === undefined) name = written;
  } else if (name === undefined) {
    reader.fail('expected a metric name or "{"', start);
  }
  const out = labels.filter((l) => l.name !== '__name__');
  if (name !== undefined) out.push({ name: '__name__', value: name });
  else {
    const named = labels.find((l) => l.name === '__name__');
    if (named !== undefined) out.push(named);
  }
  return sortLabels(out);
}

/** Reads `{...}` into `labels`; returns a metric name written as a bare string (`{"a.b"}`). */
function readLabelSet(reader: Reader, labels: Label[]): string | undefined {
  const seen = new Set<string>();
  let metric: string | undefined;
  reader.pos++;
  reader.skipSpaces();
  for (;;) {
    const c = reader.text[reader.pos];
    if (c === '}') {
      reader.pos++;
      return metric;
    }
    const itemStart = reader.pos;
    let labelName: string;
    let quoted = false;
    if (c !== undefined && /[a-zA-Z_]/.test(c)) {
      LABEL_WORD.lastIndex = reader.pos;
      labelName = (LABEL_WORD.exec(reader.text) as RegExpExecArray)[0];
      reader.pos += labelName.length;
    } else if (c === '"' || c === "'" || c === '`') {
      labelName = readString(reader);
      quoted = true;
    } else {
      reader.fail(
        c === undefined
          ? 'unexpected end of input inside braces'
          : `unexpected character inside braces: ${JSON.stringify(c)}`,
      );
    }
    reader.skipSpaces();
    if (reader.text[reader.pos] === '=') {
      reader.pos++;
      reader.skipSpaces();
      const q = reader.text[reader.pos];
      if (q !== '"' && q !== "'" && q !== '`')
        reader.fail(`expected a quoted label value for ${JSON.stringify(labelName)}`);
      const value = readString(reader);
      if (seen.has(labelName))
        reader.fail(`duplicate label name ${JSON.stringify(labelName)}`, itemStart);
      seen.add(labelName);
      labels.push({ name: labelName, value });
    } else if (quoted) {
      metric = labelName;
    } else {
      reader.fail(`expected "=" after label name ${JSON.stringify(labelName)}`);
    }
    reader.skipSpaces();
    if (reader.text[reader.pos] === ',') {
      reader.pos++;
      reader.skipSpaces();
    } else if (reader.text[reader.pos] !== '}') {
      reader.fail('expected "," or "}" in the label set');
    }
  }
}

/** Reads a quoted string at the reader's position and unquotes it. */
function readString(reader: Reader): string {
  const start = reader.pos;
  const quote = reader.text[start] as string;
  let i = start + 1;
  for (;;) {
    const c = reader.text[i];
    if (c === undefined || (c === '\n' && quote !== '`'))
      reader.fail('unterminated quoted string', start);
    if (c === '\\' && quote !== '`') i += 2;
    else if (c === quote) break;
    else i++;
  }
  reader.pos = i + 1;
  const result = unquotePromqlString(reader.text.slice(start, i + 1));
  if ('error' in result) reader.fail(result.error, start + result.offset);
  return result.value;
}

function readValues(reader: Reader, afterLabels: boolean): SequenceValue[] {
  const tokens = tokenizeValues(reader.text, reader.pos, (reason, offset) =>
    reader.fail(reason, offset),
  );
  const values: SequenceValue[] = [];
  let i = 0;
  const peek = (k = 0): Token | undefined => tokens[i + k];
  const describe = (t: Token | undefined): string =>
    t === undefined ? 'end of input' : JSON.stringify(t.text);
  const unexpected = (t: Token | undefined, wanted: string): never =>
    reader.fail(
      `unexpected ${describe(t)} in series values, expected ${wanted}`,
      t?.pos ?? reader.text.length,
    );
  const push = (value: SequenceValue, count: number): void => {
    if (values.length + count > reader.maxValues)
      reader.fail(`the series expands to more than ${reader.maxValues} values`);
    for (let k = 0; k < count; k++) values.push(value);
  };
  const repetitions = (): number => {
    const t = peek();
    if (t?.type !== 'NUMBER' || !/^[0-9]+$/.test(t.text))
      return unexpected(t, 'a repetition count');
    i++;
    return Number(t.text);
  };
  const number = (t: Token): number => {
    const n = parseGoNumber(t.text);
    if (n === undefined) reader.fail(`error parsing number: ${JSON.stringify(t.text)}`, t.pos);
    return n;
  };

  let needSpace = afterLabels;
  while (i < tokens.length) {
    const t = peek() as Token;
    if (t.type === 'SPACE') {
      i++;
      needSpace = false;
      continue;
    }
    if (needSpace) unexpected(t, 'a space between values');
    needSpace = true;
    if (t.type === 'BLANK') {
      i++;
      if (peek()?.type === 'TIMES') {
        i++;
        push({ kind: 'omitted' }, repetitions());
      } else push({ kind: 'omitted' }, 1);
    } else if (t.type === 'HIST') {
      if (!reader.keepHistograms) throw new NativeHistogramError(reader.at(t.pos));
      i++;
      let value: SequenceValue = { kind: 'histogram', text: t.text, counterResetHintSet: t.hint };
      let count = 1;
      if (peek()?.type === 'TIMES') {
        i++;
        count = repetitions() + 1;
      } else if (peek()?.type === 'ADD' || peek()?.type === 'SUB') {
        const op = (peek() as Token).text;
        const b = peek(1);
        if (b?.type !== 'HIST') unexpected(b, 'a histogram after the operator');
        i += 2;
        if (peek()?.type !== 'TIMES') unexpected(peek(), '"x" and a repetition count');
        i++;
        count = repetitions() + 1;
        value = {
          kind: 'histogram',
          text: `${t.text}${op}${(b as Token).text}`,
          counterResetHintSet: (b as Token).hint,
        };
      }
      push(value, count);
    } else {
      const first = readSeriesValue();
      if (peek()?.type === 'TIMES') {
        i++;
        push(first, repetitions() + 1);
      } else if ((peek()?.type === 'ADD' || peek()?.type === 'SUB') && peek(1)?.type === 'NUMBER') {
        const sign = (peek() as Token).type === 'SUB' ? -1 : 1;
        const delta = sign * number(peek(1) as Token);
        i += 2;
        if (peek()?.type !== 'TIMES') unexpected(peek(), '"x" and a repetition count');
        i++;
        const n = repetitions();
        if (values.length + n + 1 > reader.maxValues)
          reader.fail(`the series expands to more than ${reader.maxValues} values`);
        // Accumulate as Prometheus does (v += b), so rounding matches its expected values.
        // After `stale` the sums are plain NaN, as Go's arithmetic on the marker gives.
        let v = first.kind === 'float' ? first.f : NaN;
        values.push(first);
        for (let k = 1; k <= n; k++) {
          v += delta;
          values.push({ kind: 'float', f: v });
        }
      } else {
        push(first, 1);
      }
    }
  }
  return values;

  function readSeriesValue(): SequenceValue {
    const t = peek();
    if (t?.type === 'IDENT') {
      if (t.text !== 'stale') unexpected(t, 'a number or "stale"');
      i++;
      return { kind: 'stale' };
    }
    if (t?.type === 'NUMBER') {
      i++;
      return { kind: 'float', f: number(t) };
    }
    if ((t?.type === 'ADD' || t?.type === 'SUB') && peek(1)?.type === 'NUMBER') {
      i += 2;
      const n = number(peek(-1) as Token);
      return { kind: 'float', f: t.type === 'SUB' ? -n : n };
    }
    return unexpected(t, 'a value');
  }
}
