/** The fuzz properties, shared by test/unit/fuzz.test.ts, test/unit/hostile.test.ts and scripts/fuzz.mjs. */
import { strict as assert } from 'node:assert';
import { analyze, AnalysisCache } from '../../server/src/analysis/analyze';
import type { FileAnalysis, Range } from '../../server/src/analysis/model';
import { hover } from '../../server/src/features/hover';
import { codeActions } from '../../server/src/features/codeActions';
import { documentLinks } from '../../server/src/features/documentLinks';
import type { CatalogIndex } from '../../server/src/catalog/catalogIndex';
import { fixtureCatalog, OPTIONS, realCatalog } from '../helpers';
import { applyEdit, type Edit, type FuzzInput } from './arbitraries';

/** LSP line lengths: a line ends at \r\n, \n or \r (as in VS Code and vscode-languageserver-textdocument). */
export function lspLineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function checkRange(r: Range, lines: number[], what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0, `${what}: bad position ${JSON.stringify(p)}`);
    assert.ok(p.line < lines.length, `${what}: line ${p.line} is past the last line (${lines.length} lines)`);
    assert.ok(p.character <= lines[p.line], `${what}: character ${p.character} is past the end of line ${p.line} (length ${lines[p.line]})`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: range ends before it starts ${JSON.stringify(r)}`);
}

/** Every range of an analysis lies inside the text. */
export function checkRanges(a: FileAnalysis, text: string): void {
  const lines = lspLineLengths(text);
  for (const r of a.references) checkRange(r.range, lines, `reference ${JSON.stringify(r.text)}`);
  for (const f of a.findings) {
    checkRange(f.range, lines, `finding ${f.rule}`);
    for (const rep of f.replacements ?? []) for (const e of rep.edits ?? []) checkRange(e.range, lines, `edit of ${f.rule}`);
  }
}

const catalogs: [string, () => CatalogIndex][] = [['real', realCatalog], ['fixture', () => fixtureCatalog]];
const stable = (a: unknown) => JSON.stringify(a);

/** The whole-analysis properties for one input; throws on the first violation. */
export function checkInput(input: FuzzInput): void {
  for (const [name, cat] of catalogs) {
    const catalog = cat();
    const run = () => analyze({ path: input.path, text: input.text }, catalog, OPTIONS);
    let a: FileAnalysis | null;
    try { a = run(); } catch (err) { throw new Error(`analyze() threw with the ${name} catalog: ${(err as Error).stack}`); }
    if (!a) continue;
    checkRanges(a, input.text);
    assert.equal(stable(run()), stable(a), `analysing twice gives the same result (${name} catalog)`);
    // The features that read the analysis must not throw either.
    for (const r of a.references) hover(catalog, a, r.range.start);
    for (const f of a.findings) codeActions(a, 'file:///x', f.range);
    documentLinks(catalog, a);
  }
}

/** Incremental analysis: a cache carried through the edits gives what a fresh analysis of the final text gives. */
export function checkIncremental(input: FuzzInput, edits: Edit[]): void {
  const catalog = realCatalog();
  const cache = new AnalysisCache();
  let text = input.text;
  analyze({ path: input.path, text }, catalog, OPTIONS, cache);
  for (const e of edits) {
    // As the language server does: the cache is told where each edit is (it re-splits only there).
    const at = e.at % (text.length + 1);
    cache.edited(at, Math.min(at + e.len, text.length), e.text.length);
    text = applyEdit(text, e);
    analyze({ path: input.path, text }, catalog, OPTIONS, cache);
  }
  const cached = analyze({ path: input.path, text }, catalog, OPTIONS, cache);
  const fresh = analyze({ path: input.path, text }, catalog, OPTIONS);
  assert.equal(stable(cached), stable(fresh), `cached analysis after ${edits.length} edits equals a fresh analysis of:\n${JSON.stringify(text)}`);
  if (fresh) checkRanges(fresh, text);
}

