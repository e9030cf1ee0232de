/**
 * `promtool check config` (which checks the rule files too) run where Prometheus sees the
 * files, with a fallback order: first through the exec prefix (`--check-in "docker exec
 * prometheus"`, paths translated by `--path-map`), then the host's promtool, then nothing but
 * drygate's own checks. Only a promtool that could not run makes the next one try; a promtool
 * that ran and said no fails the validation. The steps say which ran and why others did not.
 *
 * @module
 */
import { accessSync, constants } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import { type CommandResult, runCommand } from '../command.js';
import { type PathMapping, toHostPath } from '../path-map.js';
import { type Namespace, type StagedConfig, stageForPromtool } from '../stage.js';
import { step, type ValidationContext, type ValidationStep, type Validator } from '../validate.js';

const NAME = 'promtool check config';

export interface PromtoolOptions {
  /** The exec prefix as argv (`['docker', 'exec', 'prometheus']`); none: skip that path. */
  readonly checkIn?: readonly string[] | undefined;
  /** The host's promtool: a path, `null` for none, or undefined to look for it on PATH. */
  readonly hostPromtool?: string | null | undefined;
  readonly pathMap: readonly PathMapping[];
  /** Where to look for the host's promtool when it is not given (default: $PATH). */
  readonly searchPath?: string | undefined;
}

/** The first executable `name` on `searchPath`. */
export function findOnPath(
  name: string,
  searchPath = process.env['PATH'] ?? '',
): string | undefined {
  for (const dir of searchPath.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

type Verdict =
  | { readonly kind: 'passed' | 'failed'; readonly output: string }
  | { readonly kind: 'unavailable'; readonly reason: string };

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  );
}

/**
 * What a run of promtool (perhaps behind an exec prefix) says. promtool check config exits 0
 * (valid), 1 (invalid) or 3 (lint findings with --lint-fatal), and always prints "Checking";
 * anything else means promtool did not get to check (docker: no such container, 125-127: the
 * command could not run), so the next way is tried.
 */
export function classifyPromtool(result: CommandResult, program: string): Verdict {
  switch (result.kind) {
    case 'spawn-error':
      return { kind: 'unavailable', reason: `cannot run ${program}: ${result.code}` };
    case 'timeout':
      return { kind: 'unavailable', reason: `${program} did not finish in time` };
    case 'signal':
      return { kind: 'unavailable', reason: `${program} was killed by ${result.signal}` };
    case 'exit': {
      const output = `${result.stdout}${result.stderr}`;
      if (result.code === 0 && result.stdout.includes('Checking '))
        return { kind: 'passed', output };
      if ((result.code === 1 || result.code === 3) && result.stdout.includes('Checking '))
        return { kind: 'failed', output };
      const said = firstLine(result.stderr) || firstLine(result.stdout);
      return {
        kind: 'unavailable',
        reason: `${program} exited with ${result.code}${said === '' ? '' : `: ${said}`}`,
      };
    }
  }
}

function translate(
  output: string,
  staged: StagedConfig,
  mappings: readonly PathMapping[],
): string[] {
  return output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      let out = line;
      for (const [from, to] of staged.replacements) out = out.split(from).join(to);
      // Whatever is left in the server's namespace becomes a host path.
      return out.replace(/(\/[^\s"':,]+)/g, (p) => toHostPath(p, mappings));
    });
}

async function attempt(
  context: ValidationContext,
  options: PromtoolOptions,
  namespace: Namespace,
  argv: readonly string[],
  where: string,
): Promise<ValidationStep | { unavailable: string }> {
  let staged: StagedConfig;
  try {
    staged = stageForPromtool(context.plan, namespace, options.pathMap);
  } catch (err) {
    return {
      unavailable: `cannot stage the candidates beside the config: ${(err as Error).message}`,
    };
  }
  try {
    const config = namespace === 'server' ? staged.serverConfig : staged.hostConfig;
    const result = await runCommand([...argv, 'check', 'config', config], {
      timeoutMs: context.timeoutMs,
    });
    const verdict = classifyPromtool(result, argv[0] ?? 'promtool');
    if (verdict.kind === 'unavailable') return { unavailable: verdict.reason };
    const lines = translate(verdict.output, staged, options.pathMap);
    if (verdict.kind === 'passed') {
      const found = lines.find((l) => /SUCCESS: \d+ rule files? found/.test(l))?.trim();
      const warnings = lines.filter((l) => /warning|WARNING/.test(l));
      return step(NAME, 'passed', found ?? 'SUCCESS', warnings, where);
    }
    const details = lines
      .map((l) => l.trim())
      .filter((l) => !/^(Checking |SUCCESS|FAILED:$)/.test(l));
    return step(NAME, 'failed', 'promtool rejected the candidate set', details, where);
  } finally {
    staged.cleanup();
  }
}

/** The exec prefix's promtool, unless the prefix already ends with it. */
export function execArgv(prefix: readonly string[]): string[] {
  const last = prefix[prefix.length - 1];
  return last !== undefined && basename(last) === 'promtool'
    ? [...prefix]
    : [...prefix, 'promtool'];
}

export function promtoolValidator(options: PromtoolOptions): Validator {
  return {
    name: NAME,
    async validate(context) {
      const steps: ValidationStep[] = [];
      if (options.checkIn !== undefined && options.checkIn.length > 0) {
        const where = `exec: ${options.checkIn.join(' ')}`;
        const r = await attempt(context, options, 'server', execArgv(options.checkIn), where);
        if (!('unavailable' in r)) return [r];
        steps.push(step(NAME, 'unavailable', r.unavailable, [], where));
      }
      const host =
        options.hostPromtool === null
          ? undefined
          : (options.hostPromtool ?? findOnPath('promtool', options.searchPath));
      if (host === undefined) {
        const why =
          options.hostPromtool === null ? 'not used (--promtool none)' : 'no promtool on PATH';
        steps.push(step(NAME, 'unavailable', why, [], 'host'));
      } else {
        const where = `host: ${host}`;
        const r = await attempt(context, options, 'host', [host], where);
        if (!('unavailable' in r)) return [...steps, r];
        steps.push(step(NAME, 'unavailable', r.unavailable, [], where));
      }
      steps.push(
        step(
          NAME,
          'skipped',
          "no promtool could run: drygate's own checks alone",
          [],
          'drygate only',
        ),
      );
      return steps;
    },
  };
}
