import type { RuleId } from '../common/rules';

/** `# container-atlas: ignore rule-a, rule-b` on a line or the line above it silences those rules there (all rules when none are named). */
export function ignoredRules(text: string): Map<number, Set<RuleId> | 'all'> {
  const out = new Map<number, Set<RuleId> | 'all'>();
  if (!text.includes('container-atlas:')) return out;
  const lines = text.split(/\r\n|\r|\n/);
  const re = /(?:#|\/\/)\s*container-atlas:\s*ignore\b([^\n]*)/;
  lines.forEach((line, i) => {
    const m = re.exec(line);
    if (!m) return;
    const rules = m[1].split(/[\s,]+/).filter(Boolean) as RuleId[];
    const value: Set<RuleId> | 'all' = rules.length ? new Set(rules) : 'all';
    const own = line.slice(0, m.index).trim() === '';
    for (const target of own ? [i, i + 1] : [i]) {
      const prev = out.get(target);
      if (prev === 'all' || value === 'all') out.set(target, 'all');
      else out.set(target, new Set([...(prev ?? []), ...value]));
    }
  });
  return out;
}
