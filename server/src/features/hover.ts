import type { Hover } from 'vscode-languageserver';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { FileAnalysis, Finding, Position, Reference } from '../analysis/model';
import { containsPosition } from '../common/lineIndex';
import { dataAsOfLine, entryCard } from './entryCard';
import { code, escapeMarkdown, link } from './markdown';

/** Index of the first item whose range starts at or after (line, character), in a list sorted by start. */
function lowerBound(items: { range: { start: Position } }[], line: number, character: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = items[mid].range.start;
    if (s.line < line || (s.line === line && s.character < character)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The reference under the cursor: the last one (in the analysis's order, sorted by start) whose
 * range contains the position. Searches back from the last reference starting on or before the
 * cursor's line instead of going through the whole file.
 */
export function referenceAt(analysis: FileAnalysis, pos: Position): Reference | undefined {
  const refs = analysis.references;
  for (let i = lowerBound(refs, pos.line + 1, 0) - 1; i >= 0; i--) {
    if (containsPosition(refs[i].range, pos)) return refs[i];
  }
  return undefined;
}

/** The hover card for the reference under the cursor: the catalog entry, and for images the parts of the reference and what the findings say. */
export function hover(catalog: CatalogIndex, analysis: FileAnalysis, pos: Position): Hover | null {
  const ref = referenceAt(analysis, pos);
  if (!ref) return null;
  // Findings are sorted by start: those that start where the reference starts are one run.
  const findings: Finding[] = [];
  const fs = analysis.findings;
  for (let i = lowerBound(fs, ref.range.start.line, ref.range.start.character); i < fs.length; i++) {
    const f = fs[i];
    if (f.range.start.line !== ref.range.start.line || f.range.start.character !== ref.range.start.character) break;
    if (f.rule !== 'analysis-skipped' && containsPosition(f.range, ref.range.start)) findings.push(f);
  }
  const entry = ref.entry ? catalog.entry(ref.entry) : undefined;
  // The card already states the entry's status; other findings (image, API, EOL) add to it.
  const extra = findings.filter((f) => !(entry && f.rule === 'deprecated-technology'));
  if (!entry && !extra.length) return null;
  const parts: string[] = [];
  if (entry) parts.push(entryCard(catalog, entry));
  if (ref.image) {
    const i = ref.image;
    const eol = catalog.eolCycle(ref.key ?? '', i.tag);
    const os = catalog.osCycle(ref.key ?? '', i.tag);
    const rows = [
      `Registry ${code(i.registry)}`,
      `repository ${code(i.repository)}`,
      `tag ${i.tag ? code(i.tag) : '_none (latest)_'}`,
      ...(i.digest ? [`digest ${code(i.digest.slice(0, 19) + '…')}`] : []),
      ...[eol, os].filter((v) => !!v).map((v, n) => `${n || !eol ? 'OS' : 'release cycle'} ${escapeMarkdown(v!.product.name)} ${escapeMarkdown(v!.cycle.cycle)} (${v!.cycle.eol ? `end of life ${escapeMarkdown(v!.cycle.eol)}` : 'supported'}, ${link('endoflife.date', v!.product.sources[0])})`),
    ];
    parts.push(rows.join(' · '));
  }
  for (const f of extra) {
    const repl = f.replacements?.filter((r) => r.text).map((r) => code(r.text)).join(' or ');
    parts.push(`${f.severity === 'error' ? '⛔' : '⚠️'} ${escapeMarkdown(f.message)}${repl && f.rule !== 'deprecated-technology' ? `\n\nReplacement: ${repl}` : ''}`);
  }
  const dated = dataAsOfLine(catalog);
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') + (dated ? `\n\n_${escapeMarkdown(dated)}_` : '') }, range: ref.range };
}
