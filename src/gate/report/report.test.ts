import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../exposition/parse.js';
import { renderJson } from './json.js';
import { escapeCell, renderMarkdown } from './markdown.js';
import { HOSTILE, RESULT } from './report.case.js';
import { renderTable } from './table.js';
import { decisionFamilies, textfileName } from './textfile.js';
import { writeExposition } from '../../exposition/write.js';

describe('renderTable', () => {
  it('one line per gate and sub-gate, the decision and the probability', () => {
    const text = renderTable(RESULT, { color: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'drygate decide l4-dry-run at 2026-11-28T14:05:00Z (source: http://127.0.0.1:9090)',
    );
    expect(lines[2]).toMatch(/^GATE\s+STATE\s+REQ\s+VALUE\s+CONDITION\s+REASON$/);
    expect(lines[3]).toMatch(/^heartbeat-ok\s+FAIL\s+yes\s+0, 1\s+== 1\s+1 of 2 values not == 1/);
    expect(lines[4]).toMatch(/^odd\s+NODATA\s+no\s+NaN\s+> 0\s+no data/);
    expect(lines[6]).toMatch(/^ {2}canary-eu\s+PASS\s+-\s+>= 0.99\s+ok$/);
    expect(text).toContain('Decision: NO-GO (required gate failed: heartbeat-ok)\n');
    expect(text).toContain(
      "P(GO) 45.0% (product of the required gates' pass probabilities; all required gates passed together at 40.0% of 1441 past steps)\n",
    );
    expect(text).toContain('Weakest gate: heartbeat-ok (p 44.9%, dP(GO)/dp 0.998)\n');
    expect(text).not.toContain('\x1b[');
  });

  it('colours states and the decision only when asked', () => {
    const text = renderTable(RESULT, { color: true });
    expect(text).toContain('\x1b[31mFAIL');
    expect(text).toContain('\x1b[31mDecision: NO-GO\x1b[0m');
  });
});

describe('renderMarkdown', () => {
  it('escapes cells so a value cannot break the table or inject markup', () => {
    expect(escapeCell(HOSTILE)).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*x\\* \\[a\\](b) &amp; "q"',
    );
    expect(escapeCell('a\nb')).toBe('a b');
  });

  it('a heading with the decision, one row per gate, the probability', () => {
    const text = renderMarkdown(RESULT);
    expect(text.startsWith('### ⛔ NO-GO: l4-dry-run\n')).toBe(true);
    const rows = text.split('\n').filter((l) => l.startsWith('| '));
    expect(rows).toHaveLength(6); // header + 5 gates
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(8);
    expect(text).toContain('**P(GO) 45.0%**');
  });
});

describe('renderJson', () => {
  it('is versioned, with labels as objects and NaN as a string', () => {
    const body = JSON.parse(renderJson(RESULT, [])) as Record<string, unknown>;
    expect(body['schemaVersion']).toBe('drygate.decision/v1');
    expect(body['decision']).toBe('NO-GO');
    expect(body['at']).toBe('2026-11-28T14:05:00.000Z');
    const gates = body['gates'] as {
      gate: string;
      values: { labels: unknown; value: unknown }[];
      gates?: unknown[];
    }[];
    expect(gates.map((g) => g.gate)).toEqual(['heartbeat-ok', 'odd', 'canary']);
    expect(gates[0]?.values[1]?.labels).toEqual({ instance: HOSTILE });
    expect(gates[1]?.values[0]?.value).toBe('NaN');
    expect(gates[2]?.gates).toHaveLength(2);
    expect(Object.keys(body).sort()).toEqual([
      'at',
      'decision',
      'durationMs',
      'gates',
      'history',
      'probability',
      'reason',
      'require',
      'schemaVersion',
      'source',
      'spec',
    ]);
  });

  it('carries each gate signal over the lookback', () => {
    const body = JSON.parse(
      renderJson(RESULT, [
        {
          gate: 'heartbeat-ok',
          required: true,
          current: 'fail',
          points: [{ t: 0, state: 'pass', outcome: 'pass', value: 1 }],
        },
        { gate: 'smoke', required: true, current: 'pass', points: undefined },
      ]),
    ) as { history: unknown[] };
    expect(body.history).toEqual([
      {
        gate: 'heartbeat-ok',
        points: [{ t: '1970-01-01T00:00:00.000Z', state: 'pass', outcome: 'pass', value: 1 }],
      },
      { gate: 'smoke', points: null },
    ]);
  });
});

describe('decision metrics', () => {
  it('one-hot decision, per-gate pass, time and probability, as valid exposition', () => {
    const text = writeExposition(decisionFamilies(RESULT));
    const families = parseExposition(text);
    const value = (name: string, labels: Record<string, string>): number | undefined =>
      families
        .find((f) => f.name === name)
        ?.samples.find((s) =>
          Object.entries(labels).every(([k, v]) =>
            s.labels.some((l) => l.name === k && l.value === v),
          ),
        )?.value;
    expect(value('drygate_decision', { decision: 'NO-GO' })).toBe(1);
    expect(value('drygate_decision', { decision: 'GO' })).toBe(0);
    expect(value('drygate_gate_pass', { gate: 'heartbeat-ok', state: 'fail' })).toBe(0);
    expect(value('drygate_gate_pass', { gate: 'canary', state: 'pass' })).toBe(1);
    expect(value('drygate_decision_probability', { spec: 'l4-dry-run' })).toBe(0.45);
    expect(value('drygate_decision_timestamp_seconds', {})).toBe(RESULT.at / 1000);
    expect(textfileName('l4-dry-run')).toBe('drygate_decision_l4_dry_run.prom');
  });
});
