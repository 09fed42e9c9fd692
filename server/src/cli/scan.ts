import { relative } from 'node:path';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { analyze } from '../analysis/analyze';
import { detectKind } from '../analysis/fileKind';
import type { AnalysisOptions, FileAnalysis, Severity } from '../analysis/model';
import { walkFiles } from '../workspace/walk';
import { readTextFile } from '../workspace/readFile';

export interface ScanResult {
  files: FileAnalysis[];
  /** Files that could not be read (paths relative to cwd). */
  unreadable: { path: string; error: string }[];
  scanned: number;
  bytes: number;
}

export interface ScanOptions {
  ignore: string[];
  gitignore: boolean;
  onProgress?: (done: number, path: string) => void;
}

/** Analyses every file Container Atlas handles under the given paths. */
export async function scanPaths(paths: string[], catalog: CatalogIndex, options: AnalysisOptions, scan: ScanOptions, cwd = process.cwd()): Promise<ScanResult> {
  const result: ScanResult = { files: [], unreadable: [], scanned: 0, bytes: 0 };
  const rel = (p: string) => relative(cwd, p).split('\\').join('/') || p;
  const walkErrors: { path: string; error: string }[] = [];
  const max = options.maxFileSize ?? 20 * 1024 * 1024;
  for await (const file of walkFiles(paths, { ignore: scan.ignore, gitignore: scan.gitignore, onError: (p, m) => walkErrors.push({ path: rel(p), error: m }) })) {
    const read = await readTextFile(file, max);
    result.scanned++;
    scan.onProgress?.(result.scanned, file);
    if (read.text === null) {
      const kind = detectKind(file, '');
      result.files.push({ path: rel(file), kind: kind ?? 'kubernetes', references: [], findings: [], errors: [read.error!] });
      continue;
    }
    result.bytes += read.text.length;
    const a = analyze({ path: rel(file), text: read.text }, catalog, options);
    if (!a) continue;
    if (read.warning) a.errors.push(read.warning);
    result.files.push(a);
  }
  result.unreadable.push(...walkErrors);
  return result;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

export function exceeds(result: ScanResult, failOn: 'error' | 'warning' | 'none'): boolean {
  if (failOn === 'none') return false;
  const min = SEVERITY_RANK[failOn];
  return result.files.some((f) => f.findings.some((x) => SEVERITY_RANK[x.severity] >= min));
}
