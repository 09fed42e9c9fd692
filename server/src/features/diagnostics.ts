import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity, DiagnosticTag } from './lspConstants';
import type { FileAnalysis, Finding, Severity } from '../analysis/model';
import { byStart } from '../common/lineIndex';
import { SEVERITIES } from '../common/model';
import { ruleDocsUrl } from '../common/rules';

const SEVERITY: Record<Severity, Diagnostic['severity']> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'Container Atlas';
/**
 * Diagnostics published per file by default. VS Code shows at most 1,000 diagnostics per file and
 * drops the rest after they have crossed the wire; sending only what is shown keeps keystrokes in a
 * manifest with thousands of findings fast, in every editor.
 */
export const DEFAULT_MAX_DIAGNOSTICS = 1000;

/**
 * Findings as LSP diagnostics (rule id as code, link to the rule's documentation, Deprecated tag).
 * Past `max`, the most severe findings are kept (in file order within a severity) and one
 * information diagnostic on the first line says how many were left out and how to see them all.
 */
export function diagnostics(analysis: FileAnalysis, max = DEFAULT_MAX_DIAGNOSTICS): Diagnostic[] {
  const findings = analysis.findings;
  if (findings.length <= max) return findings.map(toDiagnostic);
  const kept: Finding[] = [];
  for (const severity of SEVERITIES) {
    for (const f of findings) {
      if (kept.length >= max) break;
      if (f.severity === severity) kept.push(f);
    }
  }
  kept.sort(byStart);
  const out = kept.map(toDiagnostic);
  out.unshift({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: 'diagnostics-limit',
    message: `Showing ${max.toLocaleString('en-US')} of ${findings.length.toLocaleString('en-US')} findings in this file, the most severe first (containerAtlas.maxDiagnosticsPerFile). Raise the setting, or run \`container-atlas scan ${analysis.path}\` to list them all.`,
  });
  return out;
}

/**
 * One finding as an LSP diagnostic. The sources behind a lifecycle claim are on the hover card and
 * the entry page; they are not repeated in every diagnostic, which would double what each keystroke
 * sends in a file with hundreds of findings.
 */
export function toDiagnostic(f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.rule,
    codeDescription: { href: ruleDocsUrl(f.rule) },
    message: f.message,
  };
  if (f.deprecated) d.tags = [DiagnosticTag.Deprecated];
  return d;
}
