/**
 * The plain data shapes every layer shares (positions, ranges, edits, file kinds, severities).
 * No imports: this is the bottom of the layer stack (see ARCHITECTURE.md).
 */

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export type FileKind = 'dockerfile' | 'compose' | 'kubernetes' | 'helm-template' | 'kustomize' | 'devcontainer' | 'github-actions' | 'quadlet' | 'helm-chart' | 'helm-values' | 'bake' | 'tiltfile';
export type ReferenceKind = 'image' | 'command' | 'tool' | 'apiVersion';
