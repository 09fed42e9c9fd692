import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver';
import { CodeActionKind } from './lspConstants';
import type { FileAnalysis } from '../analysis/model';
import { fixTitle } from '../common/rules';
import { ignoreComment } from '../analysis/ignoreComments';
import type { Finding } from '../analysis/model';
import { referenceAt } from './hover';
import { toDiagnostic } from './diagnostics';

const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

/**
 * Quick fixes for findings with a mechanical replacement, plus "Suggest alternative…" on any
 * recognized reference (the client turns it into its quick pick).
 */
/** How a line comment starts in a file of this kind; null when the format has none (JSON manifests). */
function commentStart(a: FileAnalysis): string | null {
  if (a.kind === 'devcontainer') return '//';
  if (/\.json$/i.test(a.path)) return null;
  return '#';
}

/**
 * The actions that silence a finding, as ESLint's and hadolint's integrations offer them: an ignore
 * comment above its line, one for the whole file (after a Dockerfile's parser directives, which must
 * stay first), and the setting that changes the rule's severity.
 */
function ignoreActions(analysis: FileAnalysis, uri: string, f: Finding, text: string, diagnostic: Diagnostic): CodeAction[] {
  const out: CodeAction[] = [];
  const start = commentStart(analysis);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r\n|\r|\n/);
  const line = lines[f.range.start.line] ?? '';
  const indent = /^[ \t]*/.exec(line)![0];
  const lineComment = ignoreComment(start, f.rule, 'line');
  if (lineComment) {
    out.push({ title: `Ignore ${f.rule} on this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic],
      edit: { changes: { [uri]: [{ range: { start: { line: f.range.start.line, character: 0 }, end: { line: f.range.start.line, character: 0 } }, newText: `${indent}${lineComment}${eol}` }] } } });
  }
  const fileComment = ignoreComment(start, f.rule, 'file');
  if (fileComment) {
    let at = 0;
    if (analysis.kind === 'dockerfile') while (at < lines.length && /^#\s*[A-Za-z][A-Za-z0-9_-]*\s*=/.test(lines[at])) at++;
    out.push({ title: `Ignore ${f.rule} in this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic],
      edit: { changes: { [uri]: [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `${fileComment}${eol}` }] } } });
  }
  out.push({ title: `Change severity of ${f.rule}…`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic],
    command: { title: `Change severity of ${f.rule}…`, command: 'containerAtlas.changeSeverity', arguments: [f.rule] } });
  return out;
}

/**
 * Quick fixes for findings with a mechanical replacement, then the actions that silence each finding,
 * plus "Suggest alternative…" on any recognized reference (the client turns it into its quick pick).
 * `text` is the document's text (for the ignore comments' placement).
 */
export function codeActions(analysis: FileAnalysis, uri: string, range: Range, only?: string[], text = ''): CodeAction[] {
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
    for (const f of analysis.findings) {
      if (!overlaps(f.range, range) || f.rule === 'analysis-skipped') continue;
      actions.push(...ignoreActions(analysis, uri, f, text, toDiagnostic(f)));
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
