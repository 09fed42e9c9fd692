import type { CodeActionKind as CodeActionKindT, CompletionItemKind as CompletionItemKindT, CompletionItemTag as CompletionItemTagT, DiagnosticSeverity as DiagnosticSeverityT, DiagnosticTag as DiagnosticTagT } from 'vscode-languageserver';

/*
 * The few LSP constants the features use, as the protocol fixes them. The features import only types
 * from vscode-languageserver, so the CLI, which uses the features through the language service,
 * bundles no part of the JSON-RPC transport (test/lsp/network.test.ts checks the CLI has no sockets).
 */
export const CodeActionKind = { QuickFix: 'quickfix' as CodeActionKindT };
export const DiagnosticSeverity = { Error: 1 as DiagnosticSeverityT, Warning: 2 as DiagnosticSeverityT, Information: 3 as DiagnosticSeverityT, Hint: 4 as DiagnosticSeverityT };
export const DiagnosticTag = { Unnecessary: 1 as DiagnosticTagT, Deprecated: 2 as DiagnosticTagT };
export const CompletionItemKind = { Module: 9 as CompletionItemKindT, Value: 12 as CompletionItemKindT, Class: 7 as CompletionItemKindT, File: 17 as CompletionItemKindT };
export const CompletionItemTag = { Deprecated: 1 as CompletionItemTagT };
