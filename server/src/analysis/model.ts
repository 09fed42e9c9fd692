/** What the analysis produces for one file. The CLI's JSON output is these objects as they are. */

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }

export type FileKind = 'dockerfile' | 'compose' | 'kubernetes' | 'helm-template' | 'kustomize' | 'devcontainer' | 'github-actions' | 'quadlet';
export type ReferenceKind = 'image' | 'command' | 'tool' | 'apiVersion';
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const RULES = {
  'deprecated-technology': { severity: 'warning', title: 'Deprecated technology', help: 'The file uses a technology whose catalog status is not active (deprecated, archived, discontinued, end of life…). Move to the successor the catalog names.' },
  'deprecated-image': { severity: 'warning', title: 'Deprecated or moved image', help: 'The image repository or registry is deprecated, frozen, renamed or moved. Use the replacement reference the catalog gives.' },
  'eol-image': { severity: 'warning', title: 'End-of-life image tag', help: 'The image tag belongs to a release cycle that is past its end-of-life date and gets no more security fixes. Move to a supported cycle.' },
  'removed-api': { severity: 'error', title: 'Removed Kubernetes API', help: 'The apiVersion/kind was removed from Kubernetes at or before the target version: the API server rejects it. Use the replacement apiVersion.' },
  'deprecated-api': { severity: 'warning', title: 'Deprecated Kubernetes API', help: 'The apiVersion/kind is deprecated at the target Kubernetes version and will be removed. Use the replacement apiVersion.' },
  'deprecated-syntax': { severity: 'warning', title: 'Deprecated syntax', help: 'The file uses syntax that its format has deprecated (Dockerfile MAINTAINER, Compose version, links, external_links, volume_driver). Use the modern form.' },
  'unapproved-registry': { severity: 'warning', title: 'Image from an unapproved registry', help: 'Your organisation catalog lists the registries images may come from; this image comes from another one.' },
  'analysis-skipped': { severity: 'information', title: 'File not fully analysed', help: 'The file is too large, binary, or could not be parsed in part; Container Atlas analysed what it could.' },
} as const satisfies Record<string, { severity: Severity; title: string; help: string }>;

export type RuleId = keyof typeof RULES;

export interface ImageParts { registry: string; repository: string; tag: string | null; digest: string | null }

export interface Reference {
  kind: ReferenceKind;
  text: string;
  range: Range;
  entry?: string;
  entryName?: string;
  image?: ImageParts;
  /** For image references: the catalog key (nginx, quay.io/coreos/etcd); for apiVersion: the kind. */
  key?: string;
  /** Where in the file it was found (FROM, image:, containers, RUN, runtimeClassName…). */
  context?: string;
}

export interface Replacement {
  /** What to use instead: an image reference, an apiVersion, an instruction, or an entry's name. */
  text: string;
  entry?: string;
  reason?: string;
  /** Present when the replacement is mechanical: the edits that apply it. */
  edits?: TextEdit[];
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  range: Range;
  entry?: string;
  entryName?: string;
  replacements?: Replacement[];
  /** Source URLs of the catalog facts behind the finding. */
  sources?: string[];
  /** True when the finding is about something deprecated or obsolete (LSP tag Deprecated). */
  deprecated?: boolean;
}

export interface FileAnalysis {
  path: string;
  kind: FileKind;
  references: Reference[];
  findings: Finding[];
  errors: string[];
}

export interface AnalysisOptions {
  /** YYYY-MM-DD; end-of-life is judged against this date. */
  asOf: string;
  /** X.Y; default: the newest version the catalog knows. */
  kubernetesVersion?: string;
  severities?: Partial<Record<RuleId, Severity | 'off'>>;
  /** Files larger than this (bytes) are not analysed. */
  maxFileSize?: number;
}

export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
