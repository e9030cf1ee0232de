/**
 * A file's text with its line starts: file offsets to `file:line:col` and back. Columns count
 * UTF-16 units from 1, as the rule loader's positions do.
 *
 * @module
 */
import type { SourceRef } from '../rules/types.js';

export class SourceText {
  readonly file: string;
  readonly text: string;
  private readonly starts: number[];

  constructor(file: string, text: string) {
    this.file = file;
    this.text = text;
    this.starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of a file offset. */
  at(offset: number): SourceRef {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: clamped - (this.starts[lo] as number) + 1 };
  }

  /** The file offset of a position in this file. */
  offsetOf(ref: Pick<SourceRef, 'line' | 'column'>): number {
    const start = this.starts[
      Math.max(0, Math.min(ref.line - 1, this.starts.length - 1))
    ] as number;
    return Math.min(this.text.length, start + ref.column - 1);
  }

  /** Line `n` (1-based) without its line break. */
  line(n: number): string {
    const start = this.starts[n - 1];
    if (start === undefined) return '';
    const next = this.starts[n];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}
