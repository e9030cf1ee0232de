/**
 * How input_series are loaded, beside the real `promtool test rules` 2.42: a series given twice
 * with the same labels keeps only its last definition (promqltest's load command keeps one per
 * label set), whether the definitions interleave in time or not.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { promtoolBinary } from '../support/binaries.js';
import { runCli } from '../support/cli.js';

const promtool = promtoolBinary();

function exitCode(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 60_000 }, (err) =>
      resolve(err === null ? 0 : Number(err.code)),
    );
  });
}

/** A test file whose only check is `count_over_time(a[10m])` at 5m, expecting `count`. */
function countFile(series: readonly [string, string][], count: number): string {
  return [
    'evaluation_interval: 5m',
    'tests:',
    '  - interval: 1m',
    '    input_series:',
    ...series.flatMap(([s, values]) => [`      - series: '${s}'`, `        values: '${values}'`]),
    '    promql_expr_test:',
    '      - expr: count_over_time(a[10m])',
    '        eval_time: 5m',
    '        exp_samples:',
    `          - value: ${count}`,
  ].join('\n');
}

const cases: { name: string; text: string; passes: boolean }[] = [
  {
    name: 'last definition, interleaved',
    text: countFile(
      [
        ['a', '1 _ 3'],
        ['a', '_ 2'],
      ],
      1,
    ),
    passes: true,
  },
  {
    name: 'both definitions merged (wrong)',
    text: countFile(
      [
        ['a', '1 _ 3'],
        ['a', '_ 2'],
      ],
      3,
    ),
    passes: false,
  },
  {
    name: 'last definition, later in time',
    text: countFile(
      [
        ['a', '1 1'],
        ['a{}', '_ _ 1 1 1'],
      ],
      3,
    ),
    passes: true,
  },
];

describe.skipIf(promtool.path === undefined)(
  `input_series beside promtool 2.42 ${promtool.skipReason}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'drygate-input-series-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each(cases)('$name', async ({ name, text, passes }) => {
      const file = join(dir, `${name.replace(/\W+/g, '-')}.test.yml`);
      writeFileSync(file, text);
      const theirs = await exitCode(promtool.path as string, ['test', 'rules', file]);
      const ours = await runCli(['test', 'rules', file]);
      expect(theirs).toBe(passes ? 0 : 1);
      expect(ours.code).toBe(theirs);
    });
  },
);
