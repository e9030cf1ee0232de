/**
 * `drygate decide GATES`: judge a gate spec against a server (`--url`) or a replay data file
 * (`--data`), print the decision, and exit 0 GO, 1 NO-GO, 2 INCONCLUSIVE.
 */
import { basename, dirname, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { writeFileAtomic } from '../../model/atomic-write.js';
import { readErrorReason } from '../../model/files.js';
import { parseTimeArg } from '../../model/time.js';
import { decide } from '../../gate/decide.js';
import { renderJson } from '../../gate/report/json.js';
import { renderMarkdown } from '../../gate/report/markdown.js';
import { renderTable } from '../../gate/report/table.js';
import { writeDecisionTextfile } from '../../gate/report/textfile.js';
import type { Decision } from '../../gate/result.js';
import type { MetricsSource } from '../../gate/source/types.js';
import { readGateSpec } from '../../gate/spec/load.js';
import { ExitCode, ExitError } from '../exit.js';
import type { CliIo } from '../io.js';
import { resolveSource, type SourceOptions } from './source-options.js';

export interface DecideOptions extends SourceOptions {
  readonly at?: string;
  readonly lookback: number;
  readonly output: 'table' | 'json' | 'markdown';
  readonly report?: string;
  readonly textfile?: string;
  readonly commands: boolean;
}

const EXIT: Record<Decision, number> = {
  GO: ExitCode.Ok,
  'NO-GO': ExitCode.Failed,
  INCONCLUSIVE: ExitCode.Usage,
};

interface Resolved {
  readonly source: MetricsSource;
  readonly atMs: number;
  readonly lookbackMs: number;
}

function resolveDecideSource(options: DecideOptions): Resolved {
  const resolved = resolveSource(options);
  if (resolved.kind === 'url') {
    const atMs = options.at === undefined ? Date.now() : parseTimeArg('--at', options.at);
    return { source: resolved.source, atMs, lookbackMs: options.lookback };
  }
  const { data } = resolved;
  const atMs =
    options.at === undefined ? data.endMs : parseTimeArg('--at', options.at, data.startMs);
  // The lookback cannot reach before the data: those steps would only say "no data".
  const lookbackMs = Math.max(0, Math.min(options.lookback, atMs - data.startMs));
  return { source: resolved.source, atMs, lookbackMs };
}

/** A report that cannot be written is the user's to fix (a missing directory, say). */
function writeOrExplain(flag: string, path: string, write: () => unknown): void {
  try {
    write();
  } catch (err) {
    throw new InputError(`${flag} ${path}: ${readErrorReason(err)}`);
  }
}

export async function decideCommand(
  specFile: string,
  options: DecideOptions,
  io: CliIo,
): Promise<void> {
  const spec = await readGateSpec(specFile);
  const { source, atMs, lookbackMs } = resolveDecideSource(options);
  const { result, timelines } = await decide(spec, {
    source,
    atMs,
    lookbackMs,
    runCommands: options.commands,
  });
  if (options.report !== undefined) {
    const { renderHtml } = await import('../../gate/report/html.js');
    const path = resolve(options.report);
    const html = renderHtml(result, timelines);
    writeOrExplain('--report', path, () => writeFileAtomic(dirname(path), basename(path), html));
  }
  if (options.textfile !== undefined) {
    const dir = options.textfile;
    writeOrExplain('--textfile', dir, () => writeDecisionTextfile(dir, result));
  }
  switch (options.output) {
    case 'json':
      io.out(renderJson(result, timelines));
      break;
    case 'markdown':
      io.out(renderMarkdown(result));
      break;
    case 'table':
      io.out(renderTable(result, { color: io.isTty && (process.env['NO_COLOR'] ?? '') === '' }));
      break;
  }
  const code = EXIT[result.decision];
  if (code !== ExitCode.Ok) throw new ExitError(code as 1 | 2);
}
