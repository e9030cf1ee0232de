/**
 * `drygate check gates FILE...`: validate gate specs offline (schema, PromQL, required-matcher
 * conflicts), in the shape of `check rules`: per file `SUCCESS: N gates found` or the problems.
 */
import { GateSpecError, readGateSpec } from '../../gate/spec/load.js';
import type { Gate } from '../../gate/spec/types.js';
import { ExitCode, ExitError } from '../exit.js';
import type { CliIo } from '../io.js';

function countGates(gates: readonly Gate[]): number {
  return gates.reduce((n, g) => n + 1 + (g.kind === 'quorum' ? countGates(g.gates) : 0), 0);
}

export async function checkGates(files: readonly string[], io: CliIo): Promise<void> {
  let failed = false;
  for (const file of files) {
    io.out(`Checking ${file}\n`);
    try {
      const spec = await readGateSpec(file);
      io.out(`  SUCCESS: ${countGates(spec.gates)} gates found\n\n`);
    } catch (err) {
      if (!(err instanceof GateSpecError)) throw err;
      failed = true;
      io.err(`  FAILED:\n${err.message}\n`);
      io.out('\n');
    }
  }
  if (failed) throw new ExitError(ExitCode.Failed);
}
