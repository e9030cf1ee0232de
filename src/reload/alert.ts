/**
 * The loud message for a reload that failed and could not be undone.
 *
 * @module
 */
import { join } from 'node:path';
import type { Inputs } from './inputs.js';
import type { ReloadStatus } from './server.js';

/** The loud message for a Prometheus left on its previous in-memory configuration. */
export function inMemoryAlert(
  url: string,
  last: ReloadStatus | undefined,
  inputs: Inputs,
  why: string,
  onDisk: string,
): string {
  const ts = last?.successTimestampS;
  const since = ts === undefined ? 'its last successful reload' : new Date(ts * 1000).toISOString();
  const head =
    last?.successful === undefined
      ? [
          `PROMETHEUS AT ${url} DID NOT ANSWER: ${why}.`,
          'If it is still running, it runs its previous in-memory configuration; ' +
            `the files on disk are ${onDisk}.`,
        ]
      : [
          `PROMETHEUS AT ${url} IS RUNNING ON ITS PREVIOUS IN-MEMORY CONFIGURATION: ${why}.`,
          `It keeps evaluating the rules it loaded at ${since}; the files on disk are ${onDisk}.`,
        ];
  return [
    ...head,
    'A restart would load the files on disk. What to do:',
    `  1. do not restart Prometheus until \`promtool check config ${inputs.configPath}\` passes;`,
    `  2. read the reload error in the Prometheus log, and the steps in ${join(inputs.stateDir, 'journal.log')};`,
    '  3. fix the files and run drygate reload again: it reports success only once Prometheus runs them.',
  ].join('\n');
}
