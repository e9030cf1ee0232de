/**
 * Loading a gate spec: YAML with positions, the published JSON Schema, then the checks the
 * schema cannot express. Every problem is reported at once, each at its file:line:col.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { ErrorObject } from 'ajv';
import { InputError, ParseError, formatPosition } from '../../errors.js';
import { readErrorReason } from '../../model/files.js';
import { SpecBuilder, type RawSpec } from './build.js';
import { SpecDocument } from './document.js';
import { validate } from './gates-validator.generated.js';
import { schemaProblems, type SpecProblem } from './schema-errors.js';
import type { GateSpec } from './types.js';

/** A spec with problems; the message lists them all, one `file:line:col: what` per line. */
export class GateSpecError extends InputError {
  override name = 'GateSpecError';
  readonly problems: readonly SpecProblem[];

  constructor(problems: readonly SpecProblem[]) {
    super(problems.map((p) => `${formatPosition(p.position)}: ${p.message}`).join('\n'));
    this.problems = problems;
  }
}

/** A validator compiled from the schema ahead of time (see validator-source.ts). */
const validator = validate as ((value: unknown) => boolean) & {
  errors?: readonly ErrorObject[] | null;
};

/** The schema's errors for `value`, none when it is valid. */
function schemaErrors(value: unknown): readonly ErrorObject[] {
  return validator(value) ? [] : (validator.errors ?? []);
}

/**
 * Loads a spec from its text. Relative paths in it (command cwd, check files) are resolved
 * against the directory of `file`.
 *
 * @throws GateSpecError listing every problem found.
 */
export function loadGateSpec(text: string, file: string): GateSpec {
  let document: SpecDocument;
  try {
    document = new SpecDocument(text, file);
  } catch (err) {
    if (err instanceof ParseError)
      throw new GateSpecError([{ position: err.position, message: err.reason }]);
    throw err;
  }
  const value: unknown = document.doc.toJS();
  const errors = schemaErrors(value);
  if (errors.length > 0) throw new GateSpecError(schemaProblems(errors, document));
  const raw = value as RawSpec;
  const builder = new SpecBuilder(document, raw.require ?? {});
  const spec = builder.build(raw);
  if (builder.problems.length > 0) throw new GateSpecError(sortProblems(builder.problems));
  return spec;
}

/** Reads and loads a spec file; an unreadable path is an input error. */
export async function readGateSpec(file: string): Promise<GateSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read gate spec ${file}: ${readErrorReason(err)}`);
  }
  return loadGateSpec(text, file);
}

function sortProblems(problems: readonly SpecProblem[]): SpecProblem[] {
  return [...problems].sort(
    (a, b) => a.position.line - b.position.line || a.position.column - b.position.column,
  );
}
