/**
 * In-file ignore comments: `# drygate: ignore <check-id>` anywhere in a rule (or right above
 * it) silences that check for the rule; `# drygate: ignore-file <check-id>` for the whole file.
 * Several ids may be given, separated by spaces or commas.
 *
 * @module
 */
import type { Block, DirectiveComment, FileSuppressions } from './model.js';
import type { SourceText } from './source.js';
import type { Problem } from './types.js';

const DIRECTIVE = /(?:^|\s)#\s*drygate:\s*(\S*)(.*)$/;

/** Every `# drygate:` comment of a file. */
export function readDirectives(source: SourceText): DirectiveComment[] {
  const out: DirectiveComment[] = [];
  if (!source.text.includes('drygate:')) return out;
  for (let n = 1; n <= source.lineCount; n++) {
    const line = source.line(n);
    const m = DIRECTIVE.exec(line);
    if (m === null) continue;
    const column = line.indexOf('#', m.index) + 1;
    out.push({
      source: { file: source.file, line: n, column },
      verb: m[1] ?? '',
      checks: (m[2] ?? '').split(/[\s,]+/).filter((c) => c !== ''),
    });
  }
  return out;
}

const isCommentOrBlank = (line: string): boolean => /^\s*(#.*)?$/.test(line);

/**
 * The blocks of a file: each anchor line (where a rule, group or gate starts) owns the comment
 * lines right above it and every line up to the next anchor's comments.
 */
export function buildSuppressions(
  source: SourceText,
  anchorLines: readonly number[],
): FileSuppressions {
  const comments = readDirectives(source);
  if (comments.length === 0) return { file: new Set(), blocks: [], comments };
  const anchors = [...new Set(anchorLines)].sort((a, b) => a - b);
  const leads = anchors.map((line) => {
    let lead = line;
    while (
      lead > 1 &&
      isCommentOrBlank(source.line(lead - 1)) &&
      source.line(lead - 1).trim() !== ''
    )
      lead--;
    return lead;
  });
  const blocks: Block[] = anchors.map((_, i) => {
    const firstLine = leads[i] as number;
    const lastLine = (leads[i + 1] ?? source.lineCount + 1) - 1;
    const ignored = new Set(
      comments
        .filter(
          (c) => c.verb === 'ignore' && c.source.line >= firstLine && c.source.line <= lastLine,
        )
        .flatMap((c) => c.checks),
    );
    return { firstLine, lastLine, ignored };
  });
  const file = new Set(comments.filter((c) => c.verb === 'ignore-file').flatMap((c) => c.checks));
  return { file, blocks: blocks.filter((b) => b.ignored.size > 0), comments };
}

/** Whether a problem is silenced by a comment in its file. */
export function isSuppressed(
  problem: Problem,
  all: ReadonlyMap<string, FileSuppressions>,
): boolean {
  const s = all.get(problem.source.file);
  if (s === undefined) return false;
  if (s.file.has(problem.check)) return true;
  const line = problem.source.line;
  return s.blocks.some(
    (b) => line >= b.firstLine && line <= b.lastLine && b.ignored.has(problem.check),
  );
}
