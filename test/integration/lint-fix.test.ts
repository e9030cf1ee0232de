/**
 * `drygate lint --fix` round trip (issue 5, acceptance 2): a set of rule and gate files with
 * selectors missing `metric_realm="prod"`, written in every YAML scalar style, is fixed in place;
 * then each fixed file passes `drygate lint` and the real `promtool check rules` (Debian's 2.42,
 * legacy name validation, so the fixtures use classic names), and a line diff against the
 * original shows changes only on lines of edited expressions, each change an insertion of the
 * matcher.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { promtoolBinary } from '../support/binaries.js';
import { runCli } from '../support/cli.js';

const promtool = promtoolBinary();
const work = mkdtempSync(join(tmpdir(), 'drygate-lint-fix-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  'heartbeat.rules.yml': `# Heartbeat rules: comments, quoting and key order must survive the fix.
groups:
  - name: duri-heartbeat   # evaluated every minute
    interval: 1m
    rules:
      # fresh within 120 s
      - record: duri_heartbeat_fresh_120s
        expr: (time() - max by (metric_realm, instance) (duri_textfile_heartbeat_ts)) < bool 120
      - record: duri_heartbeat_changes_6m
        expr: "max by (metric_realm, instance) (changes(duri_textfile_heartbeat_seq{job=\\"node\\"}[6m]))"
      - record: duri_heartbeat_ok
        expr: |
          (duri_heartbeat_changes_6m > bool 0)
            * on (metric_realm, instance)
          duri_heartbeat_fresh_120s
        labels:
          team: sre
      - alert: DuriHeartbeatStale
        expr: >-
          duri_heartbeat_ok == 0
          or absent(duri_heartbeat_ok)
        for: 2m
        annotations:
          summary: 'heartbeat of {{ $labels.instance }} is stale'
`,
  'node.rules.yml': `groups:
- name: node
  rules:
  - record: instance:node_cpu:rate5m
    expr: 'sum by (instance, metric_realm) (rate(node_cpu_seconds_total{mode!="idle"}[5m]))'
  - record: job:up:sum
    expr: sum by (job) (up{job="node",})   # trailing comma kept
  - record: job:up_realm:count
    expr: count by (job) (up{metric_realm="prod"})
  - alert: NodeDown
    expr: up{job="node"} == 0
    for: 5m
`,
  'gates.yml': `apiVersion: drygate/v1
name: l4-dry-run
gates:
  - name: heartbeat-ok    # the normalized signal
    query: duri_heartbeat_ok
    condition: == 1
    fallback: >-
      clamp_max(changes(duri_textfile_heartbeat_seq[6m]), 1)
      * ((time() - duri_textfile_heartbeat_ts) < bool 120)
  - name: canary
    kind: quorum
    min: 1
    gates:
      - { name: eu, query: 'canary_success_ratio{region="eu"}', condition: '>= 0.99' }
`,
};
const RULE_FILES = ['heartbeat.rules.yml', 'node.rules.yml'];
const EXPR_KEYS = new Set(['expr', 'query', 'fallback', 'errors', 'total']);

/** The lines (1-based) that hold an expression scalar in a YAML text. */
function exprLines(text: string): Set<number> {
  const lines = new Set<number>();
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
  const visit = (node: unknown): void => {
    if (isSeq(node)) node.items.forEach(visit);
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const value = pair.value as Node | null;
      if (
        isScalar(pair.key) &&
        EXPR_KEYS.has(String(pair.key.value)) &&
        isScalar(value) &&
        value.range
      ) {
        for (let l = lineOf(value.range[0]); l <= lineOf(value.range[1]); l++) lines.add(l);
      } else visit(value);
    }
  };
  visit(parseDocument(text).contents);
  return lines;
}

