import type { CatalogIndex } from '../catalog/catalogIndex';
import { extractDockerfile } from '../syntax/dockerfile';
import { composeSkip, extractCompose } from '../syntax/compose';
import { extractKubernetes, isKubernetesObject, kubernetesSkip } from '../syntax/kubernetes';
import { blankJsonComments, extractDevcontainer, extractGithubActions, extractKustomization, extractQuadlet } from '../syntax/otherFormats';
import { parseYaml, resplitYamlDocuments, splitYamlDocuments, type YamlChunk } from '../syntax/yamlDocuments';
import { SiteCollector } from '../syntax/sites';
import { extractBake, extractTiltfile } from '../syntax/buildFiles';
import { byStart, shiftRange } from '../common/lineIndex';
import { detectKind } from '../common/fileKinds';
import { applyIgnoresAndSeverities, fileIgnoredRules } from './ignoreComments';
import { resolveSites, type Extraction } from './resolve';
import { DEFAULT_MAX_FILE_SIZE, RULES, type AnalysisOptions, type FileAnalysis, type FileKind, type Finding, type Range, type Reference, type TextEdit } from './model';
import { apiFindings, imageFindings, syntaxFindings, technologyFindings } from './rules';
import { extractChart, extractHelmSchema, extractHelmValues, isJsonSchema } from '../syntax/helm';
import { addPartEdits, helmTemplatePass, type ChartContext } from './helm';

/**
 * One YAML document analysed on its own: its extraction and its findings (rules, ignore comments and
 * severities applied), sorted, with positions in the file as it was when the document was analysed;
 * plus the last copy shifted to where the document sits now, reused while it does not move.
 */
interface ChunkAnalysis {
  /** What later passes read of the extraction (its sites are dropped: kept for every document, they would only add to each collection's work). */
  x: Pick<Extraction, 'errors' | 'parseFailed'>;
  references: Reference[];
  findings: Finding[];
  /** The file line the document started on when it was analysed (the positions above are for it). */
  baseLine: number;
  shiftedLine: number;
  shiftedReferences: Reference[];
  shiftedFindings: Finding[];
}

/**
 * Per-file cache of analyses of YAML documents (extraction and findings), keyed by each document's
 * text, and of the last split of the file into documents: after an edit only the region it touched is
 * split again, only the documents whose text changed are parsed and checked again, and documents
 * that did not move keep their results as they are. The server keeps one per open document.
 */
export class AnalysisCache {
  /** The previous pass's documents in order: an unchanged document is found at (about) the same index without hashing its text. */
  private list: { text: string; entry: ChunkAnalysis }[] = [];
  private catalogVersion: CatalogIndex | null = null;
  private optionsVersion: AnalysisOptions | null = null;
  private cursor = 0;
  /** Returns the cached analysis for this text or computes it; entries not used in a pass are dropped by replace(). */
  get(text: string, catalog: CatalogIndex, options: AnalysisOptions, compute: () => ChunkAnalysis, next: { text: string; entry: ChunkAnalysis }[]): ChunkAnalysis {
    if (this.catalogVersion !== catalog || this.optionsVersion !== options) {
      this.list = []; this.cursor = 0; this.catalogVersion = catalog; this.optionsVersion = options;
    }
    const list = this.list;
    let e: ChunkAnalysis | undefined;
    const j = this.cursor;
    if (j < list.length && list[j].text === text) { e = list[j].entry; this.cursor = j + 1; }
    else if (j + 1 < list.length && list[j + 1].text === text) { e = list[j + 1].entry; this.cursor = j + 2; }
    else {
      // A changed document (the usual miss): look a few places around, not through the whole file
      // (hashing every document's text would cost as much as the split). Documents moved further
      // are analysed again, which is correct, only slower.
      for (let k = Math.max(0, j - 4); k < Math.min(list.length, j + 6); k++) {
        if (list[k].text === text) { e = list[k].entry; this.cursor = k + 1; break; }
      }
    }
    if (!e) e = compute();
    next.push({ text, entry: e });
    return e;
  }
  replace(next: { text: string; entry: ChunkAnalysis }[]): void { this.list = next; this.cursor = 0; }
  private splitText: string | null = null;
  private splitChunks: YamlChunk[] = [];
  /** Changed region since the last split, in the current text's offsets ([lo, hi)), and the length change. */
  private dirty: { lo: number; hi: number; delta: number } | null = null;

