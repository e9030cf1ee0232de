/**
 * The flags that name where gate queries are answered, shared by `decide` and `backtest`: a
 * server (`--url`, with its timeout, retries, headers, credentials and CA) or a replay file
 * (`--data`). `commands/source-options.ts` reads what they parse into (`SourceOptions`).
 */
import { type Command, Option } from 'commander';
import { collect, durationArg, nonNegativeIntegerArg } from './args.js';

/** What `--url` and `--data` are for in one command: its help words for them. */
export interface SourceFlagsHelp {
  readonly url: string;
  readonly data: string;
}

/**
 * Adds the source flags to a command, in the order its help lists them.
 *
 * @example addSourceOptions(program.command('decide'), { url: 'a query API', data: 'a replay' })
 */
export function addSourceOptions(command: Command, help: SourceFlagsHelp): Command {
  return command
    .option('--url <url>', help.url)
    .option('--data <file>', help.data)
    .addOption(
      new Option('--timeout <duration>', 'per-query timeout')
        .argParser(durationArg)
        .default(30_000, '30s'),
    )
    .addOption(
      new Option('--retries <n>', 'retries of a query that got no answer, a timeout or a 5xx')
        .argParser(nonNegativeIntegerArg)
        .default(2),
    )
    .option(
      '--header <name: value>',
      'extra HTTP header, e.g. "X-Scope-OrgID: team-a" (repeatable)',
      collect,
    )
    .option('--bearer-token-file <file>', 'bearer token for --url (or $DRYGATE_BEARER_TOKEN)')
    .option(
      '--basic-auth-user <user>',
      'basic auth user; the password from $DRYGATE_BASIC_AUTH_PASSWORD',
    )
    .option(
      '--basic-auth-password-file <file>',
      'basic auth password file, instead of the environment',
    )
    .option('--ca-file <file>', 'PEM CA bundle to trust for an https --url (or $DRYGATE_CA_FILE)');
}
