import type { CatalogIndex } from '../catalog/catalogIndex';
import { extractDockerfile } from '../parse/dockerfile';
import { extractCompose } from '../parse/compose';
import { extractKubernetes, isKubernetesObject } from '../parse/kubernetes';
import { blankJsonComments, extractDevcontainer, extractGithubActions, extractKustomization, extractQuadlet } from '../parse/otherFormats';
import { parseYaml, splitYamlDocuments } from '../parse/yamlDocuments';
import { shiftRange } from '../util/lineIndex';
import { Collector, ignoredRules, type ApiSite, type ImageSite, type SyntaxSite } from './collector';
import { detectKind } from './fileKind';
import { DEFAULT_MAX_FILE_SIZE, RULES, type AnalysisOptions, type FileAnalysis, type FileKind, type Finding, type Range, type Reference, type TextEdit } from './model';
import { apiFindings, imageFindings, syntaxFindings, technologyFindings } from './rules';

/** What the extractors found in one text, before rules; cached per YAML document. */
interface Extraction {
  references: Reference[];
  images: ImageSite[];
  apis: ApiSite[];
  syntax: SyntaxSite[];
  errors: string[];
  parseFailed: boolean;
}

/**
 * Per-file cache of extractions, keyed by each YAML document's text: after an edit only the
 * documents whose text changed are parsed again. The server keeps one per open document.
 */
export class ExtractionCache {
  private chunks = new Map<string, Extraction>();
  private catalogVersion: CatalogIndex | null = null;
  hits = 0;
  misses = 0;
  /** Returns the cached extraction for this text or computes it; entries not used in a pass are dropped by sweep(). */
  get(text: string, catalog: CatalogIndex, compute: () => Extraction, next: Map<string, Extraction>): Extraction {
    if (this.catalogVersion !== catalog) { this.chunks.clear(); this.catalogVersion = catalog; }
    let e = this.chunks.get(text) ?? next.get(text);
    if (e) this.hits++;
    else { e = compute(); this.misses++; }
    next.set(text, e);
    return e;
  }
  replace(next: Map<string, Extraction>): void { this.chunks = next; }
  get size(): number { return this.chunks.size; }
}

function fromCollector(c: Collector, parseFailed = false): Extraction {
  return { references: c.references, images: c.images, apis: c.apis, syntax: c.syntax, errors: c.errors, parseFailed };
}

function shiftEdits(edits: TextEdit[] | undefined, lines: number): TextEdit[] | undefined {
  return edits?.map((e) => ({ range: shiftRange(e.range, lines), newText: e.newText }));
}

function shifted(x: Extraction, lines: number): Extraction {
  if (!lines) return x;
  return {
    references: x.references.map((r) => ({ ...r, range: shiftRange(r.range, lines) })),
    images: x.images.map((s) => ({ ...s, range: shiftRange(s.range, lines) })),
    apis: x.apis.map((s) => ({ ...s, range: shiftRange(s.range, lines) })),
    syntax: x.syntax.map((s) => ({ ...s, range: shiftRange(s.range, lines), replacement: s.replacement && { text: s.replacement.text, edits: shiftEdits(s.replacement.edits, lines)! } })),
    errors: x.errors,
    parseFailed: x.parseFailed,
  };
}

function extractYamlDocument(text: string, kind: FileKind, catalog: CatalogIndex): Extraction {
  const c = new Collector(text, catalog);
  let parsed;
  try {
    parsed = parseYaml(kind === 'devcontainer' ? blankJsonComments(text) : text);
  } catch (err) {
    c.errors.push(`YAML could not be parsed: ${(err as Error).message}`);
    return fromCollector(c, true);
  }
  const { doc } = parsed;
  const failed = doc.errors.length > 0;
  try {
    switch (kind) {
      case 'compose': extractCompose(c, doc); break;
      case 'kustomize': extractKustomization(c, doc); if (isKubernetesObject(doc)) extractKubernetes(c, doc); break;
      case 'github-actions': extractGithubActions(c, doc); break;
      case 'devcontainer': extractDevcontainer(c, doc); break;
      default: extractKubernetes(c, doc);
    }
  } catch (err) {
    c.errors.push(`analysis stopped early in this document: ${(err as Error).message}`);
  }
  return fromCollector(c, failed);
}

