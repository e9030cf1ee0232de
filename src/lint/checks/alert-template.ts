/**
 * `alert/template`: alert labels and annotations are Go templates. They must parse (the rule
 * loader reports those errors as this check), and they should only read labels the expression
 * can return: `{{ $labels.instance }}` after `sum by (job) (...)` is always empty. `$value` in
 * a label makes a new alert every time the value changes (and resets `for`): keep it in
 * annotations. From pint's `alerts/template`.
 */
import type { AnyNode } from '../../rules/template/ast.js';
import { ALERT_TEMPLATE_PRELUDE, parseAlertTemplate } from '../../rules/template/expand.js';
import type { Template } from '../../rules/template/parser.js';
import { canHave } from '../analysis/labels.js';
import { findKey } from '../analysis/project.js';
import { problemAt } from '../analysis/problems.js';
import type { Check } from '../check.js';
import type { Problem } from '../types.js';

const ID = 'alert/template';

interface TemplateUse {
  labels: string[];
  value: boolean;
}

function collect(node: AnyNode | undefined, out: TemplateUse): void {
  if (node === undefined) return;
  if (node.pos < ALERT_TEMPLATE_PRELUDE.length && node.kind !== 'list') return;
  switch (node.kind) {
    case 'list':
      node.nodes.forEach((n) => collect(n, out));
      return;
    case 'action':
      collect(node.pipe, out);
      return;
    case 'if':
    case 'range':
    case 'with':
      collect(node.pipe, out);
      collect(node.list, out);
      collect(node.elseList, out);
      return;
    case 'template':
      collect(node.pipe, out);
      return;
    case 'pipe':
      node.cmds.forEach((c) => collect(c, out));
      return;
    case 'command': {
      const [fn, target, key] = node.args;
      const isLabels =
        (target?.kind === 'variable' &&
          target.ident.length === 1 &&
          target.ident[0] === '$labels') ||
        (target?.kind === 'field' && target.ident.length === 1 && target.ident[0] === 'Labels');
      if (fn?.kind === 'identifier' && fn.ident === 'index' && isLabels && key?.kind === 'string')
        out.labels.push(key.text);
      node.args.forEach((a) => collect(a, out));
      return;
    }
    case 'variable':
      if (node.ident[0] === '$labels' && node.ident[1] !== undefined)
        out.labels.push(node.ident[1]);
      if (node.ident[0] === '$value') out.value = true;
      return;
    case 'field':
      if (node.ident[0] === 'Labels' && node.ident[1] !== undefined) out.labels.push(node.ident[1]);
      if (node.ident[0] === 'Value') out.value = true;
      return;
    case 'chain':
      collect(node.node, out);
      return;
    default:
      return;
  }
}

/** The labels a template reads and whether it reads the value; undefined if it does not parse. */
export function templateUse(text: string, alert: string): TemplateUse | undefined {
  let tmpl: Template;
  try {
    tmpl = parseAlertTemplate(text, alert);
  } catch {
    return undefined;
  }
  const out: { labels: string[]; value: boolean } = { labels: [], value: false };
  for (const tree of tmpl.trees.values()) collect(tree, out);
  return out;
}

export const alertTemplate: Check = {
  id: ID,
  defaultSeverity: 'warning',
  description:
    'Alert templates parse and read only labels the expression returns; $value stays out of labels.',
  check({ project, analysis }) {
    const problems: Problem[] = project.inputProblems.filter((p) => p.check === ID);
    for (const r of project.rules) {
      if (r.rule.kind !== 'alerting') continue;
      if (r.rule.labels.length === 0 && r.rule.annotations.length === 0) continue;
      const info = analysis.labels.of(r.rule.ast);
      const own = new Set([...(r.group.labels ?? []), ...r.rule.labels].map((l) => l.name));
      const source = project.sources.get(r.file);
      for (const [field, pairs] of [
        ['labels', r.rule.labels],
        ['annotations', r.rule.annotations],
      ] as const) {
        const fieldAt = r.rule.fields[field];
        for (const pair of pairs) {
          if (!pair.value.includes('{{')) continue;
          const use = templateUse(pair.value, r.rule.name);
          if (use === undefined) continue;
          const at = fieldAt === undefined ? r.rule.source : findKey(source, fieldAt, pair.name);
          if (field === 'labels' && use.value)
            problems.push(
              problemAt(
                alertTemplate,
                at,
                `label ${pair.name} of alert ${JSON.stringify(r.rule.name)} uses $value: every change of value makes a new alert (and restarts for:); move it to an annotation`,
              ),
            );
          for (const label of new Set(use.labels)) {
            if (own.has(label) || canHave(info, label)) continue;
            problems.push(
              problemAt(
                alertTemplate,
                at,
                `${field.slice(0, -1)} ${pair.name} of alert ${JSON.stringify(r.rule.name)} reads $labels.${label}, but the expression returns no ${label} label, so it is always empty: keep ${label} in the expression (by/on) or drop the reference`,
              ),
            );
          }
        }
      }
    }
    return problems;
  },
};
