/**
 * Positions of YAML nodes as file:line:col, for errors in YAML inputs.
 *
 * @module
 */
import { isScalar, type LineCounter, type Node } from 'yaml';
import type { SourcePosition } from '../errors.js';

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
