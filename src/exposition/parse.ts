/**
 * A strict parser for the Prometheus text format 0.0.4 and the OpenMetrics text subset that
 * timestamped dumps use. It scans the input once, character by character, and throws a
 * {@link ParseError} naming line and column for anything the reference parsers reject.
 *
 * @module
 */
import { ParseError } from '../errors.js';
import type { Label, Labels } from '../model/labels.js';
import { parseFloatStrict } from './float.js';
import type { ExpositionFormat, ExpositionSample, MetricFamily, MetricType } from './types.js';

export interface ParseOptions {
  /** Default `auto`: OpenMetrics when the input ends with `# EOF`, else the text format. */
  readonly format?: ExpositionFormat | 'auto';
  /** Named in error messages. */
  readonly file?: string;
}

interface FamilyBuilder {
  name: string;
  help: string | undefined;
  type: MetricType;
  typeDeclared: boolean;
  unit: string | undefined;
  samples: ExpositionSample[];
}

const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HASH = 0x23;

const TEXT_TYPES: ReadonlySet<string> = new Set([
  'counter',
  'gauge',
  'histogram',
  'summary',
  'untyped',
]);
const OPENMETRICS_TYPES: ReadonlyMap<string, MetricType> = new Map([
  ['counter', 'counter'],
  ['gauge', 'gauge'],
  ['histogram', 'histogram'],
  ['summary', 'summary'],
  ['unknown', 'untyped'],
]);
const OPENMETRICS_UNSUPPORTED = new Set(['gaugehistogram', 'info', 'stateset']);

/** Samples of these types may carry these suffixes after the family name. */
const SUFFIXES: Readonly<Record<ExpositionFormat, readonly [string, readonly MetricType[]][]>> = {
  text: [
    ['_bucket', ['histogram']],
    ['_sum', ['histogram', 'summary']],
    ['_count', ['histogram', 'summary']],
  ],
  openmetrics: [
    ['_bucket', ['histogram']],
    ['_sum', ['histogram', 'summary']],
    ['_count', ['histogram', 'summary']],
    ['_total', ['counter']],
    ['_created', ['histogram', 'summary', 'counter']],
  ],
};

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39);
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** Detects the format of an input: OpenMetrics ends with a `# EOF` line. */
export function detectFormat(input: string): ExpositionFormat {
  // Only the tail matters; a regex over a whole 100 MB dump would cost a noticeable time.
  return /(^|\n)# EOF\n?$/.test(input.slice(-8)) ? 'openmetrics' : 'text';
}

/**
 * Parses an exposition into metric families, in order of first appearance.
 *
 * @example
 * parseExposition('# TYPE up gauge\nup{job="a"} 1\n')
 * // [{ name: 'up', type: 'gauge', samples: [{ name: 'up', labels: [{name:'job',value:'a'}], value: 1 }] }]
 */
export function parseExposition(input: string, options: ParseOptions = {}): MetricFamily[] {
  const format =
    options.format === undefined || options.format === 'auto'
      ? detectFormat(input)
      : options.format;
  return new ExpositionParser(input, format, options.file).parse();
}

class ExpositionParser {
  private readonly families = new Map<string, FamilyBuilder>();
  private readonly strings = new Map<string, string>();
  private lineNo = 0;
  private lineStart = 0;
  private lineEnd = 0;
  private sawEof = false;
  // Dumps repeat one label set on many consecutive lines; reuse the parsed labels for them.
  private lastRawLabels = '';
  private lastLabels: Labels = [];

  private readonly src: string;
  private readonly format: ExpositionFormat;
  private readonly file: string | undefined;

  constructor(src: string, format: ExpositionFormat, file: string | undefined) {
    this.src = src;
    this.format = format;
    this.file = file;
  }

  parse(): MetricFamily[] {
    const src = this.src;
    let pos = 0;
    while (pos < src.length) {
      let end = src.indexOf('\n', pos);
      if (end < 0) end = src.length;
      this.lineNo++;
      this.lineStart = pos;
      this.lineEnd = end;
      this.parseLine();
      pos = end + 1;
    }
    if (this.format === 'openmetrics' && !this.sawEof) {
      this.lineNo++;
      this.lineStart = this.lineEnd = src.length;
      this.fail(this.lineStart, 'expected "# EOF" at the end of OpenMetrics input');
    }
    return [...this.families.values()].map(finishFamily);
  }

