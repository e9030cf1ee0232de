/**
 * Maps offsets in a YAML scalar's value back to offsets in the file, so that a PromQL error at
 * `1:14` of an `expr` is reported at the file line and column where that character was written.
 *
 * YAML changes text on the way in: quotes and escapes go, line breaks fold into spaces, block
 * scalars lose their indentation. Each scalar style is decoded here again while recording where
 * every value character came from. The decoded text is compared with what the `yaml` package
 * produced; when they differ (a corner of the spec we do not model), a greedy alignment is used
 * instead, which is exact for everything but the characters around the difference.
 *
 * @module
 */

/** The scalar styles of the `yaml` package (`Scalar.type`). */
export type ScalarStyle =
  'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

/** A decoded value and, for each of its UTF-16 units, the file offset it came from. */
interface Decoded {
  readonly value: string;
  readonly offsets: readonly number[];
}

/** Turns an offset into the scalar's value into an offset into the file. */
export type OffsetMap = (valueOffset: number) => number;

/**
 * Builds the offset map of one scalar.
 *
 * @param text the whole file
 * @param start where the scalar starts in the file (its opening quote or block indicator)
 * @param end where its value ends (`Scalar.range[1]`)
 * @param style the scalar's style
 * @param value the value the YAML parser produced, used to check the decoding
 * @example scalarOffsetMap('expr: "a + b"', 6, 13, 'QUOTE_DOUBLE', 'a + b')(4) // 11: the `b`
 */
export function scalarOffsetMap(
  text: string,
  start: number,
  end: number,
  style: ScalarStyle,
  value: string,
): OffsetMap {
  const decoded = decodeScalar(text, start, end, style, value);
  const offsets =
    decoded !== undefined && decoded.value === value
      ? decoded.offsets
      : alignGreedily(text, start, end, value);
  // Past the end (an error at "end of input") points just after the last visible character.
  let last = offsets.length - 1;
  while (last >= 0 && /\s/.test(value[last] as string)) last--;
  const after = last >= 0 ? (offsets[last] as number) + 1 : start;
  return (valueOffset) => {
    if (valueOffset < 0) return offsets[0] ?? start;
    return valueOffset < offsets.length ? (offsets[valueOffset] as number) : after;
  };
}

/** Decodes a scalar with its offsets; undefined when the source is not valid for the style. */
export function decodeScalar(
  text: string,
  start: number,
  end: number,
  style: ScalarStyle,
  value: string,
): Decoded | undefined {
  switch (style) {
    case 'PLAIN':
      return foldFlow(text, start, end, 'plain');
    case 'QUOTE_SINGLE':
      return foldFlow(text, start + 1, end - 1, 'single');
    case 'QUOTE_DOUBLE':
      return foldFlow(text, start + 1, end - 1, 'double');
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return decodeBlock(text, start, end, style === 'BLOCK_FOLDED', value);
  }
}

class Builder {
  value = '';
  readonly offsets: number[] = [];

