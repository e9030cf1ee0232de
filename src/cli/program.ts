/**
 * The command line: flags, help text and which command module runs. Commands are loaded on
 * demand so that `drygate heartbeat` from cron starts fast.
 */
import { createRequire } from 'node:module';
import { Command, Option } from 'commander';
import { collect, durationArg, positiveIntegerArg } from './args.js';
import type { CheckRulesOptions } from './commands/check-rules.js';
import type { HeartbeatOptions } from './commands/heartbeat.js';
import type { QueryOptions } from './commands/query.js';
import type { TestPromqlOptions } from './commands/test-promql.js';
import type { TestRulesOptions } from './commands/test-rules.js';
import type { CliIo } from './io.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

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
    .version(version, '-V, --version', 'print the version')
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
    .description('validate files as promtool check does: rule files')
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
    .addHelpText(
      'after',
      '\nPrints "  SUCCESS" per passing file on stdout, "  FAILED:" and the reasons on stderr.\n' +
        'Native histograms are not supported: a group that uses them fails with that reason.\n' +
        'Exit 0 when every file passed, 1 when any failed, 2 on a usage error.',
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

  return program;
}