  /**
   * One fresh copy per distinct name or label value. V8 keeps longer substrings as slices of
   * their source, so without this a loaded dump would pin the whole input text in memory.
   */
  private intern(text: string): string {
    let copy = this.strings.get(text);
    if (copy === undefined) {
      copy = text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
      this.strings.set(copy, copy);
    }
    return copy;
  }

  private fail(at: number, reason: string): never {
    const position =
      this.file === undefined
        ? { line: this.lineNo, column: at - this.lineStart + 1 }
        : { file: this.file, line: this.lineNo, column: at - this.lineStart + 1 };
    throw new ParseError(reason, position);
  }

  private describe(at: number): string {
    if (at >= this.lineEnd) return 'end of line';
    const c = this.src.charCodeAt(at);
    if (c < 0x20 || c === 0x7f)
      return `character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    return JSON.stringify(this.src[at]);
  }

  private skipBlanks(at: number): number {
    while (at < this.lineEnd && isBlank(this.src.charCodeAt(at))) at++;
    return at;
  }

  private parseLine(): void {
    const src = this.src;
    if (this.sawEof) {
      // Only a final newline may follow "# EOF".
      if (this.lineStart === this.lineEnd && this.lineEnd === src.length) return;
      this.fail(this.lineStart, 'unexpected content after "# EOF"');
    }
    if (this.format === 'openmetrics') {
      if (this.lineStart === this.lineEnd)
        this.fail(this.lineStart, 'empty lines are not allowed in OpenMetrics');
      if (src.charCodeAt(this.lineStart) === HASH) return this.parseComment(this.lineStart);
      return this.parseSample(this.lineStart);
    }
    const at = this.skipBlanks(this.lineStart);
    if (at === this.lineEnd) return;
    if (src.charCodeAt(at) === HASH) return this.parseComment(at);
    this.parseSample(at);
  }

  private readToken(at: number): number {
    while (at < this.lineEnd && !isBlank(this.src.charCodeAt(at))) at++;
    return at;
  }

  private readMetricName(at: number, what: string): number {
    const src = this.src;
    const first = src.charCodeAt(at);
    if (at >= this.lineEnd || !(isNameStart(first) || first === 0x3a)) {
      this.fail(at, `expected ${what}, got ${this.describe(at)}`);
    }
    let end = at + 1;
    while (end < this.lineEnd) {
      const c = src.charCodeAt(end);
      if (!(isNameChar(c) || c === 0x3a)) break;
      end++;
    }
    return end;
  }

  private parseComment(hashAt: number): void {
    const src = this.src;
    const om = this.format === 'openmetrics';
    let at = hashAt + 1;
    if (om) {
      if (src.slice(hashAt, this.lineEnd) === '# EOF') {
        this.sawEof = true;
        return;
      }
      if (src.charCodeAt(at) !== SPACE) this.fail(at, 'expected a space after "#"');
      at++;
    } else {
      at = this.skipBlanks(at);
    }
    const keywordEnd = this.readToken(at);
    const keyword = src.slice(at, keywordEnd);
    if (keyword !== 'HELP' && keyword !== 'TYPE' && keyword !== 'UNIT') {
      if (om)
        this.fail(at, `expected HELP, TYPE, UNIT or EOF after "#", got ${JSON.stringify(keyword)}`);
      return; // a plain comment
    }
    if (keyword === 'UNIT' && !om) return; // not a keyword in the text format
    if (keywordEnd >= this.lineEnd)
      this.fail(keywordEnd, `expected a metric name after ${keyword}`);
    const nameAt = this.skipBlanks(keywordEnd);
    const nameEnd = this.readMetricName(nameAt, `a metric name after ${keyword}`);
    const name = src.slice(nameAt, nameEnd);
    if (nameEnd < this.lineEnd && !isBlank(src.charCodeAt(nameEnd))) {
      this.fail(nameEnd, `unexpected ${this.describe(nameEnd)} in metric name`);
    }
    const restAt = nameEnd < this.lineEnd ? nameEnd + 1 : nameEnd;
    switch (keyword) {
      case 'HELP':
        return this.declareHelp(
          name,
          nameAt,
          this.unescape(om ? restAt : this.skipBlanks(restAt), 'help'),
        );
      case 'TYPE':
        return this.declareType(name, nameAt, this.skipBlanks(restAt));
      case 'UNIT':
        return this.declareUnit(name, nameAt, restAt);
    }
  }

  /** The family a HELP, TYPE or UNIT line describes. Go's parser allows HELP after samples; the others not. */
  private familyForMetadata(
    name: string,
    at: number,
    what: 'HELP' | 'TYPE' | 'UNIT',
  ): FamilyBuilder {
    let family = this.families.get(name);
    if (family === undefined) {
      family = newFamily(name);
      this.families.set(name, family);
    } else if (what !== 'HELP' && family.samples.length > 0) {
      this.fail(at, `${what} for metric ${name} after its samples`);
    }
    return family;
  }

  private declareHelp(name: string, at: number, help: string): void {
    const family = this.familyForMetadata(name, at, 'HELP');
    if (family.help !== undefined) this.fail(at, `second HELP line for metric ${name}`);
    family.help = help;
  }

  private declareType(name: string, nameAt: number, at: number): void {
    const end = this.readToken(at);
    const word = this.src.slice(at, end);
    let type: MetricType | undefined;
    if (this.format === 'openmetrics') {
      if (OPENMETRICS_UNSUPPORTED.has(word))
        this.fail(at, `OpenMetrics type ${word} is not supported`);
      type = OPENMETRICS_TYPES.get(word);
      if (type === undefined)
        this.fail(
          at,
          `expected counter, gauge, histogram, summary or unknown, got ${JSON.stringify(word)}`,
        );
    } else {
      if (!TEXT_TYPES.has(word))
        this.fail(
          at,
          `expected counter, gauge, histogram, summary or untyped, got ${JSON.stringify(word)}`,
        );
      type = word as MetricType;
    }
    const after = this.skipBlanks(end);
    if (after < this.lineEnd) this.fail(after, `unexpected ${this.describe(after)} after the type`);
    const family = this.familyForMetadata(name, nameAt, 'TYPE');
    if (family.typeDeclared) this.fail(nameAt, `second TYPE line for metric ${name}`);
    family.type = type;
    family.typeDeclared = true;
  }

  private declareUnit(name: string, nameAt: number, at: number): void {
    const unit = this.src.slice(at, this.lineEnd);
    if (unit !== '' && !name.endsWith(`_${unit}`)) {
      this.fail(at, `unit ${JSON.stringify(unit)} is not a suffix of metric ${name}`);
    }
    const family = this.familyForMetadata(name, nameAt, 'UNIT');
    if (family.unit !== undefined) this.fail(nameAt, `second UNIT line for metric ${name}`);
    family.unit = unit;
  }

  /** Reads from `at` to the end of the line (help) or to the closing quote (label value). */
  private unescape(at: number, kind: 'help'): string {
    const src = this.src;
    const end = this.lineEnd;
    let start = at;
    let out = '';
    for (let i = at; i < end; i++) {
      if (src.charCodeAt(i) !== BACKSLASH) continue;
      out += src.slice(start, i);
      const next = src.charCodeAt(i + 1);
      if (i + 1 < end && next === BACKSLASH) out += '\\';
      else if (i + 1 < end && next === 0x6e) out += '\n';
      else if (i + 1 < end && next === QUOTE && this.format === 'openmetrics') out += '"';
      else this.fail(i, `invalid escape sequence in ${kind} text`);
      i++;
      start = i + 1;
    }
    return out + src.slice(start, end);
  }

  private parseSample(at: number): void {
    const src = this.src;
    const nameEnd = this.readMetricName(at, 'a metric name');
    const name = this.intern(src.slice(at, nameEnd));
    let next = this.format === 'openmetrics' ? nameEnd : this.skipBlanks(nameEnd);
    let labels: Labels = [];
    if (next < this.lineEnd && src.charCodeAt(next) === 0x7b) {
      const [parsed, after] = this.parseLabels(next);
      labels = parsed;
      next = after;
    }
    if (next >= this.lineEnd || !isBlank(src.charCodeAt(next))) {
      if (next >= this.lineEnd || this.format === 'openmetrics' || next === nameEnd) {
        this.fail(
          next,
          `expected a space and a value after the metric, got ${this.describe(next)}`,
        );
      }
    }
    const valueAt = this.format === 'openmetrics' ? next + 1 : this.skipBlanks(next);
    const valueEnd = this.readToken(valueAt);
    if (valueEnd === valueAt) this.fail(valueAt, `expected a value, got ${this.describe(valueAt)}`);
    const value = parseFloatStrict(src.slice(valueAt, valueEnd));
    if (value === undefined)
      this.fail(
        valueAt,
        `expected a float value, got ${JSON.stringify(src.slice(valueAt, valueEnd))}`,
      );
    let timestampMs: number | undefined;
    let rest = this.skipBlanks(valueEnd);
    if (rest < this.lineEnd && src.charCodeAt(rest) !== HASH) {
      const tsEnd = this.readToken(rest);
      timestampMs = this.parseTimestamp(rest, src.slice(rest, tsEnd));
      rest = this.skipBlanks(tsEnd);
    }
    if (rest < this.lineEnd) {
      if (this.format === 'openmetrics' && src.charCodeAt(rest) === HASH) this.skipExemplar(rest);
      else
        this.fail(
          rest,
          `unexpected ${this.describe(rest)} after the ${timestampMs === undefined ? 'value' : 'timestamp'}`,
        );
    }
    const family = this.familyForSample(name, at);
    this.checkSpecialLabels(family, name, labels, at);
    const sample: ExpositionSample =
      timestampMs === undefined ? { name, labels, value } : { name, labels, value, timestampMs };
    family.samples.push(sample);
  }

  private parseTimestamp(at: number, text: string): number {
    if (this.format === 'openmetrics') {
      const seconds = parseFloatStrict(text);
      if (seconds === undefined || !Number.isFinite(seconds)) {
        this.fail(at, `expected a timestamp in seconds, got ${JSON.stringify(text)}`);
      }
      return Math.round(seconds * 1000);
    }
    if (!/^-?\d+$/.test(text))
      this.fail(at, `expected a timestamp in integer milliseconds, got ${JSON.stringify(text)}`);
    const ms = Number(text);
    if (!Number.isSafeInteger(ms)) this.fail(at, `timestamp ${text} is out of range`);
    return ms;
  }

  /** OpenMetrics exemplars (`# {trace_id="x"} 1 1.5`) are validated and dropped. */
  private skipExemplar(hashAt: number): void {
    const src = this.src;
    if (src.charCodeAt(hashAt + 1) !== SPACE || src.charCodeAt(hashAt + 2) !== 0x7b) {
      this.fail(hashAt, 'expected an exemplar " # {labels} value"');
    }
    const [, after] = this.parseLabels(hashAt + 2);
    if (after >= this.lineEnd || src.charCodeAt(after) !== SPACE)
      this.fail(after, 'expected a space and the exemplar value');
    const valueEnd = this.readToken(after + 1);
    if (parseFloatStrict(src.slice(after + 1, valueEnd)) === undefined)
      this.fail(after + 1, 'expected the exemplar value');
    if (valueEnd < this.lineEnd) {
      const tsEnd = this.readToken(valueEnd + 1);
      if (
        parseFloatStrict(src.slice(valueEnd + 1, tsEnd)) === undefined ||
        tsEnd !== this.lineEnd
      ) {
        this.fail(valueEnd + 1, 'expected the exemplar timestamp at the end of the line');
      }
    }
  }

  /** Parses `{name="value",...}` starting at the brace; returns the labels and the index after `}`. */
  private parseLabels(braceAt: number): [Labels, number] {
    const rawEnd = this.findLabelsEnd(braceAt);
    const raw = this.src.slice(braceAt, rawEnd);
    if (raw === this.lastRawLabels) return [this.lastLabels, rawEnd];
    const labels = this.parseLabelList(braceAt);
    this.lastRawLabels = raw;
    this.lastLabels = labels;
    return [labels, rawEnd];
  }

  /** A quick scan for the closing brace, honouring quotes; errors are found by the full parse. */
  private findLabelsEnd(braceAt: number): number {
    const src = this.src;
    let inQuotes = false;
    for (let i = braceAt + 1; i < this.lineEnd; i++) {
      const c = src.charCodeAt(i);
      if (inQuotes) {
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) inQuotes = false;
      } else if (c === QUOTE) inQuotes = true;
      else if (c === 0x7d) return i + 1;
    }
    return this.lineEnd; // unterminated: the full parse reports where
  }