/** A line diff (longest common subsequence): the lines of `a` and `b` not in common, by number. */
function lineDiff(a: string[], b: string[]): { removed: number[]; added: number[] } {
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      (lcs[i] as number[])[j] =
        a[i] === b[j]
          ? ((lcs[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((lcs[i + 1] as number[])[j] as number, (lcs[i] as number[])[j + 1] as number);
  const removed: number[] = [];
  const added: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
    } else if (
      j < m &&
      (i === n ||
        ((lcs[i] as number[])[j + 1] as number) >= ((lcs[i + 1] as number[])[j] as number))
    )
      added.push(++j);
    else removed.push(++i);
  }
  return { removed, added };
}

/** What the fixer may insert: the matcher in new braces, or after a comma, maybe escaped. */
const MATCHER_INSERTION = /^(?:\{metric_realm=(\\?)"prod\1"\}|(?:, ?)?metric_realm=(\\?)"prod\2")$/;

/** The runs of `now` that are not in `old`, when `now` is `old` with text inserted (else throws). */
function insertions(old: string, now: string): string[] {
  const chunks: string[] = [];
  let i = 0;
  let run = '';
  for (const c of now) {
    if (i < old.length && c === old[i]) {
      if (run !== '') chunks.push(run);
      run = '';
      i++;
    } else run += c;
  }
  if (run !== '') chunks.push(run);
  if (i !== old.length)
    throw new Error(`not an insertion: ${JSON.stringify(old)} -> ${JSON.stringify(now)}`);
  return chunks;
}

function promtoolCheck(file: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    execFile(promtool.path as string, ['check', 'rules', file], (err, stdout, stderr) => {
      resolve({
        code: err === null ? 0 : typeof err.code === 'number' ? err.code : null,
        out: stdout + stderr,
      });
    });
  });
}

describe('drygate lint --fix round trip', () => {
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(work, name), text);
  const paths = Object.keys(FILES).map((f) => join(work, f));
  let fixRun: Awaited<ReturnType<typeof runCli>>;

  it('reports the missing matchers first, then fixes them in place', async () => {
    const before = await runCli([
      'lint',
      '--require',
      'metric_realm=prod',
      '--format',
      'json',
      ...paths,
    ]);
    expect(before.code).toBe(1);
    const problems = (JSON.parse(before.stdout) as { problems: { check: string }[] }).problems;
    const missing = problems.filter((p) => p.check === 'label/required-matcher').length;
    expect(missing).toBe(13);
    fixRun = await runCli(['lint', '--fix', '--require', 'metric_realm=prod', ...paths]);
    expect(fixRun.stderr).toBe(
      [
        `fixed 6 selectors in ${join(work, 'heartbeat.rules.yml')}`,
        `fixed 3 selectors in ${join(work, 'node.rules.yml')}`,
        `fixed 4 selectors in ${join(work, 'gates.yml')}`,
        '',
      ].join('\n'),
    );
    expect(fixRun.code).toBe(0);
  });

  it.each(Object.keys(FILES))('%s then passes drygate lint', async (name) => {
    const after = await runCli([
      'lint',
      '--require',
      'metric_realm=prod',
      '--format',
      'json',
      join(work, name),
    ]);
    const report = JSON.parse(after.stdout) as {
      summary: { error: number };
      problems: { check: string }[];
    };
    expect(report.problems.filter((p) => p.check === 'label/required-matcher')).toEqual([]);
    expect(report.summary.error).toBe(0);
    expect(after.code).toBe(0);
  });

  it.each(Object.keys(FILES))(
    '%s differs from the original only inside edited expressions',
    (name) => {
      const before = FILES[name] as string;
      const after = readFileSync(join(work, name), 'utf8');
      expect(after).not.toBe(before);
      const a = before.split('\n');
      const b = after.split('\n');
      const { removed, added } = lineDiff(a, b);
      const inside = exprLines(before);
      expect(removed.filter((l) => !inside.has(l))).toEqual([]);
      // Same number of lines, changed in place: each new line is its old line plus insertions.
      expect(b.length).toBe(a.length);
      expect(added).toEqual(removed);
      for (const l of removed) {
        const chunks = insertions(a[l - 1] as string, b[l - 1] as string);
        expect(chunks, `line ${l}: ${b[l - 1]}`).not.toHaveLength(0);
        for (const c of chunks) expect(c, `line ${l}`).toMatch(MATCHER_INSERTION);
      }
    },
  );

  it.each(RULE_FILES)(
    `%s passes promtool check rules${promtool.path === undefined ? ` ${promtool.skipReason}` : ''}`,
    async (name) => {
      if (promtool.path === undefined) return;
      const original = join(work, `original-${name}`);
      writeFileSync(original, FILES[name] as string);
      expect((await promtoolCheck(original)).code).toBe(0);
      const fixed = await promtoolCheck(join(work, name));
      expect(fixed.out).toContain('SUCCESS');
      expect(fixed.code).toBe(0);
    },
  );
});