  /**
   * Records an edit of the text last given to split() (or of the text after earlier edits): [start,
   * end) replaced by `length` characters, in the offsets of the text as it was before this edit.
   */
  edited(start: number, end: number, length: number): void {
    if (this.splitText === null) return;
    const d = length - (end - start);
    const r = this.dirty;
    if (!r) { this.dirty = { lo: start, hi: start + length, delta: d }; return; }
    const hi = r.hi <= start ? start + length : r.hi >= end ? Math.max(r.hi + d, start + length) : start + length;
    this.dirty = { lo: Math.min(r.lo, start), hi, delta: r.delta + d };
  }

  /** Forgets the previous text (the next split reads the whole text): for changes not given to edited(). */
  resetSplit(): void { this.splitText = null; this.splitChunks = []; this.dirty = null; }

  /** The text's YAML documents; after edited() calls, only the region they changed is split again. */
  split(text: string): YamlChunk[] {
    const prev = this.splitText;
    const d = this.dirty;
    let chunks: YamlChunk[];
    if (prev !== null && prev === text) chunks = this.splitChunks;
    else if (prev !== null && d && prev.length + d.delta === text.length) chunks = resplitYamlDocuments(prev, this.splitChunks, text, { start: d.lo, oldEnd: d.hi - d.delta, newEnd: d.hi });
    else chunks = splitYamlDocuments(text);
    this.splitText = text;
    this.splitChunks = chunks;
    this.dirty = null;
    return chunks;
  }

  get size(): number { return this.list.length; }
}

function shiftEdits(edits: TextEdit[] | undefined, lines: number): TextEdit[] | undefined {
  return edits?.map((e) => ({ range: shiftRange(e.range, lines), newText: e.newText }));
}

function shiftFinding(f: Finding, lines: number): Finding {
  const out: Finding = { ...f, range: shiftRange(f.range, lines) };
  if (f.replacements) out.replacements = f.replacements.map((r) => (r.edits ? { ...r, edits: shiftEdits(r.edits, lines) } : r));
  return out;
}


/** Rules on one extraction, then ignore comments (of `text`, which starts on file line `lineBase`) and severities. */
function findingsOf(x: Extraction, text: string, catalog: CatalogIndex, options: AnalysisOptions, lineBase = 0): Finding[] {
  const img = imageFindings(catalog, x.images, x.references, options);
  const findings = [
    ...technologyFindings(catalog, x.references, img.covered),
    ...img.findings,
    ...apiFindings(catalog, x.apis, options),
    ...syntaxFindings(x.syntax),
  ];
  addPartEdits(catalog, x.images, img.findings);
  return onePerToken(applyIgnoresAndSeverities(findings, text, catalog, options, lineBase), x, catalog);
}

/**
 * One finding per token: an image that is end of life as a whole (every centos tag: its
 * deprecated-image finding says so) is not also reported as an end-of-life tag on the same text.
 */
