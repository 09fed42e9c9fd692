import { relative } from 'node:path';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { analyseAll } from './scanPool';
import type { AnalysisOptions, FileAnalysis, Severity } from '../analysis/model';
import { walkFiles } from '../io/walk';
import { compareWithBaseline, fingerprints, type Baseline, type BaselineFinding, type BaselineState } from '../analysis/baseline';

export interface ScanResult {
  files: FileAnalysis[];
  /** Files and folders that could not be read (paths relative to cwd). */
  unreadable: { path: string; error: string }[];
  scanned: number;
  bytes: number;
  /** References found in all files (each file keeps its own list only with ScanOptions.references). */
  references: number;
  /** Files analysed (in full or in what parses). */
  analysed: number;
  /** Files of a kind Container Atlas reads that were not analysed, by reason (too large, binary, unreadable). */
  skipped: Record<string, number>;
  /** YAML/JSON files that hold no container configuration (not a Kubernetes object, Compose file…). */
  other: number;
  /** Image repositories no catalog entry knows: how many references, in which files (most referenced first). */
  unknownImages: { repository: string; count: number; files: string[] }[];
  /** Each file's findings' fingerprints (analysis/baseline.ts), in the order of `files[i].findings`; set by withFingerprints. */
  fingerprints?: string[][];
  /** Against `--baseline`: each finding's state, and the recorded findings no longer found. */
  baseline?: { file: string; states: BaselineState[][]; absent: BaselineFinding[] };
}

/** Adds the findings' fingerprints (needs the files' references) and, with a baseline, what is new. */
export function withFingerprints(result: ScanResult, baseline?: { file: string; baseline: Baseline }): ScanResult {
  const prints = result.files.map((f) => fingerprints(f.path, f).map((p) => p.fingerprint));
  result.fingerprints = prints;
  if (baseline) {
    const { states, absent } = compareWithBaseline(baseline.baseline, prints.flat().map((fingerprint) => ({ fingerprint })));
    let k = 0;
    result.baseline = { file: baseline.file, states: prints.map((p) => p.map(() => states[k++])), absent };
  }
  return result;
}

/** Whether a finding counts for --fail-on: with a baseline, only new ones do. */
const counts = (result: ScanResult, file: number, finding: number) => result.baseline?.states[file][finding] !== 'unchanged';

export interface ScanOptions {
  ignore: string[];
  gitignore: boolean;
  /** Keep every file's references in the result (the JSON report lists them); default true. */
  references?: boolean;
  onProgress?: (done: number, path: string) => void;
}

/** Analyses every file Container Atlas handles under the given paths, on every core for large scans. */
export async function scanPaths(paths: string[], catalog: CatalogIndex, options: AnalysisOptions, scan: ScanOptions, cwd = process.cwd()): Promise<ScanResult> {
  const result: ScanResult = { files: [], unreadable: [], scanned: 0, bytes: 0, references: 0, analysed: 0, skipped: {}, other: 0, unknownImages: [] };
  const unknown = new Map<string, { count: number; files: Set<string> }>();
  const rel = (p: string) => relative(cwd, p).split('\\').join('/') || p;
  const walkErrors: { path: string; error: string }[] = [];
  const files: { file: string; rel: string }[] = [];
  for await (const file of walkFiles(paths, { ignore: scan.ignore, gitignore: scan.gitignore, onError: (p, m) => walkErrors.push({ path: rel(p), error: m }) })) {
    files.push({ file, rel: rel(file) });
  }
  const outcomes = await analyseAll(files, catalog, options, { keepReferences: scan.references ?? true, onDone: scan.onProgress });
  result.scanned = files.length;
  outcomes.forEach((o, i) => {
    result.bytes += o.bytes;
    result.references += o.references;
    if (o.analysis) result.files.push(o.analysis);
    if (o.unreadable) result.unreadable.push({ path: files[i].rel, error: o.unreadable });
    const reason = o.unreadable ? 'unreadable' : skipReason(o.analysis?.errors ?? []);
    if (reason) result.skipped[reason] = (result.skipped[reason] ?? 0) + 1;
    else if (o.analysis) result.analysed++;
    else result.other++;
    for (const k of o.unknownImages ?? []) {
      const u = unknown.get(k) ?? { count: 0, files: new Set<string>() };
      u.count++;
      u.files.add(files[i].rel);
      unknown.set(k, u);
    }
  });
  result.unknownImages = [...unknown].map(([repository, u]) => ({ repository, count: u.count, files: [...u.files] }))
    .sort((a, b) => b.count - a.count || (a.repository < b.repository ? -1 : 1));
  result.unreadable.push(...walkErrors);
  return result;
}

/** Why a file was not analysed, from the errors its analysis carries (analyze.ts writes them). */
function skipReason(errors: string[]): string | null {
  for (const e of errors) {
    if (e.startsWith('file larger than maxFileSize')) return 'too large';
    if (e.startsWith('binary file')) return 'binary';
  }
  return null;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

export function exceeds(result: ScanResult, failOn: 'error' | 'warning' | 'none'): boolean {
  if (failOn === 'none') return false;
  const min = SEVERITY_RANK[failOn];
  return result.files.some((f, i) => f.findings.some((x, j) => SEVERITY_RANK[x.severity] >= min && counts(result, i, j)));
}
