import type { RuleId } from '../common/rules';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { AnalysisOptions, Finding } from './model';

/** `# container-atlas: ignore rule-a, rule-b` on a line or the line above it silences those rules there (all rules when none are named). */
export function ignoredRules(text: string): Map<number, Set<RuleId> | 'all'> {
  const out = new Map<number, Set<RuleId> | 'all'>();
  if (!text.includes('container-atlas:')) return out;
  const lines = text.split(/\r\n|\r|\n/);
  const re = /(?:#|\/\/)\s*container-atlas:\s*ignore(?!-file)\b([^\n]*)/;
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

const FILE_RE = /(?:#|\/\/)\s*container-atlas:\s*ignore-file\b([^\n\r]*)/g;

/**
 * `# container-atlas: ignore-file rule-a, rule-b` anywhere in a file silences those rules in the whole
 * file (all rules when none are named). Null when the file has no such comment.
 */
export function fileIgnoredRules(text: string): Set<RuleId> | 'all' | null {
  if (!text.includes('ignore-file')) return null;
  let out: Set<RuleId> | 'all' | null = null;
  for (const m of text.matchAll(FILE_RE)) {
    const rules = m[1].split(/[\s,]+/).filter(Boolean) as RuleId[];
    if (!rules.length || out === 'all') { out = 'all'; continue; }
    out = new Set([...(out ?? []), ...rules]);
  }
  return out;
}

/** The comment that silences `rule` on the next line, or in the whole file, in a file of this kind (null: the format has no comments). */
export function ignoreComment(commentStart: string | null, rule: RuleId, scope: 'line' | 'file'): string | null {
  return commentStart ? `${commentStart} container-atlas: ${scope === 'file' ? 'ignore-file' : 'ignore'} ${rule}` : null;
}

/**
 * What is left of findings on `text` (which starts on file line `lineBase`) after its line ignore
 * comments and the severities of the catalog and the options (an `off` rule is dropped). Every pass
 * that makes findings goes through it, so none escapes an ignore comment.
 */
export function applyIgnoresAndSeverities(findings: Finding[], text: string, catalog: CatalogIndex, options: AnalysisOptions, lineBase = 0): Finding[] {
  const ignored = ignoredRules(text);
  const severities = { ...(catalog.settings.severities ?? {}), ...(options.severities ?? {}) } as Record<string, string | undefined>;
  const out: Finding[] = [];
  for (const f of findings) {
    const ign = ignored.size ? ignored.get(f.range.start.line - lineBase) : undefined;
    if (ign === 'all' || ign?.has(f.rule)) continue;
    const sev = severities[f.rule];
    if (sev === 'off') continue;
    if (sev) f.severity = sev as Finding['severity'];
    out.push(f);
  }
  return out;
}
