/** What the analysis produces for one file. The CLI's JSON output is these objects as they are. */

export type { Position, Range, TextEdit, FileKind, ReferenceKind, Severity } from '../common/model';
export { RULES, type RuleId } from '../common/rules';
import type { Range, TextEdit, FileKind, ReferenceKind, Severity } from '../common/model';
import type { RuleId } from '../common/rules';

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
  /** False when the written text is not the reference (it came from variable substitution): nothing may rewrite it. */
  rewritable?: false;
}

export interface Replacement {
  /** What to use instead: an image reference, an apiVersion, an instruction, or an entry's name. */
  text: string;
  entry?: string;
  reason?: string;
  /** Present when the replacement is mechanical: the edits that apply it. */
  edits?: TextEdit[];
  /** The quick fix's title when the rule's own (RULES[rule].fixTitle) does not fit. */
  title?: string;
  /**
   * The rewrite changes more than a name: a major-version upgrade (what it involves, from the
   * entry's role). Editors offer it with that said; `container-atlas fix` applies it only with --allow-major.
   */
  major?: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  /**
   * What is wrong, in a few words and without the action ("k8s.gcr.io is frozen since 2023-03-20"):
   * the hover card's status line, followed by the first replacement. Absent: the message says it.
   */
  status?: string;
  /** The history behind the finding (the catalog's summary or note), for the hover card: the message stays short. */
  detail?: string;
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
  /** eol-image-soon reports releases ending within this many days of asOf (default 90; 0 turns it off). */
  eolWarningDays?: number;
  severities?: Partial<Record<RuleId, Severity | 'off'>>;
  /** Files larger than this (bytes) are not analysed. */
  maxFileSize?: number;
  /**
   * Which parsers read Dockerfiles and YAML: `fast` (default) the hand-written scanners for the common
   * forms, falling back to dockerfile-ast and the yaml library for anything else; `library` those
   * libraries only (the reference the fast paths are tested against).
   */
  parser?: 'fast' | 'library';
}

export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;

/** eol-image-soon reports tags whose release ends within this many days. */
export const DEFAULT_EOL_WARNING_DAYS = 90;

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
