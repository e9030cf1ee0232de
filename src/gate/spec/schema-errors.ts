/**
 * JSON Schema errors turned into messages a person can act on, at the file position of the
 * value (or key) they are about.
 *
 * @module
 */
import type { ErrorObject } from 'ajv';
import type { SourcePosition } from '../../errors.js';
import type { SpecDocument, YamlPath } from './document.js';

export interface SpecProblem {
  readonly position: SourcePosition;
  readonly message: string;
}

function pathOf(instancePath: string): YamlPath {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part));
}

/** What the value at `path` is called in messages: `gates[0].condition`. */
export function describePath(path: YamlPath): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? 'the spec' : out;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function expected(error: ErrorObject): string {
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  if (description !== undefined) return description;
  return error.message ?? 'a valid value';
}

/** One problem per schema error that says something (the `if` bookkeeping errors say nothing). */
export function schemaProblems(
  errors: readonly ErrorObject[],
  document: SpecDocument,
): SpecProblem[] {
  const problems: SpecProblem[] = [];
  // A gate with an unknown kind was checked as a query gate: its other errors are noise.
  const badKinds = new Set(
    errors.filter((e) => e.instancePath.endsWith('/kind')).map((e) => e.instancePath.slice(0, -5)),
  );
  for (const error of errors) {
    if (badKinds.has(error.instancePath)) continue;
    const path = pathOf(error.instancePath);
    const where = describePath(path);
    switch (error.keyword) {
      case 'if':
        break;
      case 'additionalProperties': {
        const key = (error.params as { additionalProperty: string }).additionalProperty;
        problems.push({
          position: document.keyAt(path, key),
          message: `unknown field ${shown(key)} in ${where}`,
        });
        break;
      }
      case 'required': {
        const key = (error.params as { missingProperty: string }).missingProperty;
        problems.push({
          position: document.at(path),
          message: `${where}: missing field ${shown(key)}`,
        });
        break;
      }
      case 'propertyNames': {
        const name = (error.params as { propertyName: string }).propertyName;
        problems.push({
          position: document.keyAt(path, name),
          message: `${where}: ${shown(name)} is not a valid label name`,
        });
        break;
      }
      default:
        if (error.propertyName !== undefined) break; // reported by propertyNames
        problems.push({
          position: document.at(path),
          message: `${where}: expected ${expected(error)}, got ${shown(error.data)}`,
        });
    }
  }
  return dedupe(problems);
}

function dedupe(problems: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.position.line}:${p.position.column}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
}
