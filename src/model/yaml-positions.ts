/**
 * Positions of YAML nodes as file:line:col, for errors in YAML inputs.
 *
 * @module
 */
import { isScalar, type LineCounter, type Node, type YAMLError } from 'yaml';
import { ParseError, type SourcePosition } from '../errors.js';

/** What drygate reports for a YAML syntax error: its first line. */
export function yamlErrorMessage(error: Pick<YAMLError, 'message'>): string {
  return `invalid YAML: ${error.message.split('\n')[0] ?? ''}`;
}

/** Throws the first of a document's YAML errors, if any, as a ParseError at its position. */
export function throwFirstYamlError(
  errors: readonly YAMLError[],
  counter: LineCounter,
  file: string,
): void {
  const first = errors[0];
  if (first === undefined) return;
  const { line, col } = counter.linePos(first.pos[0]);
  throw new ParseError(yamlErrorMessage(first), { file, line, column: col });
}

export class YamlPositions {
  private readonly counter: LineCounter;
  readonly file: string;

  constructor(counter: LineCounter, file: string) {
    this.counter = counter;
    this.file = file;
  }

  at(node: Node | null | undefined, offsetInNode = 0): SourcePosition {
    const offset = (node?.range?.[0] ?? 0) + offsetInNode;
    const { line, col } = this.counter.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /** Where a scalar's text begins, past its opening quote. */
  valueStart(node: Node): SourcePosition {
    const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
    return this.at(node, quoted ? 1 : 0);
  }
}
