/**
 * label_replace and label_join: they change labels, never values, and keep each sample's
 * pending name drop, except that writing `__name__` gives the sample a name to keep (Prometheus
 * 3's delayed name removal).
 *
 * @module
 */
import { QueryError } from '../../errors.js';
import { getLabel, isWellFormedText, METRIC_NAME, type Labels } from '../../model/labels.js';
import { labelsKey } from '../../model/labels-key.js';
import { compileAnchored } from '../../model/regex.js';
import { stringArg, vectorArg } from './args.js';
import type { Sample } from '../value.js';
import type { FunctionImpl, InstantFunction } from './types.js';

const SAME_LABELSET = 'vector cannot contain metrics with the same labelset';

/** Any non-empty well-formed string is a label name (Prometheus 3 validates names as UTF-8). */
function isValidLabelName(name: string): boolean {
  return name !== '' && isWellFormedText(name);
}

/** The labels with `name` set to `value`, or removed when `value` is empty. */
function setLabel(labels: Labels, name: string, value: string): Labels {
  const out = labels.filter((l) => l.name !== name);
  if (value === '') return out;
  const at = out.findIndex((l) => l.name > name);
  out.splice(at < 0 ? out.length : at, 0, { name, value });
  return out;
}

/**
 * The sample with new labels. Writing `__name__` clears a pending name drop: the name is now
 * chosen by the query, not inherited.
 */
function relabel(s: Sample, labels: Labels, dst: string, ts: number): Sample {
  if (dst === METRIC_NAME) return { labels, t: ts, f: s.f, dropName: false };
  return s.dropName === undefined
    ? { labels, t: ts, f: s.f }
    : { labels, t: ts, f: s.f, dropName: s.dropName };
}

/**
 * Two outputs with the same labels at one step are an error, as in Prometheus, where they
 * would be merged into one series with two values at the same time.
 */
function checkDistinct(out: readonly Sample[]): Sample[] {
  const seen = new Set<string>();
  for (const s of out) {
    const key = labelsKey(s.labels);
    if (seen.has(key)) throw new QueryError(SAME_LABELSET);
    seen.add(key);
  }
  return [...out];
}

export { expandRegexTemplate as expandTemplate } from '../../model/regex-expand.js';
import { expandRegexTemplate } from '../../model/regex-expand.js';

// === label_replace(v instant-vector, dst string, replacement string, src string, regex string) instant-vector ===
// Where the whole of `src` matches `regex`, sets `dst` to the expanded replacement (removes
// it if that is empty). Other samples pass through unchanged.
const labelReplace: InstantFunction = {
  kind: 'instant',
  call(args, ctx) {
    const dst = stringArg(args, 1);
    const replacement = stringArg(args, 2);
    const src = stringArg(args, 3);
    const regexText = stringArg(args, 4);
    let regex: RegExp;
    try {
      regex = compileAnchored(regexText);
    } catch {
      throw new QueryError(`invalid regular expression in label_replace(): ${regexText}`);
    }
    if (!isValidLabelName(dst)) {
      throw new QueryError(`invalid destination label name in label_replace(): ${dst}`);
    }
    const out = vectorArg(args, 0).map((s) => {
      const match = regex.exec(getLabel(s.labels, src));
      if (match === null) return { ...s, t: ctx.ts };
      return relabel(
        s,
        setLabel(s.labels, dst, expandRegexTemplate(replacement, match)),
        dst,
        ctx.ts,
      );
    });
    return checkDistinct(out);
  },
};

// === label_join(v instant-vector, dst string, separator string, src string...) instant-vector ===
// Sets `dst` to the values of the `src` labels joined by `separator` (missing labels count as
// empty); removes `dst` if the result is empty.
const labelJoin: InstantFunction = {
  kind: 'instant',
  call(args, ctx) {
    const dst = stringArg(args, 1);
    const separator = stringArg(args, 2);
    const sources: string[] = [];
    for (let i = 3; i < args.length; i++) {
      const src = stringArg(args, i);
      if (!isValidLabelName(src))
        throw new QueryError(`invalid source label name in label_join(): ${src}`);
      sources.push(src);
    }
    if (!isValidLabelName(dst)) {
      throw new QueryError(`invalid destination label name in label_join(): ${dst}`);
    }
    const out = vectorArg(args, 0).map((s) => {
      const value = sources.map((src) => getLabel(s.labels, src)).join(separator);
      return relabel(s, setLabel(s.labels, dst, value), dst, ctx.ts);
    });
    return checkDistinct(out);
  },
};

export const LABEL_FUNCTIONS: Readonly<Record<string, FunctionImpl>> = {
  label_replace: labelReplace,
  label_join: labelJoin,
};
