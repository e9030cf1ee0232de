/**
 * `drygate query EXPR`: evaluate PromQL on a data file with drygate's engine (`--data`) or ask
 * a Prometheus-compatible server (`--url`).
 */
import { readFileSync } from 'node:fs';
import { PrometheusClient } from '../../api/client.js';
import { InputError } from '../../errors.js';
import { parseTimeArg } from '../../model/time.js';
import { loadDataFile } from '../../promql/data/load.js';
import { Engine } from '../../promql/engine/engine.js';
import { formatValueText, toApiData } from '../../promql/format.js';
import { formatAnnotation, type QueryResult, type Value } from '../../promql/value.js';
import type { CliIo } from '../io.js';

export interface QueryOptions {
  readonly data?: string;
  readonly url?: string;
  readonly time?: string;
  readonly start?: string;
  readonly end?: string;
  readonly step?: number;
  readonly json?: boolean;
  readonly stats?: boolean;
  readonly lookbackDelta?: number;
  readonly timeout?: number;
}

interface Timing {
  readonly dataLoadMs: number;
  readonly evalMs: number;
}

export async function query(expr: string, options: QueryOptions, io: CliIo): Promise<void> {
  if ((options.data === undefined) === (options.url === undefined)) {
    throw new InputError(
      'give exactly one of --data FILE (drygate evaluates) or --url URL (a server evaluates)',
    );
  }
  const isRange =
    options.start !== undefined || options.end !== undefined || options.step !== undefined;
  if (
    isRange &&
    (options.start === undefined || options.end === undefined || options.step === undefined)
  ) {
    throw new InputError('a range query needs --start, --end and --step');
  }
  if (isRange && options.time !== undefined)
    throw new InputError(
      '--time is for instant queries; a range query takes --start, --end and --step',
    );
  if (options.url !== undefined) return queryServer(expr, options, options.url, isRange, io);

  const file = options.data as string;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(
      `--data ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const loadStart = performance.now();
  const data = loadDataFile(text, file);
  const dataLoadMs = performance.now() - loadStart;
  const engine = new Engine(
    data.store,
    options.lookbackDelta === undefined ? {} : { lookbackDeltaMs: options.lookbackDelta },
  );
  const base = data.startMs;
  const evalStart = performance.now();
  let result: QueryResult;
  if (isRange) {
    result = engine.rangeQuery(
      expr,
      parseTimeArg('--start', options.start as string, base),
      parseTimeArg('--end', options.end as string, base),
      options.step as number,
    );
  } else {
    const at = options.time === undefined ? data.endMs : parseTimeArg('--time', options.time, base);
    result = engine.instantQuery(expr, at);
  }
  const evalMs = performance.now() - evalStart;
  const warnings = result.annotations
    .filter((a) => a.kind === 'warning')
    .map((a) => formatAnnotation(a, expr));
  const infos = result.annotations
    .filter((a) => a.kind === 'info')
    .map((a) => formatAnnotation(a, expr));
  const stats = options.stats === true ? localStats(result, { dataLoadMs, evalMs }) : undefined;
  print(result.value, warnings, infos, stats, options, io);
}

async function queryServer(
  expr: string,
  options: QueryOptions,
  url: string,
  isRange: boolean,
  io: CliIo,
): Promise<void> {
  const client = new PrometheusClient({
    url,
    ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout }),
  });
  const statsOption = { stats: options.stats === true };
  const now = Date.now();
  const result = isRange
    ? await client.queryRange(
        expr,
        parseTimeArg('--start', options.start as string),
        parseTimeArg('--end', options.end as string),
        options.step as number,
        statsOption,
      )
    : await client.query(
        expr,
        options.time === undefined ? now : parseTimeArg('--time', options.time),
        statsOption,
      );
  print(result.value, result.warnings, result.infos, result.stats, options, io);
}

/** `data.stats` in the shape Prometheus returns for `stats=all`, plus drygate's data-load time. */
function localStats(result: QueryResult, timing: Timing): Record<string, unknown> {
  const seconds = (ms: number): number => ms / 1000;
  return {
    timings: {
      evalTotalTime: seconds(timing.evalMs),
      resultSortTime: 0,
      queryPreparationTime: 0,
      innerEvalTime: seconds(timing.evalMs),
      execQueueTime: 0,
      execTotalTime: seconds(timing.evalMs),
    },
    samples: {
      totalQueryableSamples: result.stats?.totalQueryableSamples ?? 0,
      peakSamples: result.stats?.peakSamples ?? 0,
    },
    drygate: { dataLoadTime: seconds(timing.dataLoadMs) },
  };
}

function print(
  value: Value,
  warnings: readonly string[],
  infos: readonly string[],
  stats: unknown,
  options: QueryOptions,
  io: CliIo,
): void {
  if (options.json === true) {
    const data = toApiData(value);
    const body: Record<string, unknown> = {
      status: 'success',
      data: stats === undefined ? data : { ...data, stats },
    };
    if (warnings.length > 0) body['warnings'] = warnings;
    if (infos.length > 0) body['infos'] = infos;
    io.out(`${JSON.stringify(body)}\n`);
    return;
  }
  io.out(formatValueText(value));
  for (const w of [...warnings, ...infos]) io.err(`${w}\n`);
  if (stats !== undefined) io.err(`${JSON.stringify(stats)}\n`);
}
