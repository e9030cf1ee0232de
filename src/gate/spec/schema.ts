/**
 * The JSON Schema of gate specs, published as `schema/gates.v1.json` (draft-07, so that
 * editors with the YAML language server complete and check specs). Each `description` is
 * also the "expected ..." text of the error drygate prints.
 *
 * @module
 */

const duration = (what: string): Record<string, unknown> => ({
  type: 'string',
  pattern: '^([0-9]+(y|w|d|h|m|s|ms))+$',
  description: `${what}: a duration such as 30s, 5m, 1h30m`,
});

const onOutcome = (what: string): Record<string, unknown> => ({
  enum: ['fail', 'pass', 'inconclusive'],
  description: `what the gate counts as when it ${what}: fail, pass or inconclusive`,
});

/** Properties every gate kind accepts. */
const common = {
  name: {
    type: 'string',
    pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$',
    description: 'the gate name: letters, digits, and _ . : - (not first)',
  },
  kind: {
    enum: ['query', 'freshness', 'burn-rate', 'quorum', 'command', 'check'],
    description: 'the gate kind: query, freshness, burn-rate, quorum, command or check',
  },
  description: { type: 'string', description: 'a description: a string' },
  required: {
    type: 'boolean',
    description: 'whether the gate decides (true) or is advisory (false)',
  },
  on_nodata: onOutcome('has no data'),
  on_error: onOutcome('cannot be evaluated'),
};

const query = (what: string): Record<string, unknown> => ({
  type: 'string',
  minLength: 1,
  description: `${what}: a PromQL expression`,
});

const match = {
  type: 'string',
  pattern: '^(all|any|count\\s*>=\\s*[1-9][0-9]*)$',
  description: 'how many samples must satisfy the condition: all, any, or count >= k',
};

const step = duration('the evaluation step for hold and lookback');

function kind(properties: Record<string, unknown>, required: string[]): Record<string, unknown> {
  return {
    type: 'object',
    properties: { ...common, ...properties },
    required: ['name', ...required],
    additionalProperties: false,
  };
}

const definitions = {
  query: kind(
    {
      query: query('the query whose samples are checked'),
      condition: {
        type: 'string',
        pattern:
          '^\\s*(==|!=|<=|>=|<|>)\\s*[-+]?(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?|Inf|inf)\\s*$',
        description: 'a condition: an operator (== != < <= > >=) and a number, such as "== 1"',
      },
      match,
      fallback: query('the query used when the primary one returns no data'),
      hold: duration('how long the condition must have held'),
      step,
    },
    ['query', 'condition'],
  ),
  freshness: kind(
    {
      query: query('the query returning unix timestamps in seconds'),
      max_age: duration('the largest age that passes'),
      match,
      step,
    },
    ['query', 'max_age'],
  ),
  'burn-rate': kind(
    {
      objective: {
        type: 'number',
        exclusiveMinimum: 0,
        exclusiveMaximum: 1,
        description: 'the SLO objective: a number between 0 and 1 such as 0.999',
      },
      errors: query('the selector of failed events (a counter)'),
      total: query('the selector of all events (a counter)'),
      windows: {
        type: 'array',
        minItems: 1,
        description: 'burn-rate windows: a list of {long, short, factor}',
        items: {
          type: 'object',
          properties: {
            long: duration('the long window'),
            short: duration('the short window'),
            factor: {
              type: 'number',
              exclusiveMinimum: 0,
              description: 'the burn-rate factor: a positive number such as 14.4',
            },
          },
          required: ['long', 'short', 'factor'],
          additionalProperties: false,
        },
      },
      step,
    },
    ['objective', 'errors', 'total'],
  ),
  quorum: kind(
    {
      min: {
        type: 'integer',
        minimum: 1,
        description: 'how many sub-gates must pass: a positive integer',
      },
      gates: {
        type: 'array',
        minItems: 1,
        items: { $ref: '#/definitions/gate' },
        description: 'the sub-gates: a list of gates',
      },
    },
    ['min', 'gates'],
  ),
  command: kind(
    {
      command: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', description: 'an argument: a string' },
        description: 'the program and its arguments (no shell): a list of strings',
      },
      timeout: duration('the time limit'),
      cwd: { type: 'string', description: 'the working directory: a path' },
    },
    ['command'],
  ),
  check: kind(
    {
      check: {
        enum: ['check-rules', 'test-rules', 'lint'],
        description: 'which check to run: check-rules, test-rules or lint',
      },
      files: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', minLength: 1, description: 'a path or glob: a string' },
        description: 'the files to check: a list of paths or globs',
      },
    },
    ['check', 'files'],
  ),
};

/** Chooses the kind's definition from `kind` (default `query`). */
function byKind(): Record<string, unknown> {
  const names = Object.keys(definitions).filter((k) => k !== 'query');
  let schema: Record<string, unknown> = { $ref: '#/definitions/query' };
  for (const name of names.reverse()) {
    schema = {
      if: { properties: { kind: { const: name } }, required: ['kind'] },
      then: { $ref: `#/definitions/${name}` },
      else: schema,
    };
  }
  return schema;
}

export const GATES_SCHEMA_ID = 'https://drygate.dev/schema/gates.v1.json';

export const gatesSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: GATES_SCHEMA_ID,
  title: 'drygate gate spec',
  description: 'GO / NO-GO gates for a rollout stage (apiVersion drygate/v1)',
  type: 'object',
  properties: {
    apiVersion: { const: 'drygate/v1', description: 'the spec version: drygate/v1' },
    name: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$',
      description: 'the spec name: letters, digits, and _ . : - (not first)',
    },
    description: { type: 'string', description: 'a description: a string' },
    require: {
      type: 'object',
      propertyNames: {
        pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$',
        description: 'a label name',
      },
      additionalProperties: { type: 'string', description: 'the required label value: a string' },
      description: 'labels every selector must match: a map of label name to value',
    },
    gates: {
      type: 'array',
      minItems: 1,
      items: { $ref: '#/definitions/gate' },
      description: 'the gates: a list with at least one gate',
    },
  },
  required: ['apiVersion', 'name', 'gates'],
  additionalProperties: false,
  definitions: {
    gate: {
      type: 'object',
      description: 'a gate: a mapping with a name',
      ...byKind(),
    },
    ...definitions,
  },
} as const;
