/**
 * CLI test scripts in a txtar-like format. Before the first `-- name --` line: `#` comments,
 * one `drygate ARGS...` line and one `exit N` line. Sections: `stdout` and `stderr` (expected
 * output, empty when absent), `ls` (every file under the work dir after the run, hidden ones
 * included), and any other name is an input file written before the run. `$WORK` stands for
 * the work directory in arguments and expected output.
 */
export interface CliScript {
  readonly args: readonly string[];
  readonly exit: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ls: readonly string[] | undefined;
  readonly files: Readonly<Record<string, string>>;
}

/** Splits a command line with single and double quotes, as a shell would (no expansions). */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  const token = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+))/gy;
  let match: RegExpExecArray | null;
  while ((match = token.exec(line)) !== null && match[0].trim() !== '') {
    args.push(
      match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? match[3] ?? ''),
    );
  }
  return args;
}

export function parseScript(text: string, name: string): CliScript {
  const sections = text.split(/^-- (.+) --$\n?/m);
  const header = (sections[0] ?? '')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const command = header.find((l) => l.startsWith('drygate '));
  const exit = header.find((l) => l.startsWith('exit '));
  if (command === undefined || exit === undefined)
    throw new Error(`${name}: needs a "drygate ..." line and an "exit N" line`);
  const body: Record<string, string> = {};
  for (let i = 1; i < sections.length; i += 2) body[sections[i] as string] = sections[i + 1] ?? '';
  const { stdout = '', stderr = '', ls, ...files } = body;
  return {
    args: splitArgs(command.slice('drygate '.length)),
    exit: Number(exit.slice('exit '.length)),
    stdout,
    stderr,
    ls: ls === undefined ? undefined : ls.split('\n').filter((l) => l !== ''),
    files,
  };
}