  push(chars: string, at: number): void {
    this.value += chars;
    for (let i = 0; i < chars.length; i++) this.offsets.push(at);
  }
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/** Length of the line break at i (`\r\n` counts as one break). */
function breakLength(text: string, i: number): number {
  return text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * Flow scalars (plain, single- and double-quoted): a line break with the blanks around it
 * becomes one space, or one newline per empty line that follows; blanks before a break go.
 */
function foldFlow(
  text: string,
  from: number,
  to: number,
  quoting: 'plain' | 'single' | 'double',
): Decoded | undefined {
  const out = new Builder();
  let pendingBlanks = '';
  let pendingAt = from;
  const flushBlanks = (): void => {
    for (let k = 0; k < pendingBlanks.length; k++)
      out.push(pendingBlanks[k] as string, pendingAt + k);
    pendingBlanks = '';
  };
  /** Skips a break and the empty lines after it; returns where the next content starts. */
  const skipBreaks = (i: number): number => {
    const breakAt = i;
    i += breakLength(text, i);
    let emptyLines = 0;
    const emptyAt: number[] = [];
    for (;;) {
      while (i < to && isBlank(text[i])) i++;
      if (i < to && isBreak(text[i])) {
        emptyLines++;
        emptyAt.push(i);
        i += breakLength(text, i);
      } else break;
    }
    if (emptyLines === 0) out.push(' ', breakAt);
    for (const at of emptyAt) out.push('\n', at);
    return i;
  };

  let i = from;
  while (i < to) {
    const c = text[i] as string;
    if (isBlank(c)) {
      if (pendingBlanks === '') pendingAt = i;
      pendingBlanks += c;
      i++;
      continue;
    }
    if (isBreak(c)) {
      pendingBlanks = '';
      i = skipBreaks(i);
      continue;
    }
    flushBlanks();
    if (quoting === 'single' && c === "'") {
      if (text[i + 1] !== "'") return undefined;
      out.push("'", i);
      i += 2;
    } else if (quoting === 'double' && c === '\\') {
      const next = text[i + 1];
      if (next === undefined) return undefined;
      if (isBreak(next)) {
        // An escaped break goes with the blanks that start the next line (as the yaml package reads it).
        i += 1 + breakLength(text, i + 1);
        while (i < to && isBlank(text[i])) i++;
        continue;
      }
      const simple = SIMPLE_ESCAPES[next];
      if (simple !== undefined) {
        out.push(simple, i);
        i += 2;
        continue;
      }
      const digits = HEX_ESCAPE_LENGTH[next];
      const hex = digits === undefined ? '' : text.slice(i + 2, i + 2 + digits);
      if (digits === undefined || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits)
        return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return undefined;
      out.push(String.fromCodePoint(code), i);
      i += 2 + digits;
    } else {
      out.push(c, i);
      i++;
    }
  }
  flushBlanks();
  return out;
}

interface BlockLine {
  /** Offset of the line's first character. */
  readonly start: number;
  /** How many spaces it starts with. */
  readonly indent: number;
  /** The rest of the line, with a trailing `\r` of a CRLF break. */
  readonly content: string;
  /** Offset of its line break (the end, for a last line without one). */
  readonly breakAt: number;
}

/**
 * Block scalars (`|`, `>`), with their indentation and chomping indicators. The rules follow
 * the `yaml` package's reading of the spec (the value every rule is built from), including
 * how it keeps more-indented empty lines.
 */
function decodeBlock(
  text: string,
  start: number,
  end: number,
  folded: boolean,
  value: string,
): Decoded | undefined {
  const header = /^[|>]([1-9+-]{0,2})[ \t]*(#[^\r\n]*)?(\r?\n|$)/.exec(text.slice(start, end));
  if (header === null) return undefined;
  const indicators = header[1] ?? '';
  const chomping = indicators.includes('-') ? 'strip' : indicators.includes('+') ? 'keep' : 'clip';
  const explicit = /[1-9]/.exec(indicators)?.[0];

  const lines: BlockLine[] = [];
  for (let pos = start + header[0].length; ;) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0 || eol > end) eol = end;
    let indent = 0;
    while (pos + indent < eol && text[pos + indent] === ' ') indent++;
    lines.push({ start: pos, indent, content: text.slice(pos + indent, eol), breakAt: eol });
    if (eol >= end) break;
    pos = eol + 1;
  }
  const firstContent = lines.find((l) => !isEmptyContent(l.content));
  if (firstContent === undefined) return emptyBlock(lines, chomping, start);
  // An explicit indicator counts from the parent's indentation, which we do not know: try each.
  const candidates =
    explicit === undefined
      ? [firstContent.indent]
      : Array.from({ length: firstContent.indent + 1 }, (_, parent) => parent + Number(explicit));
  let first: Decoded | undefined;
  for (const indent of candidates) {
    const decoded = buildBlock(lines, indent, folded, chomping);
    if (decoded.value === value) return decoded;
    first ??= decoded;
  }
  return first;
}

const isEmptyContent = (content: string): boolean => content === '' || content === '\r';

/** A block scalar without content: nothing, or newlines when kept. */
function emptyBlock(lines: readonly BlockLine[], chomping: string, start: number): Decoded {
  const out = new Builder();
  if (chomping === 'keep') out.push('\n'.repeat(Math.max(1, lines.length - 1)), start);
  return out;
}

function buildBlock(
  lines: readonly BlockLine[],
  indent: number,
  folded: boolean,
  chomping: 'strip' | 'clip' | 'keep',
): Decoded {
  const out = new Builder();
  const pushIndent = (l: BlockLine): void => {
    for (let k = indent; k < l.indent; k++) out.push(' ', l.start + k);
  };
  const pushContent = (l: BlockLine, content: string): void => {
    for (let k = 0; k < content.length; k++) out.push(content[k] as string, l.start + l.indent + k);
  };

  let contentStart = lines.findIndex((l) => !isEmptyContent(l.content));
  let chompStart = lines.length;
  while (chompStart > 0 && isEmptyContent((lines[chompStart - 1] as BlockLine).content))
    chompStart--;
  // Trailing empty lines indented deeper than the content still belong to it.
  for (let i = lines.length - 1; i >= chompStart; i--) {
    if ((lines[i] as BlockLine).indent > indent) {
      chompStart = i + 1;
      break;
    }
  }
  if (contentStart < 0) contentStart = chompStart;

  // Leading empty lines keep the spaces past the indentation.
  for (const l of lines.slice(0, contentStart)) {
    pushIndent(l);
    out.push('\n', l.breakAt);
  }
  let sep = '';
  let sepAt = 0;
  let previousMoreIndented = false;
  for (const l of lines.slice(contentStart, chompStart)) {
    const content = l.content.endsWith('\r') ? l.content.slice(0, -1) : l.content;
    if (!folded) {
      out.push(sep, sepAt);
      pushIndent(l);
      pushContent(l, content);
      sep = '\n';
    } else if (l.indent > indent || content.startsWith('\t')) {
      if (sep === ' ') sep = '\n';
      else if (!previousMoreIndented && sep === '\n') sep = '\n\n';
      out.push(sep, sepAt);
      pushIndent(l);
      pushContent(l, content);
      sep = '\n';
      previousMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') out.push('\n', l.breakAt);
      else sep = '\n';
    } else {
      out.push(sep, sepAt);
      pushContent(l, content);
      sep = ' ';
      previousMoreIndented = false;
    }
    sepAt = l.breakAt;
  }
  if (chomping === 'keep') {
    let at = sepAt;
    for (const l of lines.slice(chompStart)) {
      out.push('\n', at);
      pushIndent(l);
      at = l.breakAt;
    }
    if (!out.value.endsWith('\n')) out.push('\n', at);
  } else if (chomping === 'clip') {
    out.push('\n', sepAt);
  }
  return out;
}

/**
 * The fallback: each value character is matched with the next equal character of the source,
 * and characters without a match (folded breaks, escapes) keep the position reached so far.
 */
function alignGreedily(text: string, start: number, end: number, value: string): number[] {
  const offsets: number[] = [];
  let p = start;
  for (const c of value) {
    let q = p;
    while (q < end && text[q] !== c) q++;
    const at = q < end ? q : Math.min(p, Math.max(start, end - 1));
    for (let k = 0; k < c.length; k++) offsets.push(at);
    if (q < end) p = q + 1;
  }
  return offsets;
}
