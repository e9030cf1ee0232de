/**
 * `drygate test rules --junit FILE`: the JUnit XML report promtool 3 writes (`util/junitxml`):
 * `<testsuites>`, one `<testsuite name tests failures errors skipped timestamp>` per test file,
 * one `<testcase name>` per test group that ran (`unnamed#<i>` for a group without a name), one
 * `<failure>` element per failure message. A file that cannot run at all (unreadable, bad YAML,
 * rule files that fail to load) is a suite with `errors="1"` and one `<testcase name="unknown">`
 * holding an `<error>`, as promtool reports a bad test file.
 *
 * As in promtool, `failures` counts failure messages, not failed test cases. Unlike promtool's
 * single-line output, the document has an XML declaration and is indented.
 *
 * @module
 */

export interface JUnitCase {
  readonly name: string;
  readonly failures: readonly string[];
  /** Why the file could not run; only on the `unknown` case of such a file. */
  readonly error: string | undefined;
}

export interface JUnitSuite {
  /** The test file as given on the command line. */
  readonly name: string;
  /** Local time the file started, `2006-01-02T15:04:05` as promtool writes it. */
  readonly timestamp: string;
  readonly cases: readonly JUnitCase[];
}

/** What a suite is built from: a run's results (a subset of FileResult). */
export interface JUnitSource {
  readonly file: string;
  readonly fileErrors: readonly string[];
  readonly groups: readonly { readonly name: string; readonly index: number }[];
}

/** The test case name promtool uses for a group: its name, or `unnamed#<index>`. */
export function caseName(name: string, index: number): string {
  return name === '' ? `unnamed#${index}` : name;
}

/**
 * A suite from one file's results; `messages(i)` gives the failure texts of the i-th group that
 * ran (the CLI passes what it printed, diff or not).
 */
export function junitSuite(
  source: JUnitSource,
  timestamp: string,
  messages: (groupIndex: number) => readonly string[],
): JUnitSuite {
  if (source.fileErrors.length > 0)
    return junitErrorSuite(source.file, source.fileErrors.join('\n'), timestamp);
  return {
    name: source.file,
    timestamp,
    cases: source.groups.map((g, i) => ({
      name: caseName(g.name, g.index),
      failures: messages(i),
      error: undefined,
    })),
  };
}

/** The suite of a file that could not run. */
export function junitErrorSuite(file: string, error: string, timestamp: string): JUnitSuite {
  return { name: file, timestamp, cases: [{ name: 'unknown', failures: [], error }] };
}

/** Go's `time.Now().Format("2006-01-02T15:04:05")`: local time, no zone. */
export function formatJUnitTimestamp(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return (
    `${String(date.getFullYear()).padStart(4, '0')}-${p(date.getMonth() + 1)}-${p(date.getDate())}` +
    `T${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`
  );
}

// Characters XML 1.0 cannot carry at all (controls other than tab, LF and CR; lone surrogates;
// U+FFFE, U+FFFF) become U+FFFD, as Go's encoder does.
const INVALID =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Escapes text for XML. In element content, newlines and tabs stay as they are (parsers keep
 * them) and CR becomes `&#13;`; in an attribute value tab, LF and CR become character references
 * too, since a parser would turn them into spaces.
 */
export function escapeXml(text: string, context: 'content' | 'attribute'): string {
  let out = text
    .replace(INVALID, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
  if (context === 'attribute')
    out = out.replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
  return out;
}

/** The whole report as an XML document (ends with a newline). */
export function renderJUnit(suites: readonly JUnitSuite[]): string {
  const attr = (name: string, value: string | number): string =>
    ` ${name}="${escapeXml(String(value), 'attribute')}"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>'];
  for (const suite of suites) {
    const failures = suite.cases.reduce((n, c) => n + c.failures.length, 0);
    const errors = suite.cases.filter((c) => c.error !== undefined).length;
    lines.push(
      `  <testsuite${attr('name', suite.name)}${attr('tests', suite.cases.length)}${attr('failures', failures)}` +
        `${attr('errors', errors)}${attr('skipped', 0)}${attr('timestamp', suite.timestamp)}>`,
    );
    for (const c of suite.cases) {
      if (c.failures.length === 0 && c.error === undefined) {
        lines.push(`    <testcase${attr('name', c.name)}/>`);
        continue;
      }
      lines.push(`    <testcase${attr('name', c.name)}>`);
      for (const f of c.failures) lines.push(`      <failure>${escapeXml(f, 'content')}</failure>`);
      if (c.error !== undefined)
        lines.push(`      <error>${escapeXml(c.error, 'content')}</error>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
