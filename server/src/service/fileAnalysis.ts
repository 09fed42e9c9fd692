import { analyze, tooLargeAnalysis } from '../analysis/analyze';
import type { AnalysisOptions, FileAnalysis } from '../analysis/model';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { kindFromContent, kindFromPath } from '../common/fileKinds';
import type { ReadResult } from '../io/readFile';
import { chartContextFor, type ReadText } from './chartContext';

/** What reading and analysing one file on disk gave: its analysis (null: not a kind we handle), or why it could not be read. */
export interface FileOutcome {
  analysis: FileAnalysis | null;
  /** Set when the file could not be read at all (permissions, gone): the message for the user. */
  unreadable?: string;
  bytes: number;
}

/**
 * The analysis of a file as read from disk, the same for the CLI's scan and the editor's workspace
 * scan: a file over the size limit gets one analysis-skipped finding (its kind judged from its name,
 * or for YAML/JSON from its first 64 KB), an unreadable file is reported as such, invalid UTF-8 is
 * analysed with a warning. `path` is the file's path, `shownPath` the one put in the result;
 * `readText` reads a Helm template's chart files (values, Chart.yaml, helpers) next to `path`.
 */
export function analyseRead(catalog: CatalogIndex, options: AnalysisOptions, path: string, shownPath: string, read: ReadResult, readText?: ReadText): FileOutcome {
  if (read.text === null) {
    if (read.tooLarge) {
      const k = kindFromPath(path);
      const kind = k === 'yaml' || k === 'json' ? kindFromContent(path, read.head ?? '') : k;
      return { analysis: kind ? tooLargeAnalysis(shownPath, kind, read.tooLarge, options) : null, bytes: 0 };
    }
    return { analysis: null, unreadable: read.error ?? 'cannot read file', bytes: 0 };
  }
  let a: FileAnalysis | null;
  try {
    a = analyze({ path: shownPath, text: read.text, chart: readText ? () => chartContextFor(path, readText) : undefined }, catalog, options);
  } catch (err) {
    // analyze() catches what its extractors throw; this is the last line of defence.
    const k = kindFromPath(path);
    a = k && k !== 'yaml' && k !== 'json' ? { path: shownPath, kind: k, references: [], findings: [], errors: [`analysis failed: ${(err as Error).message}`] } : null;
  }
  if (a && read.warning) a.errors.push(read.warning);
  return { analysis: a, bytes: read.text.length };
}
