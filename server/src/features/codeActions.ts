import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver';
import type { FileAnalysis, Finding } from '../analysis/model';
import { referenceAt } from './hover';
import { toDiagnostic } from './diagnostics';

const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

function title(f: Finding, text: string): string {
  switch (f.rule) {
    case 'deprecated-image': return `Replace with ${text}`;
    case 'removed-api':
    case 'deprecated-api': return `Change apiVersion to ${text}`;
    case 'deprecated-syntax': return text.startsWith('LABEL') ? `Replace MAINTAINER with ${text}` : 'Remove the obsolete version key';
    default: return `Replace with ${text}`;
  }
}

/**
 * Quick fixes for findings with a mechanical replacement, plus "Suggest alternative…" on any
 * recognized reference (the client turns it into its quick pick).
 */
export function codeActions(analysis: FileAnalysis, uri: string, range: Range, only?: string[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix));
  if (wantsQuickFix) {
    for (const f of analysis.findings) {
      if (!overlaps(f.range, range)) continue;
      const diagnostic: Diagnostic = toDiagnostic(f);
      (f.replacements ?? []).forEach((r, i) => {
        if (!r.edits?.length) return;
        actions.push({
          title: title(f, r.text),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: i === 0,
          edit: { changes: { [uri]: r.edits } },
        });
      });
    }
    const ref = referenceAt(analysis, range.start);
    if (ref && (ref.entry || ref.kind === 'image' || ref.kind === 'apiVersion')) {
      actions.push({
        title: 'Suggest alternative…',
        kind: CodeActionKind.QuickFix,
        command: { title: 'Suggest alternative…', command: 'containerAtlas.suggestAlternative', arguments: [uri, ref.range.start] },
      });
    }
  }
  return actions;
}
