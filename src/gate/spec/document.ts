/**
 * A spec's YAML document with positions: where a value sits (by its path of keys and indexes),
 * and where a character inside a string value sits, for errors inside queries.
 *
 * @module
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ParseError, type SourcePosition } from '../../errors.js';
import { scalarOffsetMap, type ScalarStyle } from '../../rules/scalar-offsets.js';
import { yamlErrorMessage } from '../../model/yaml-positions.js';

export type YamlPath = readonly (string | number)[];

export class SpecDocument {
  readonly file: string;
  readonly text: string;
  readonly doc: Document;
  private readonly lines = new LineCounter();

  /** @throws ParseError when the text is not one valid YAML document. */
  constructor(text: string, file: string) {
    this.file = file;
    this.text = text;
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false });
    const error = this.doc.errors[0];
    if (error !== undefined) {
      throw new ParseError(yamlErrorMessage(error), this.position(error.pos[0]));
    }
  }

  position(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  node(path: YamlPath): Node | undefined {
    if (path.length === 0) return this.doc.contents ?? undefined;
    return (this.doc.getIn(path, true) as Node | undefined) ?? undefined;
  }

  /** Where the value at `path` starts; the nearest existing ancestor when it is missing. */
  at(path: YamlPath): SourcePosition {
    for (let n = path.length; n >= 0; n--) {
      const offset = this.node(path.slice(0, n))?.range?.[0];
      if (offset !== undefined) return this.position(offset);
    }
    return this.position(0);
  }

  /** Where the key `key` of the mapping at `path` is written. */
  keyAt(path: YamlPath, key: string): SourcePosition {
    const map = this.node(path);
    if (isMap(map)) {
      for (const pair of map.items) {
        const k = pair.key as Node | null;
        if (isScalar(k) && String(k.value) === key && k.range != null)
          return this.position(k.range[0]);
      }
    }
    return this.at(path);
  }

  /** Where character `index` of the string value at `path` was written. */
  charAt(path: YamlPath, index: number): SourcePosition {
    const node = this.node(path);
    if (!isScalar(node) || typeof node.value !== 'string' || node.range == null)
      return this.at(path);
    const map = scalarOffsetMap(
      this.text,
      node.range[0],
      node.range[1],
      node.type as ScalarStyle,
      node.value,
    );
    return this.position(map(index));
  }
}
