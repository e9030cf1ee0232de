/**
 * The command line: flags, help text and which command module runs. Commands are loaded on
 * demand so that `drygate heartbeat` from cron starts fast.
 */
import { Command, Option } from 'commander';
import { collect, durationArg, positiveIntegerArg } from './args.js';
import type { BacktestCommandOptions } from './commands/backtest.js';
import type { CheckRulesOptions } from './commands/check-rules.js';
import type { DecideOptions } from './commands/decide.js';
import type { HeartbeatOptions } from './commands/heartbeat.js';
import type { LintOptions } from './commands/lint.js';
import type { QueryOptions } from './commands/query.js';
import type { ReloadCommandOptions } from './commands/reload.js';
import type { TestPromqlOptions } from './commands/test-promql.js';
import type { TestRulesOptions } from './commands/test-rules.js';
import type { CliIo } from './io.js';
import { packageVersion } from '../package-info.js';
import { addSourceOptions } from './source-flags.js';

export interface ProgramContext {
  readonly io: CliIo;
  readonly signal: AbortSignal;
}

export function createProgram(context: ProgramContext): Command {
  const { io, signal } = context;
  const program = new Command('drygate')
    .description(
      'GO / NO-GO for a rollout stage from Prometheus signals, and the tooling that makes those signals trustworthy.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: io.out,
      writeErr: io.err,
      outputError: (text, write) => write(`drygate: ${text.replace(/^error: /, '')}`),
    })
    .configureHelp({ helpWidth: 100 })
    .addHelpText(
      'after',
      '\nExit codes: 0 success / GO, 1 check failed / NO-GO, 2 usage or input error / INCONCLUSIVE.',
    );

  program
    .command('heartbeat')
    .description(
      'write the heartbeat textfiles for the node_exporter textfile collector, once or every interval',
    )
    .requiredOption('--dir <path>', 'textfile collector directory to write into')
    .option('--prefix <name>', 'metric name prefix', 'duri')
    .option('--realm <value>', 'value of the metric_realm label', 'prod')
    .option('--label <name=value>', 'extra label on every sample (repeatable)', collect)
    .option(
      '--lock <path>',
      'flock(2) lock file shared with other writers (default: <dir>/.<prefix>_textfile_heartbeat.lock)',
    )
    .addOption(
      new Option(
        '--wait <duration>',
        'wait this long for a busy lock (default: 0s once, the interval with --every)',
      ).argParser(durationArg),
    )
    .addOption(
      new Option(
        '--every <duration>',
        'run as a daemon, one beat per interval, until SIGTERM or SIGINT',
      ).argParser(durationArg),
    )
    .addOption(
      new Option('--count <n>', 'with --every: stop after n beats; exit 1 if any failed').argParser(
        positiveIntegerArg,
      ),
    )
    .option('-v, --verbose', 'print each beat (sequence and time) on stdout')
    .addHelpText(
      'after',
      '\nWrites <prefix>_textfile_heartbeat_ts.prom (gauge, unix seconds) and <prefix>_textfile_heartbeat_seq.prom\n' +
        '(counter, +1 per beat) atomically. Exit 1 when the lock is busy, 2 on bad input.',
    )
    .action(async (options: HeartbeatOptions) => {
      const { heartbeat } = await import('./commands/heartbeat.js');
      await heartbeat(options, io, signal);
    });

  const check = program
    .command('check')
    .description('validate files offline: rule files as promtool check does, gate specs')
    .helpCommand(false);

  check
    .command('rules')
    .description('validate Prometheus rule files as promtool check rules does')
    .argument('<file...>', 'rule files (YAML with groups of recording and alerting rules)')
    .option(
      '--lint <checks>',
      'lint checks, comma-separated: duplicate-rules, all or none',
      'duplicate-rules',
    )
    .option('--lint-fatal', 'make lint findings fail the check instead of warning')
    .option('--ignore-unknown-fields', 'accept keys Prometheus does not know (custom metadata)')
    .option(
      '--enable-feature <name>',
      'PromQL feature as in promtool: promql-experimental-functions, promql-binop-fill-modifiers (repeatable)',
      collect,
    )
    .addOption(
      new Option(
        '--name-validation-scheme <scheme>',
        'metric and label name rules: utf8 (Prometheus 3) or legacy (Prometheus 2)',
      )
        .choices(['utf8', 'legacy'])
        .default('utf8'),
    )
    .addHelpText(
      'after',
      '\nEvery problem names file:line:col. Exit 0 when every file is valid (lint findings only warn),\n' +
        '1 when any is not, 2 on a usage error or an unreadable file.',
    )
    .action(async (files: string[], options: CheckRulesOptions) => {
      const { checkRules } = await import('./commands/check-rules.js');
      await checkRules(files, options, io);
    });

  check
    .command('gates')
    .description(
      'validate gate specs (apiVersion drygate/v1) offline: schema, PromQL, matcher conflicts',
    )
    .argument('<file...>', 'gate spec files')
    .addHelpText(
      'after',
      '\nEvery problem names file:line:col. Exit 0 when every spec is valid, 1 when any is not,\n' +
        '2 on a usage error or an unreadable file.',
    )
    .action(async (files: string[]) => {
      const { checkGates } = await import('./commands/check-gates.js');
      await checkGates(files, io);
    });

  const decide = program
    .command('decide')
    .description(
      'the GO / NO-GO decision of a gate spec, against a server (--url) or a replay (--data)',
    )
    .argument('<gates>', 'the gate spec (YAML, apiVersion drygate/v1)');
  addSourceOptions(decide, {
    url: 'a Prometheus-compatible query API (Prometheus, Thanos, Mimir, VictoriaMetrics)',
    data: 'replay: a series file or timestamped exposition dump, judged by drygate',
  })
    .option(
      '--at <time>',
      'judge at this time: RFC 3339, unix seconds, or with --data a duration from the start (default: now, or the last sample)',
    )
    .addOption(
      new Option('--lookback <duration>', 'window of pass history for the probability (0s: none)')
        .argParser(durationArg)
        .default(86_400_000, '24h'),
    )
    .addOption(
      new Option('-o, --output <format>', 'report format on stdout')
        .choices(['table', 'json', 'markdown'])
        .default('table'),
    )
    .option(
      '--report <file>',
      'also write a self-contained HTML report with each signal over the lookback',
    )
    .option(
      '--textfile <dir>',
      'also write the decision as metrics for the node_exporter textfile collector',
    )
    .option('--no-commands', 'do not run command gates (they report no data)')
    .addHelpText(
      'after',
      '\nGO only when every required gate passes; NO-GO when one fails; INCONCLUSIVE when none failed\n' +
        'but one has no data or an error (a timeout, a 5xx, garbage, an empty result or NaN never pass\n' +
        'unless the gate says on_nodata/on_error: pass). Secrets are never printed.\n' +
        'Exit 0 GO, 1 NO-GO, 2 INCONCLUSIVE or an input error.',
    )
    .action(async (gates: string, options: DecideOptions) => {
      const { decideCommand } = await import('./commands/decide.js');
      await decideCommand(gates, options, io);
    });

  const backtest = program
    .command('backtest')
    .description(
      'replay a gate spec over a past window: decision timeline, flips, blame, flapping, thresholds',
    )
    .argument('<gates>', 'the gate spec (YAML, apiVersion drygate/v1)');
  addSourceOptions(backtest, {
    url: 'a Prometheus-compatible query API to ask (range queries)',
    data: 'replay: a series file or timestamped exposition dump',
  })
    .requiredOption(
      '--since <time>',
      'window start: a duration back from now (7d), RFC 3339, or unix seconds',
    )
    .option('--until <time>', 'window end, same forms (default: now; with --data, its last sample)')
    .addOption(
      new Option('--step <duration>', 'judge the decision every step')
        .argParser(durationArg)
        .default(300_000, '5m'),
    )
    .addOption(
      new Option(
        '--max-points <n>',
        'at most n points per series in one range query (Prometheus allows 11,000)',
      )
        .argParser(positiveIntegerArg)
        .default(11_000),
    )
    .addOption(
      new Option(
        '--flap-threshold <n>',
        'a gate changing more than n times per hour is flapping',
      ).default('1', '1'),
    )
    .addOption(
      new Option('-o, --output <format>', 'report format on stdout')
        .choices(['table', 'json'])
        .default('table'),
    )
    .option('--report <file>', 'also write a self-contained HTML timeline (one lane per gate)')
    .addHelpText(
      'after',
      '\nOne range query per gate query per chunk (never one per step); chunks stay under --max-points.\n' +
        "With --data, durations count back from the data's last sample and the window starts no earlier\n" +
        'than its first. Command and check gates cannot be replayed: they are left out of the decision\n' +
        '(inside a quorum they count as no data). A progress bar shows on stderr when it is a terminal.\n' +
        'Exit 0 when the report was produced (a backtest is a report, not a gate), 2 on an input error.',
    )
    .action(async (gates: string, options: BacktestCommandOptions) => {
      const { backtestCommand } = await import('./commands/backtest.js');
      await backtestCommand(gates, options, io, signal);
    });

  const test = program
    .command('test')
    .description(
      'run test files: PromQL conformance scripts (promqltest), rule unit tests (promtool test rules)',
    )
    .helpCommand(false);

  test
    .command('promql')
    .description("run Prometheus promqltest scripts against drygate's PromQL engine")
    .argument('[file...]', 'promqltest scripts (default: every *.test in the corpus folder)')
    .option('--json', 'print the report as JSON, with every failure and skip')
    .option('-v, --verbose', 'list each failing eval with what was expected and what came back')
    .addHelpText(
      'after',
      '\nThe corpus folder is ../shared/corpus/promqltest beside the package, or $DRYGATE_CORPUS.\n' +
        'Exit 0 when no eval failed, 1 when any failed, 2 on a usage error or an unreadable file.',
    )
    .action(async (files: string[], options: TestPromqlOptions) => {
      const { testPromql } = await import('./commands/test-promql.js');
      await testPromql(files, options, io);
    });

  test
    .command('rules')
    .description('run rule unit-test files as promtool test rules does')
    .argument('<file...>', 'unit-test files (YAML with rule_files and tests)')
    .option(
      '--run <regex>',
      'only test groups whose name matches (unanchored; repeatable, OR-ed)',
      collect,
    )
    .option(
      '--ignore-unknown-fields',
      'accept unknown keys in rule files (the test file stays strict)',
    )
    .option('--junit <file>', "write promtool's JUnit XML report to file (atomically)")
    .option('--diff', 'show expected vs got as a diff (coloured when stderr is a terminal)')
    .option('--debug', 'under each failure, print the series its selectors read and alert states')
    .option('--coverage', 'after the results, report which rules and alert states tests exercised')
    .option(
      '--coverage-min <pct>',
      'exit 1 when rule coverage is below pct (0-100); implies --coverage',
    )
    .addHelpText(
      'after',
      '\nPrints "  SUCCESS" per passing file on stdout, "  FAILED:" and the reasons on stderr.\n' +
        'Native histograms are not supported: a group that uses them fails with that reason.\n' +
        'Coverage: a rule is tested when a test asserts on it (its record name in a promql_expr_test,\n' +
        'its alertname in an alert_rule_test), indirect when a tested rule reads it; both count.\n' +
        'NO_COLOR turns colours off. Exit 0 when every file passed, 1 when any failed or coverage\n' +
        'is below --coverage-min, 2 on a usage error.',
    )
    .action(async (files: string[], options: TestRulesOptions) => {
      const { testRules } = await import('./commands/test-rules.js');
      await testRules(files, options, io);
    });

  program
    .command('query')
    .description(
      "evaluate PromQL on a data file with drygate's engine (--data) or on a server (--url)",
    )
    .argument('<expr>', 'the PromQL expression')
    .option(
      '--data <file>',
      'series file (YAML: interval, start, input_series) or timestamped exposition dump',
    )
    .option('--url <url>', 'a Prometheus-compatible server to ask instead')
    .option(
      '--time <time>',
      'instant query time: RFC 3339, unix seconds, or with --data a duration from the start (default: the last sample, or now)',
    )
    .option('--start <time>', 'range query start (same forms as --time)')
    .option('--end <time>', 'range query end (same forms as --time)')
    .addOption(new Option('--step <duration>', 'range query step').argParser(durationArg))
    .addOption(
      new Option(
        '--lookback-delta <duration>',
        'with --data: how far back an instant selector looks (default 5m)',
      ).argParser(durationArg),
    )
    .addOption(
      new Option('--timeout <duration>', 'with --url: per-request timeout (default 30s)').argParser(
        durationArg,
      ),
    )
    .option('--json', 'print the Prometheus HTTP API response (status, data, warnings, infos)')
    .option(
      '--stats',
      'add data.stats as Prometheus does for stats=all (with --data, also the data-load time)',
    )
    .addHelpText('after', '\nExit 0 on success, 2 on a usage, input or query error.')
    .action(async (expr: string, options: QueryOptions) => {
      const { query } = await import('./commands/query.js');
      await query(expr, options, io);
    });

  program
    .command('reload')
    .description(
      'validate, install, reload and verify Prometheus rules and config; roll back on failure',
    )
    .option('--url <url>', 'the Prometheus to reload (required, except with --dry-run)')
    .requiredOption(
      '--config <file>',
      'the prometheus.yml it runs; its rule_files patterns name the rule files',
    )
    .option(
      '--install <dir>',
      'candidate rule files to put in place atomically, each where a rule_files pattern matches it',
    )
    .option(
      '--tests <file...>',
      'rule unit-test files (promtool format) that must pass (several, or comma-separated)',
    )
    .option(
      '--check-in <command>',
      'run promtool where Prometheus sees the files, e.g. "docker exec prometheus" (split, no shell)',
    )
    .option(
      '--path-map <host=server>',
      'a directory here and where Prometheus sees it, e.g. /srv/prom=/etc/prometheus (repeatable)',
      collect,
    )
    .option(
      '--promtool <path>',
      "the host's promtool, tried when --check-in cannot run (default: on PATH; none: skip it)",
    )
    .addOption(
      new Option(
        '--pid <pid>',
        'reload with SIGHUP to this process instead of POST /-/reload',
      ).argParser(positiveIntegerArg),
    )
    .option(
      '--state-dir <dir>',
      'lock, last-known-good copy and journal (default: .drygate-reload beside the config)',
    )
    .option('--dry-run', 'print the plan and the validation result; change nothing')
    .addOption(
      new Option('--output <format>', 'report format').choices(['text', 'json']).default('text'),
    )
    .addOption(
      new Option(
        '--timeout <duration>',
        'per request, per promtool run and per verification (default 30s)',
      ).argParser(durationArg),
    )
    .addOption(
      new Option(
        '--wait <duration>',
        'how long to wait while another reload holds the lock (default 60s)',
      ).argParser(durationArg),
    )
    .addOption(
      new Option(
        '--name-validation-scheme <scheme>',
        "name rules for drygate's checks; auto follows the server (legacy for Prometheus 2)",
      )
        .choices(['auto', 'utf8', 'legacy'])
        .default('auto'),
    )
    .addHelpText(
      'after',
      '\nValidation: drygate check rules, unit tests (--tests), then promtool check config through\n' +
        '--check-in, else the host promtool, else drygate alone; the report says which ran.\n' +
        'Exit 0 reloaded and verified, 1 validation, reload or rollback failed (or the lock stayed\n' +
        'busy), 2 bad input, or a server that cannot be reached or reloaded (nothing changed).',
    )
    .action(async (options: ReloadCommandOptions) => {
      const { reload } = await import('./commands/reload.js');
      await reload(options, io);
    });

  program
    .command('lint')
    .description(
      'obs-lint: label policy and rule hygiene checks for rule, unit-test and gate files',
    )
    .argument('[path...]', 'files, directories (walked for *.yml, *.yaml, *.json, *.prom) or globs')
    .option(
      '--config <file>',
      'settings file with a lint: section (default: ./.drygate.yml if present)',
    )
    .option(
      '--require <label=value>',
      'a matcher every selector must carry, e.g. metric_realm=prod (repeatable)',
      collect,
    )
    .addOption(
      new Option('--format <format>', 'report format')
        .choices(['human', 'json', 'github', 'sarif'])
        .default('human'),
    )
    .option('--fix', 'add missing required matchers in place, changing nothing else in the files')
    .option('--no-color', 'no colour in the human report (also NO_COLOR=1)')
    .option('--list-checks', 'list every check with its default severity and exit')
    .addHelpText(
      'after',
      '\nSilence a check for one rule with a "# drygate: ignore <check-id>" comment in or above it.\n' +
        'Checks are documented in docs/checks/<group>/<name>.md.\n' +
        'Exit 0 when no problem is an error, 1 when any is, 2 on a usage error or an unreadable input.',
    )
    .action(async (paths: string[], options: LintOptions) => {
      const { lint } = await import('./commands/lint.js');
      await lint(paths, options, io);
    });

  return program;
}
