/**
 * The steps of a transaction, for the report and, once the lock is held, the journal.
 *
 * @module
 */
import { appendJournal } from './state.js';
import type { StepRecord, StepStatus } from './types.js';

/** Collects the report's steps and writes each to the journal once the lock is held. */
export class Recorder {
  readonly steps: StepRecord[] = [];
  journalDir: string | undefined;

  record(stepName: string, status: StepStatus, detail: string): void {
    const atMs = Date.now();
    this.steps.push({ step: stepName, status, detail, atMs });
    if (this.journalDir !== undefined) {
      try {
        appendJournal(this.journalDir, `${stepName} ${status}: ${detail}`, atMs);
      } catch {
        // The journal is an aid; a full disk must not break the transaction.
      }
    }
  }
}