  private parseLabelList(braceAt: number): Labels {
    const src = this.src;
    const om = this.format === 'openmetrics';
    const labels: Label[] = [];
    const names: string[] = [];
    let at = braceAt + 1;
    for (;;) {
      if (!om) at = this.skipBlanks(at);
      if (src.charCodeAt(at) === 0x7d && at < this.lineEnd) break;
      const nameAt = at;
      if (at >= this.lineEnd || !isNameStart(src.charCodeAt(at))) {
        this.fail(at, `expected a label name or "}", got ${this.describe(at)}`);
      }
      while (at < this.lineEnd && isNameChar(src.charCodeAt(at))) at++;
      const labelName = src.slice(nameAt, at);
      if (!om) at = this.skipBlanks(at);
      if (src.charCodeAt(at) !== 0x3d || at >= this.lineEnd)
        this.fail(at, `expected "=" after label name ${labelName}, got ${this.describe(at)}`);
      at++;
      if (!om) at = this.skipBlanks(at);
      if (src.charCodeAt(at) !== QUOTE || at >= this.lineEnd)
        this.fail(at, `expected a quoted label value, got ${this.describe(at)}`);
      const [value, afterValue] = this.readQuoted(at + 1);
      at = afterValue;
      if (names.includes(labelName)) this.fail(nameAt, `duplicate label name ${labelName}`);
      names.push(labelName);
      if (value !== '') labels.push({ name: this.intern(labelName), value: this.intern(value) });
      if (!om) at = this.skipBlanks(at);
      const c = src.charCodeAt(at);
      if (at < this.lineEnd && c === 0x2c) {
        at++;
        continue;
      }
      if (at < this.lineEnd && c === 0x7d) break;
      this.fail(at, `expected "," or "}" after a label value, got ${this.describe(at)}`);
    }
    labels.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return labels;
  }

