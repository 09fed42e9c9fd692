import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver';
import { CodeActionKind } from './lspConstants';
import type { FileAnalysis } from '../analysis/model';
import { fixTitle } from '../common/rules';
import { referenceAt } from './hover';
import { toDiagnostic } from './diagnostics';

const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

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
          title: fixTitle(f.rule, r),
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
