/**
 * AST -> PromQL text, in the canonical form of Prometheus's `String()` methods
 * (`promql/parser/printer.go`): single spaces around binary operators, `sum by (job) (x)`,
 * durations as `1h30m`, `@ 100.000`, Go-quoted strings.
 *
 * Two deliberate differences keep `parseExpr(printExpr(e))` equal to `e`: label matchers keep
 * their written order (Prometheus sorts them), and an empty `by ()` that was written is printed.
 *
 * @module
 */
import type { Matcher } from '../model/matcher.js';
import {
  type AggregateExpr,
  type AtModifier,
  type BinaryExpr,
  type DurationExpr,
  type Expr,
  type VectorMatching,
  type VectorSelector,
  assertNever,
} from './ast.js';
import { formatDurationMs } from './parse/duration.js';
import { formatFloatF, formatFloatG, quoteString } from './parse/literals.js';

/**
 * Prints an expression as PromQL.
 *
 * @example printExpr(parseExpr('sum(rate(x[300s]))by(job)')) // 'sum by (job) (rate(x[5m]))'
 */
export function printExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'AggregateExpr':
      return printAggregate(expr);
    case 'BinaryExpr':
      return printBinary(expr);
    case 'Call':
      return `${expr.func}(${expr.args.map(printExpr).join(', ')})`;
    case 'MatrixSelector': {
      const vs = expr.vectorSelector;
      const range =
        expr.rangeExpr === null ? formatDurationMs(expr.rangeMs) : printDuration(expr.rangeExpr);
      return `${printSelectorBody(vs)}[${range}]${printExtended(vs)}${printAt(vs.at)}${printOffset(vs)}`;
    }
    case 'SubqueryExpr': {
      const range =
        expr.rangeExpr === null ? formatDurationMs(expr.rangeMs) : printDuration(expr.rangeExpr);
      const step =
        expr.stepMs !== 0
          ? formatDurationMs(expr.stepMs)
          : expr.stepExpr === null
            ? ''
            : printDuration(expr.stepExpr);
      return `${printExpr(expr.expr)}[${range}:${step}]${printAt(expr.at)}${printOffset(expr)}`;
    }
    case 'NumberLiteral':
      return formatFloatF(expr.value);
    case 'StringLiteral':
      return quoteString(expr.value);
    case 'ParenExpr':
      return `(${printExpr(expr.expr)})`;
    case 'UnaryExpr':
      return `${expr.op}${printExpr(expr.expr)}`;
    case 'VectorSelector':
      return `${printSelectorBody(expr)}${printAt(expr.at)}${printExtended(expr)}${printOffset(expr)}`;
    default:
      return assertNever(expr);
  }
}

function printExtended(vs: VectorSelector): string {
  return vs.extended === undefined ? '' : ` ${vs.extended}`;
}

/** Prints a duration expression (`2m * (10 + 5)`, `-step()`, `min_of(1m, 2m)`). */
export function printDuration(d: DurationExpr): string {
  switch (d.kind) {
    case 'DurationLiteral':
      return d.text;
    case 'DurationBinary':
      return `${printDuration(d.lhs)} ${d.op} ${printDuration(d.rhs)}`;
    case 'DurationUnary':
      return d.op === '-' ? `-${printDuration(d.expr)}` : printDuration(d.expr);
    case 'DurationCall':
      return `${d.func}(${d.args.map(printDuration).join(', ')})`;
    case 'DurationParen':
      return `(${printDuration(d.expr)})`;
    default:
      return assertNever(d);
  }
}

const LEGACY_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function printLabels(labels: readonly string[]): string {
  return labels.map((l) => (LEGACY_LABEL.test(l) ? l : quoteString(l))).join(', ');
}

function printAggregate(expr: AggregateExpr): string {
  let grouping = '';
  if (expr.without) grouping = ` without (${printLabels(expr.grouping)}) `;
  else if (expr.grouping.length > 0 || expr.groupingWritten)
    grouping = ` by (${printLabels(expr.grouping)}) `;
  const param = expr.param === null ? '' : `${printExpr(expr.param)}, `;
  return `${expr.op}${grouping}(${param}${printExpr(expr.expr)})`;
}

function printBinary(expr: BinaryExpr): string {
  const bool = expr.returnBool ? ' bool' : '';
  const matching = expr.matching === null ? '' : printMatching(expr.matching);
  // `+Inf ^ x` would read back as `+(Inf ^ x)`: a sign binds looser than `^`.
  const lhs =
    expr.op === '^' && expr.lhs.kind === 'NumberLiteral' && expr.lhs.value === Infinity
      ? 'Inf'
      : printExpr(expr.lhs);
  return `${lhs} ${expr.op}${bool}${matching} ${printExpr(expr.rhs)}`;
}

function printMatching(vm: VectorMatching): string {
  const grouped = vm.card === 'many-to-one' || vm.card === 'one-to-many';
  let out = '';
  if (vm.matchingLabels.length > 0 || vm.on || grouped)
    out += ` ${vm.on ? 'on' : 'ignoring'} (${printLabels(vm.matchingLabels)})`;
  if (grouped)
    out += ` group_${vm.card === 'many-to-one' ? 'left' : 'right'} (${printLabels(vm.include)})`;
  const { fillLeft: l, fillRight: r } = vm;
  if (l !== null && r !== null && l === r) out += ` fill (${formatFloatG(l)})`;
  else {
    if (l !== null) out += ` fill_left (${formatFloatG(l)})`;
    if (r !== null) out += ` fill_right (${formatFloatG(r)})`;
  }
  return out;
}

/** Prometheus's `Matcher.String()`: the name is quoted unless it is a plain identifier. */
function printMatcher(m: Matcher): string {
  const name = LEGACY_LABEL.test(m.name) ? m.name : quoteString(m.name);
  return `${name}${m.type}${quoteString(m.value)}`;
}

/** The selector without `@` and `offset`: `name{matchers}`, the written name's matcher left out. */
function printSelectorBody(vs: VectorSelector): string {
  const shown = vs.matchers.filter(
    (m) => !(m.name === '__name__' && m.type === '=' && m.value === vs.name && m.value !== ''),
  );
  return shown.length === 0 ? vs.name : `${vs.name}{${shown.map(printMatcher).join(',')}}`;
}

function printAt(at: AtModifier | null): string {
  if (at === null) return '';
  if (at.kind === 'timestamp') return ` @ ${(at.ms / 1000).toFixed(3)}`;
  return ` @ ${at.kind}()`;
}

function printOffset(s: {
  readonly offsetMs: number;
  readonly offsetExpr: DurationExpr | null;
}): string {
  if (s.offsetExpr !== null) return ` offset ${printDuration(s.offsetExpr)}`;
  if (s.offsetMs > 0) return ` offset ${formatDurationMs(s.offsetMs)}`;
  if (s.offsetMs < 0) return ` offset -${formatDurationMs(-s.offsetMs)}`;
  return '';
}