  /** Reads a label value after its opening quote; returns the value and the index after the closing quote. */
  private readQuoted(at: number): [string, number] {
    const src = this.src;
    let start = at;
    let out = '';
    for (let i = at; i < this.lineEnd; i++) {
      const c = src.charCodeAt(i);
      if (c === QUOTE) return [out + src.slice(start, i), i + 1];
      if (c !== BACKSLASH) continue;
      out += src.slice(start, i);
      const next = src.charCodeAt(i + 1);
      if (i + 1 >= this.lineEnd) break;
      if (next === BACKSLASH) out += '\\';
      else if (next === QUOTE) out += '"';
      else if (next === 0x6e) out += '\n';
      else this.fail(i, 'invalid escape sequence in label value (expected \\\\, \\" or \\n)');
      i++;
      start = i + 1;
    }
    return this.fail(this.lineEnd, 'unterminated label value: expected a closing double quote');
  }

  private familyForSample(name: string, at: number): FamilyBuilder {
    const exact = this.families.get(name);
    if (exact !== undefined) {
      const t = exact.type;
      const needsSuffix = t === 'histogram' || (this.format === 'openmetrics' && t === 'counter');
      if (needsSuffix) {
        const expected =
          t === 'histogram' ? `${name}_bucket, ${name}_sum or ${name}_count` : `${name}_total`;
        this.fail(at, `sample ${name} does not fit ${t} ${name}: expected ${expected}`);
      }
      return exact;
    }
    for (const [suffix, types] of SUFFIXES[this.format]) {
      if (!name.endsWith(suffix)) continue;
      const base = this.families.get(name.slice(0, -suffix.length));
      if (base !== undefined && types.includes(base.type)) return base;
    }
    const family = newFamily(name);
    this.families.set(name, family);
    return family;
  }

  private checkSpecialLabels(
    family: FamilyBuilder,
    name: string,
    labels: Labels,
    at: number,
  ): void {
    let special: string | undefined;
    if (family.type === 'histogram' && name === `${family.name}_bucket`) special = 'le';
    else if (family.type === 'summary' && name === family.name) special = 'quantile';
    if (special === undefined) return;
    const label = labels.find((l) => l.name === special);
    if (label === undefined)
      this.fail(at, `${family.type} sample ${name} needs a "${special}" label`);
    if (parseFloatStrict(label.value) === undefined) {
      this.fail(at, `label ${special}="${label.value}" of ${name} is not a number`);
    }
  }
}

function newFamily(name: string): FamilyBuilder {
  return {
    name,
    help: undefined,
    type: 'untyped',
    typeDeclared: false,
    unit: undefined,
    samples: [],
  };
}

function finishFamily(b: FamilyBuilder): MetricFamily {
  return {
    name: b.name,
    type: b.type,
    ...(b.help === undefined ? {} : { help: b.help }),
    ...(b.unit === undefined ? {} : { unit: b.unit }),
    samples: b.samples,
  };
}
