/**
 * Describes a syntax error the way Prometheus's yacc parser does: `unexpected <token>`, with the
 * context of the error rule that would have caught it (`in label matching, expected string`).
 *
 * lezer only says where it stopped. We take the lexer token there and work out the context from
 * the tokens before it, by tracking which brackets are open and what opened them.
 *
 * @module
 */
import { type Token, goQuote } from './tokens.js';

/** Prometheus's `Item.desc()`: how an unexpected token is named in a message. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of input';
    case 'identifier':
      return `identifier ${goQuote(token.text)}`;
    case 'metric-identifier':
      return `metric identifier ${goQuote(token.text)}`;
    case 'number':
      // `inf` and `nan` are numbers for Prometheus's lexer too.
      return `number ${goQuote(token.text)}`;
    case 'duration':
      return `duration ${goQuote(token.text)}`;
    case 'string': {
      const runes = [...token.text];
      return runes.length > 10
        ? `string ${goQuote(runes.slice(0, 10).join(''))}...`
        : `string ${goQuote(token.text)}`;
    }
    case 'operator':
      return `<op:${token.text}>`;
    case 'aggregator':
      return `<aggr:${token.text}>`;
    case 'keyword':
      return `<${token.text}>`;
    case 'punct':
    case 'preprocessor':
      return goQuote(token.text);
  }
}

type Opener = 'braces' | 'grouping' | 'call' | 'paren' | 'range';

const GROUPING_WORDS: ReadonlySet<string> = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
]);
const MATCH_OPS: ReadonlySet<string> = new Set(['=', '!=', '=~', '!~']);

/** Whether an expression can end with this token, so that a postfix modifier may follow. */
function endsOperand(token: Token | undefined): boolean {
  if (token === undefined) return false;
  if (token.kind === 'punct') return [')', '}', ']'].includes(token.text);
  return token.kind !== 'operator' && token.kind !== 'keyword' && token.kind !== 'eof';
}

function lower(token: Token | undefined): string {
  return token === undefined ? '' : token.text.toLowerCase();
}

/** The message (without `parse error: `) and position for a syntax error at token `index`. */
export function describeSyntaxError(
  tokens: readonly Token[],
  index: number,
): { message: string; pos: number } {
  const token = tokens[index] as Token;
  const prev = tokens[index - 1];
  const unexpected = `unexpected ${describeToken(token)}`;
  const at = (context: string): { message: string; pos: number } => ({
    message: `${unexpected}${context}`,
    pos: token.start,
  });

  const stack: { kind: Opener; index: number }[] = [];
  for (let i = 0; i < index; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'punct') continue;
    if (t.text === '{') stack.push({ kind: 'braces', index: i });
    else if (t.text === '[') stack.push({ kind: 'range', index: i });
    else if (t.text === '(') {
      const before = tokens[i - 1];
      const kind: Opener = GROUPING_WORDS.has(lower(before))
        ? 'grouping'
        : before !== undefined && ['identifier', 'aggregator', 'preprocessor'].includes(before.kind)
          ? 'call'
          : 'paren';
      stack.push({ kind, index: i });
    } else if (t.text === ')' || t.text === '}' || t.text === ']') stack.pop();
  }
  const top = stack[stack.length - 1];
  const prevText = lower(prev);

  if (top?.kind === 'braces') {
    if (prevText === '{' || prevText === ',')
      return at(' in label matching, expected identifier or "}"');
    if (prev?.kind === 'identifier')
      return at(' in label matching, expected label matching operator');
    if (MATCH_OPS.has(prevText)) return at(' in label matching, expected string');
    return at(' in label matching, expected "," or "}"');
  }
  if (top?.kind === 'grouping') {
    if (prevText === '(' || prevText === ',') return at(' in grouping opts, expected label');
    return at(' in grouping opts, expected "," or ")"');
  }
  if (GROUPING_WORDS.has(prevText) && prevText !== 'group_left' && prevText !== 'group_right')
    return at(' in grouping opts, expected "("');
  if (top?.kind === 'call' && token.text === ')' && prevText === ',')
    return { message: 'trailing commas not allowed in function call args', pos: prev?.start ?? 0 };

  // `offset` and `@` are modifiers only after an operand (`offset` alone is a metric name).
  const modifierAt = (n: number, word: string): boolean =>
    lower(tokens[index - n]) === word && endsOperand(tokens[index - n - 1]);
  const signed = prevText === '+' || prevText === '-';
  if (modifierAt(1, 'offset') || (signed && modifierAt(2, 'offset')))
    return at(' in offset, expected number, duration, step(), or range()');
  if (
    modifierAt(1, '@') ||
    (signed && modifierAt(2, '@')) ||
    ((prevText === 'start' || prevText === 'end') && modifierAt(2, '@')) ||
    (prevText === '(' && modifierAt(3, '@'))
  )
    return at(' in @, expected timestamp');

  const range = [...stack].reverse().find((s) => s.kind === 'range');
  if (range !== undefined) {
    const colon = tokens.slice(range.index + 1, index).some((t) => t.text === ':');
    if (colon)
      return prevText === ':'
        ? at(' in subquery selector, expected number, duration, step(), range(), or "]"')
        : at(' in subquery selector, expected "]"');
    const operandExpected =
      prev === undefined ||
      prev.kind === 'operator' ||
      prev.kind === 'preprocessor' ||
      ['[', '(', ','].includes(prevText);
    return operandExpected
      ? at(' in subquery or range selector, expected number, duration, step(), or range()')
      : at(' in subquery or range, expected ":" or "]"');
  }
  return at('');
}
