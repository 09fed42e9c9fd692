import { promises as fs } from 'node:fs';
import { relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { analyze } from '../analysis/analyze';
import { DEFAULT_MAX_FILE_SIZE, type AnalysisOptions, type FileAnalysis, type Finding, type Replacement, type TextEdit } from '../analysis/model';
import { LineIndex } from '../common/lineIndex';
import { walkFiles } from '../io/walk';
import { readTextFile } from '../io/readFile';
import { writeAtomic } from '../io/writeFile';

export interface FixOutcome {
  path: string;
  applied: { rule: string; text: string }[];
  skipped?: string;
  diff?: string;
}

/**
 * The mechanical edits of a file's findings: each finding's first replacement that has edits (a major
 * upgrade only with allowMajor); overlapping edits keep the first.
 */
export function mechanicalEdits(a: FileAnalysis, allowMajor = false): { edits: TextEdit[]; fixed: { finding: Finding; replacement: Replacement }[] } {
  const edits: TextEdit[] = [];
  const fixed: { finding: Finding; replacement: Replacement }[] = [];
  const overlaps = (x: TextEdit, y: TextEdit) => !(cmp(x.range.end, y.range.start) <= 0 || cmp(y.range.end, x.range.start) <= 0);
  for (const f of a.findings) {
    const r = f.replacements?.find((x) => x.edits?.length && (allowMajor || !x.major));
    if (!r) continue;
    if (r.edits!.some((e) => edits.some((o) => overlaps(e, o)))) continue;
    edits.push(...r.edits!);
    fixed.push({ finding: f, replacement: r });
  }
  return { edits, fixed };
}

function cmp(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  const li = new LineIndex(text);
  const sorted = [...edits].sort((x, y) => cmp(y.range.start, x.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, li.offset(e.range.start)) + e.newText + out.slice(li.offset(e.range.end));
  return out;
}

/**
 * `fix`: applies every mechanical replacement in the files under paths. Files with parse errors,
 * unreadable files and files whose fix would not verify are left untouched.
 */
export async function fixPaths(paths: string[], catalog: CatalogIndex, options: AnalysisOptions, opts: { dryRun: boolean; ignore: string[]; gitignore: boolean; allowMajor?: boolean }, cwd = process.cwd()): Promise<{ outcomes: FixOutcome[]; errors: string[] }> {
  const outcomes: FixOutcome[] = [];
  const errors: string[] = [];
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  for await (const file of walkFiles(paths, { ignore: opts.ignore, gitignore: opts.gitignore, onError: (p, m) => errors.push(`${p}: ${m}`) })) {
    const rel = relative(cwd, file).split('\\').join('/') || file;
    const read = await readTextFile(file, max);
    if (read.text === null) { errors.push(`${rel}: ${read.error}`); continue; }
    if (read.warning) { outcomes.push({ path: rel, applied: [], skipped: `not changed: ${read.warning}` }); continue; }
    const a = analyze({ path: rel, text: read.text }, catalog, options);
    if (!a) continue;
    const { edits, fixed } = mechanicalEdits(a, opts.allowMajor);
    if (!edits.length) continue;
    if (a.findings.some((f) => f.rule === 'analysis-skipped') || a.errors.length) {
      outcomes.push({ path: rel, applied: [], skipped: 'not changed: the file has parse errors; fix them first' });
      continue;
    }
    // The original bytes: the reader strips a BOM; keep it, and keep CRLF line ends as they are.
    const raw = await fs.readFile(file, 'utf8');
    const bom = raw.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
    const next = applyEdits(read.text, edits);
    const after = analyze({ path: rel, text: next }, catalog, options);
    if (!after || after.findings.some((f) => f.rule === 'analysis-skipped') || after.errors.length) {
      outcomes.push({ path: rel, applied: [], skipped: 'not changed: the rewritten file would not parse cleanly' });
      continue;
    }
    const diff = createTwoFilesPatch(`a/${rel}`, `b/${rel}`, read.text, next, undefined, undefined, { context: 2 });
    if (!opts.dryRun) {
      // The file may have changed since it was read: do not overwrite newer content.
      const now = await fs.readFile(file, 'utf8');
      if (now !== raw) { outcomes.push({ path: rel, applied: [], skipped: 'not changed: the file changed while it was being fixed; run fix again' }); continue; }
      try { await writeAtomic(file, bom + next); } catch (err) { errors.push(`${rel}: cannot write: ${(err as Error).message}`); continue; }
    }
    outcomes.push({ path: rel, applied: fixed.map((x) => ({ rule: x.finding.rule, text: x.replacement.text })), diff });
  }
  return { outcomes, errors };
}
