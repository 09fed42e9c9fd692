import { relative } from 'node:path';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { analyseAll } from './scanPool';
import type { AnalysisOptions, FileAnalysis, Severity } from '../analysis/model';
import { walkFiles } from '../io/walk';

export interface ScanResult {
  files: FileAnalysis[];
  /** Files and folders that could not be read (paths relative to cwd). */
  unreadable: { path: string; error: string }[];
  scanned: number;
  bytes: number;
  /** References found in all files (each file keeps its own list only with ScanOptions.references). */
  references: number;
}

export interface ScanOptions {
  ignore: string[];
  gitignore: boolean;
  /** Keep every file's references in the result (the JSON report lists them); default true. */
  references?: boolean;
  onProgress?: (done: number, path: string) => void;
}

/** Analyses every file Container Atlas handles under the given paths, on every core for large scans. */
export async function scanPaths(paths: string[], catalog: CatalogIndex, options: AnalysisOptions, scan: ScanOptions, cwd = process.cwd()): Promise<ScanResult> {
  const result: ScanResult = { files: [], unreadable: [], scanned: 0, bytes: 0, references: 0 };
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
  });
  result.unreadable.push(...walkErrors);
  return result;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

export function exceeds(result: ScanResult, failOn: 'error' | 'warning' | 'none'): boolean {
  if (failOn === 'none') return false;
  const min = SEVERITY_RANK[failOn];
  return result.files.some((f) => f.findings.some((x) => SEVERITY_RANK[x.severity] >= min));
}
