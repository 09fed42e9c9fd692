import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { FileAnalysis, Finding, Severity } from '../analysis/model';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'Container Atlas';
export const CATALOG_DOCS = 'https://github.com/container-atlas/container-atlas#rules';

/** Findings as LSP diagnostics: rule id as code, Deprecated tag, related information pointing at the catalog's sources. */
export function diagnostics(analysis: FileAnalysis, uri: string): Diagnostic[] {
  return analysis.findings.map((f) => toDiagnostic(f, uri));
}

export function toDiagnostic(f: Finding, uri: string): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.rule,
    codeDescription: { href: `${CATALOG_DOCS}-${f.rule}` },
    message: f.message,
    data: { rule: f.rule, entry: f.entry, replacements: f.replacements },
  };
  if (f.deprecated) d.tags = [DiagnosticTag.Deprecated];
  if (f.sources?.length) {
    d.relatedInformation = [{ location: { uri, range: f.range }, message: `Source${f.sources.length > 1 ? 's' : ''}: ${f.sources.slice(0, 3).join(' · ')}` }];
  }
  return d;
}
