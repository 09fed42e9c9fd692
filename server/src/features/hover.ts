import type { Hover } from 'vscode-languageserver';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { FileAnalysis, Position, Reference } from '../analysis/model';
import { containsPosition } from '../util/lineIndex';
import { entryCard } from './entryCard';
import { code, escapeMarkdown, link } from './markdown';

export function referenceAt(analysis: FileAnalysis, pos: Position): Reference | undefined {
  let best: Reference | undefined;
  for (const r of analysis.references) {
    if (r.range.start.line > pos.line) break;
    if (containsPosition(r.range, pos)) best = r;
  }
  return best;
}

/** The hover card for the reference under the cursor: the catalog entry, and for images the parts of the reference and what the findings say. */
export function hover(catalog: CatalogIndex, analysis: FileAnalysis, pos: Position): Hover | null {
  const ref = referenceAt(analysis, pos);
  if (!ref) return null;
  const findings = analysis.findings.filter((f) => f.rule !== 'analysis-skipped' && containsPosition(f.range, ref.range.start) && (f.range.start.line === ref.range.start.line && f.range.start.character === ref.range.start.character));
  const entry = ref.entry ? catalog.entry(ref.entry) : undefined;
  // The card already states the entry's status; other findings (image, API, EOL) add to it.
  const extra = findings.filter((f) => !(entry && f.rule === 'deprecated-technology'));
  if (!entry && !extra.length) return null;
  const parts: string[] = [];
  if (entry) parts.push(entryCard(catalog, entry));
  if (ref.image) {
    const i = ref.image;
    const eol = catalog.eolCycle(ref.key ?? '', i.tag);
    const rows = [
      `Registry ${code(i.registry)}`,
      `repository ${code(i.repository)}`,
      `tag ${i.tag ? code(i.tag) : '_none (latest)_'}`,
      ...(i.digest ? [`digest ${code(i.digest.slice(0, 19) + '…')}`] : []),
      ...(eol ? [`release cycle ${escapeMarkdown(eol.product.name)} ${escapeMarkdown(eol.cycle.cycle)} (${eol.cycle.eol ? `end of life ${escapeMarkdown(eol.cycle.eol)}` : 'supported'}, ${link('endoflife.date', eol.product.sources[0])})`] : []),
    ];
    parts.push(rows.join(' · '));
  }
  for (const f of extra) {
    const repl = f.replacements?.filter((r) => r.text).map((r) => code(r.text)).join(' or ');
    parts.push(`${f.severity === 'error' ? '⛔' : '⚠️'} ${escapeMarkdown(f.message)}${repl && f.rule !== 'deprecated-technology' ? `\n\nReplacement: ${repl}` : ''}`);
  }
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: ref.range };
}