function onePerToken(findings: Finding[], x: Extraction, catalog: CatalogIndex): Finding[] {
  const at = (r: Range) => `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;
  const images = new Set<string>();
  for (const f of findings) if (f.rule === 'deprecated-image') images.add(at(f.range));
  if (!images.size) return findings;
  const whole = new Set<string>();
  for (const s of x.images) if (images.has(at(s.range)) && catalog.imageFact(s.ref.key)?.status === 'end-of-life') whole.add(at(s.range));
  return whole.size ? findings.filter((f) => f.rule !== 'eol-image' || !whole.has(at(f.range))) : findings;
}

/** One YAML document starting on file line `line`: positions are computed as the file's, so a document that stays where it is needs no copy. */
function analyseChunk(text: string, kind: FileKind, catalog: CatalogIndex, options: AnalysisOptions, line: number): ChunkAnalysis {
  const x = extractYamlDocument(text, kind, catalog, line, options.parser !== 'library');
  const findings = sortByStart(findingsOf(x, text, catalog, options, line));
  const references = sortByStart(x.references);
  return { x: { errors: x.errors, parseFailed: x.parseFailed }, references, findings, baseLine: line, shiftedLine: line, shiftedReferences: references, shiftedFindings: findings };
}

/**
 * Sorts in place by start. A document has a few references and findings: sorting two or three
 * elements by insertion skips the work array Array.prototype.sort allocates on every call (thousands
 * of documents, thousands of calls).
 */
function sortByStart<T extends { range: Range }>(list: T[]): T[] {
  if (list.length > 8) return list.sort(byStart);
  for (let i = 1; i < list.length; i++) {
    const x = list[i];
    let j = i - 1;
    for (; j >= 0 && byStart(list[j], x) > 0; j--) list[j + 1] = list[j];
    list[j + 1] = x;
  }
  return list;
}

/** The chunk's references and findings at `line`: shifted copies once per new position, reused while the document does not move. */
function placed(c: ChunkAnalysis, line: number): ChunkAnalysis {
  if (c.shiftedLine !== line) {
    const d = line - c.baseLine;
    c.shiftedReferences = d ? c.references.map((r) => ({ ...r, range: shiftRange(r.range, d) })) : c.references;
    c.shiftedFindings = d ? c.findings.map((f) => shiftFinding(f, d)) : c.findings;
    c.shiftedLine = line;
  }
  return c;
}

function extractYamlDocument(text: string, kind: FileKind, catalog: CatalogIndex, line: number, fast: boolean): Extraction {
  const c = new SiteCollector(text, line);
  let parsed;
  try {
    parsed = parseYaml(kind === 'devcontainer' ? blankJsonComments(text) : text, kind === 'compose' ? composeSkip : kind === 'kubernetes' || kind === 'helm-template' ? kubernetesSkip : undefined, fast, kind === 'helm-template');
  } catch (err) {
    c.errors.push(`YAML could not be parsed: ${(err as Error).message}`);
    return resolveSites(c, catalog, true);
  }
  const doc = parsed;
  const failed = doc.errors.length > 0;
  try {
    switch (kind) {
      case 'compose': extractCompose(c, doc); break;
      case 'kustomize': extractKustomization(c, doc); if (isKubernetesObject(doc)) extractKubernetes(c, doc); break;
      case 'github-actions': extractGithubActions(c, doc); break;
      case 'devcontainer': extractDevcontainer(c, doc); break;
      case 'helm-chart': extractChart(c, doc); break;
      case 'helm-values': if (isJsonSchema(doc)) extractHelmSchema(c, doc); else extractHelmValues(c, doc); break;
      default: extractKubernetes(c, doc);
    }
  } catch (err) {
    c.errors.push(`analysis stopped early in this document: ${(err as Error).message}`);
  }
  return resolveSites(c, catalog, failed);
}

/** Whether a text is only whitespace, as trim() decides, without copying the text as trim() does. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    return c < 128 ? false : text.slice(i).trim() === '';
  }
  return true;
}

function info(message: string, range: Range): Finding {
  return { rule: 'analysis-skipped', severity: RULES['analysis-skipped'].severity, message, range };
}

/**
 * The analysis of a file too large to analyse (`size` bytes, over options.maxFileSize): one
 * analysis-skipped finding on its first line that says so and what to do, whether the text is open
 * in an editor or the file was left unread on disk. Severity settings apply as to any finding.
 */
export function tooLargeAnalysis(path: string, kind: FileKind, size: number, options: AnalysisOptions): FileAnalysis {
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const f = info(`File not analysed: it is ${(size / 1048576).toFixed(1)} MB, larger than containerAtlas.maxFileSize (${(max / 1048576).toFixed(1)} MB). Raise the setting (CLI: --max-file-size) to analyse it.`, ZERO);
  const sev = options.severities?.['analysis-skipped'];
  if (sev) f.severity = sev === 'off' ? f.severity : sev;
  return { path, kind, references: [], findings: sev === 'off' ? [] : [f], errors: [`file larger than maxFileSize (${size} > ${max} bytes)`] };
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface AnalyzeInput {
  path: string;
  text: string;
  languageId?: string;
  kind?: FileKind | null;
  /** For a Helm template: its chart's values, Chart.yaml and helpers (read by the adapter). */
  chart?: ChartContext | (() => ChartContext | undefined);
}

/**
 * The analysis: text in, references and findings out. Pure (no I/O, no clock: the date comes in
 * options), shared by the language server and the CLI. Returns null for files it does not handle.
 */
export function analyze(input: AnalyzeInput, catalog: CatalogIndex, options: AnalysisOptions, cache?: AnalysisCache): FileAnalysis | null {
  const result = analyzeText(input, catalog, options, cache);
  const ignored = result ? fileIgnoredRules(input.text) : null;
  if (result && ignored) result.findings = result.findings.filter((f) => ignored !== 'all' && !ignored.has(f.rule));
  return result;
}

function analyzeText(input: AnalyzeInput, catalog: CatalogIndex, options: AnalysisOptions, cache?: AnalysisCache): FileAnalysis | null {
  const { path, text } = input;
  const kind = input.kind ?? detectKind(path, text, input.languageId);
  if (!kind) return null;
  const result: FileAnalysis = { path, kind, references: [], findings: [], errors: [] };
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > max) return tooLargeAnalysis(path, kind, text.length, options);
  if (text.slice(0, 8192).includes('\u0000')) {
    result.findings.push(info('File not analysed: it looks binary (it contains NUL bytes).', ZERO));
    result.errors.push('binary file (NUL bytes)');
    return result;
  }

  if (kind === 'dockerfile' || kind === 'quadlet' || kind === 'bake' || kind === 'tiltfile') {
    const c = new SiteCollector(text);
    try {
      if (kind === 'dockerfile') extractDockerfile(c, options.parser !== 'library');
      else if (kind === 'bake') extractBake(c);
      else if (kind === 'tiltfile') extractTiltfile(c);
      else extractQuadlet(c);
    } catch (err) {
      c.errors.push(`analysis stopped early: ${(err as Error).message}`);
    }
    const x = resolveSites(c, catalog);
    result.references.push(...x.references);
    result.errors.push(...x.errors);
    for (const f of findingsOf(x, text, catalog, options)) result.findings.push(f);
    result.references.sort(byStart);
    result.findings.sort(byStart);
    return result;
  }

  // YAML: each document is analysed on its own (and cached by its text); positions are shifted to
  // the document's line. Documents are line-disjoint and in order, so the concatenation of their
  // sorted lists is sorted as a whole.
  let failedDocs = 0;
  let firstFailedLine = -1;
  const next: { text: string; entry: ChunkAnalysis }[] = [];
  const refs: Reference[][] = [];
  const finds: Finding[][] = [];
  for (const chunk of cache ? cache.split(text) : splitYamlDocuments(text)) {
    if (isBlank(chunk.text)) continue;
    const compute = () => analyseChunk(chunk.text, kind, catalog, options, chunk.startLine);
    const c = placed(cache ? cache.get(chunk.text, catalog, options, compute, next) : compute(), chunk.startLine);
    if (c.x.parseFailed) { failedDocs++; if (firstFailedLine < 0) firstFailedLine = chunk.startLine; }
    refs.push(c.shiftedReferences);
    finds.push(c.shiftedFindings);
    for (const e of c.x.errors) result.errors.push(e);
  }
  cache?.replace(next);
  for (const list of refs) for (const r of list) result.references.push(r);
  const findings: Finding[] = [];
  for (const list of finds) for (const f of list) findings.push(f);
  if (failedDocs && kind !== 'helm-template') {
    const pos = { line: Math.max(firstFailedLine, 0), character: 0 };
    result.findings.push(info(`${failedDocs} YAML document${failedDocs > 1 ? 's have' : ' has'} syntax errors; Container Atlas analysed what parses.`, { start: pos, end: pos }));
    for (const f of findings) result.findings.push(f);
    result.findings.sort(byStart);
  } else {
    result.findings = findings;
  }
  if (kind === 'helm-template') {
    try {
      helmTemplatePass(text, typeof input.chart === 'function' ? input.chart() : input.chart, catalog, options, result);
      result.references.sort(byStart);
      result.findings.sort(byStart);
    } catch (err) {
      result.errors.push(`Helm template pass stopped: ${(err as Error).message}`);
    }
  }
  return result;
}