function info(message: string, range: Range): Finding {
  return { rule: 'analysis-skipped', severity: RULES['analysis-skipped'].severity, message, range };
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface AnalyzeInput {
  path: string;
  text: string;
  languageId?: string;
  kind?: FileKind | null;
}

/**
 * The analysis: text in, references and findings out. Pure (no I/O, no clock: the date comes in
 * options), shared by the language server and the CLI. Returns null for files it does not handle.
 */
export function analyze(input: AnalyzeInput, catalog: CatalogIndex, options: AnalysisOptions, cache?: ExtractionCache): FileAnalysis | null {
  const { path, text } = input;
  const kind = input.kind ?? detectKind(path, text, input.languageId);
  if (!kind) return null;
  const result: FileAnalysis = { path, kind, references: [], findings: [], errors: [] };
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (text.length > max) {
    result.findings.push(info(`File not analysed: it is ${(text.length / 1048576).toFixed(1)} MB, larger than containerAtlas.maxFileSize (${(max / 1048576).toFixed(1)} MB). Raise the setting to analyse it.`, ZERO));
    result.errors.push(`file larger than maxFileSize (${text.length} > ${max} bytes)`);
    return result;
  }
  if (text.slice(0, 8192).includes('\u0000')) {
    result.findings.push(info('File not analysed: it looks binary (it contains NUL bytes).', ZERO));
    result.errors.push('binary file (NUL bytes)');
    return result;
  }

  const parts: Extraction[] = [];
  let failedDocs = 0;
  let firstFailedLine = -1;
  if (kind === 'dockerfile' || kind === 'quadlet') {
    const c = new Collector(text, catalog);
    try {
      if (kind === 'dockerfile') extractDockerfile(c);
      else extractQuadlet(c);
    } catch (err) {
      c.errors.push(`analysis stopped early: ${(err as Error).message}`);
    }
    parts.push(fromCollector(c));
  } else {
    const next = new Map<string, Extraction>();
    for (const chunk of splitYamlDocuments(text)) {
      if (!chunk.text.trim()) continue;
      const x = cache ? cache.get(chunk.text, catalog, () => extractYamlDocument(chunk.text, kind, catalog), next) : extractYamlDocument(chunk.text, kind, catalog);
      if (x.parseFailed) { failedDocs++; if (firstFailedLine < 0) firstFailedLine = chunk.startLine; }
      parts.push(shifted(x, chunk.startLine));
    }
    cache?.replace(next);
  }

  const images: ImageSite[] = [];
  const apis: ApiSite[] = [];
  const syntax: SyntaxSite[] = [];
  for (const p of parts) {
    result.references.push(...p.references);
    images.push(...p.images);
    apis.push(...p.apis);
    syntax.push(...p.syntax);
    result.errors.push(...p.errors);
  }
  if (failedDocs && kind !== 'helm-template') {
    const pos = { line: Math.max(firstFailedLine, 0), character: 0 };
    result.findings.push(info(`${failedDocs} YAML document${failedDocs > 1 ? 's have' : ' has'} syntax errors; Container Atlas analysed what parses.`, { start: pos, end: pos }));
  }

  const allowed = catalog.settings.allowedRegistries;
  const img = imageFindings(catalog, images, result.references, options, allowed);
  const findings = [
    ...technologyFindings(catalog, result.references, img.covered),
    ...img.findings,
    ...apiFindings(catalog, apis, options),
    ...syntaxFindings(syntax),
  ];

  const ignored = ignoredRules(text);
  const severities = { ...(catalog.settings.severities ?? {}), ...(options.severities ?? {}) } as Record<string, string | undefined>;
  for (const f of findings) {
    const ign = ignored.get(f.range.start.line);
    if (ign === 'all' || ign?.has(f.rule)) continue;
    const sev = severities[f.rule];
    if (sev === 'off') continue;
    if (sev) f.severity = sev as Finding['severity'];
    result.findings.push(f);
  }
  const byPos = (a: { range: Range }, b: { range: Range }) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  result.references.sort(byPos);
  result.findings.sort(byPos);
  return result;
}
