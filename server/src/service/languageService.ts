import type { CodeAction, CompletionItem, Diagnostic, DocumentLink, Hover } from 'vscode-languageserver';
import { analyze, AnalysisCache } from '../analysis/analyze';
import type { AnalysisOptions, FileAnalysis, Position, Range } from '../analysis/model';
import { CatalogIndex, decodeTagGroup } from '../catalog/catalogIndex';
import type { CatalogProblem } from '../catalog/orgCatalog';
import type { CatalogData, Entry } from '../catalog/types';
import { withOrgCatalogs } from '../catalog/withOrgCatalogs';
import type { Alternatives, CatalogTree, EntryDetails, Inventory, Usage } from '../common/protocol';
import type { ReadResult } from '../io/readFile';
import { alternativesAt, alternativesForEntry, catalogTree, entryDetails, inventory } from '../features/catalogRequests';
import { codeActions } from '../features/codeActions';
import { completeImages } from '../features/completion';
import { diagnostics } from '../features/diagnostics';
import { documentLinks } from '../features/documentLinks';
import { explain } from '../features/explain';
import { hover } from '../features/hover';
import { statusWord } from '../analysis/rules';
import { analyseRead, type FileOutcome } from './fileAnalysis';
import { chartContextFor } from './chartContext';
import { discoverCatalogs, type CatalogDiscovery } from './orgCatalogs';
import { compareWithBaseline, fingerprints, type Baseline } from '../analysis/baseline';
import { relative } from 'node:path';
import { DEFAULT_SETTINGS, analysisOptions, readSettings, type SettingNames, type Settings } from './settings';

/** A text to analyse: where it is (a path or a URI's path) and, in an editor, its language id. */
export interface TextInput { path: string; text: string; languageId?: string }

/** The I/O the service does, injected: reading organisation catalogs. Everything else comes in as text. */
export interface ServiceHost {
  exists(path: string): boolean;
  /** Reads a small file's text (a Helm template's values.yaml, Chart.yaml, helpers), or null. */
  readText?(path: string): string | null;
}

export interface CatalogFilter { status?: string; layer?: string; search?: string }

/**
 * The language service: one object made from the catalog (built-in plus organisation catalogs), the
 * settings and the injected I/O, with every operation of the product as a function over texts and
 * their analyses. The language server (lsp/) and the CLI (cli/) are thin adapters over it, so
 * settings, organisation-catalog discovery, size limits and file kinds behave the same in both.
 * In the style of vscode-json-languageservice's getLanguageService.
 */
export interface LanguageService {
  readonly catalog: CatalogIndex;
  readonly settings: Settings;
  readonly options: AnalysisOptions;
  /** Validates and applies raw settings (editor settings, or the CLI's flags as the same names); returns the problems, each a full sentence. */
  configure(raw: unknown, names?: SettingNames): string[];
  /** Which organisation catalog files apply (see discoverCatalogs); `skipped` says why others were left out. */
  discoverCatalogs(d: Omit<CatalogDiscovery, 'exists'>): { files: string[]; skipped: string[] };
  /** Applies organisation catalogs on top of the built-in one; a broken file contributes its valid parts. */
  useCatalogs(files: string[]): { problems: CatalogProblem[]; loaded: string[] };
  /**
   * Shows the findings recorded in a baseline (analysis/baseline.ts) at `settings.baseline.severity`
   * in diagnostics; `root` is the folder the baseline's paths are relative to. null: no baseline.
   */
  useBaseline(b: { baseline: Baseline; root: string } | null): void;

  analyze(input: TextInput, cache?: AnalysisCache): FileAnalysis | null;
  /** A file as read from disk (io/readFile.ts): size limit, unreadable files and invalid UTF-8 handled as in every adapter. */
  analyseRead(path: string, shownPath: string, read: ReadResult): FileOutcome;
  diagnostics(a: FileAnalysis): Diagnostic[];
  /** The hover card; `editorMarkup` when the client renders codicons and our command links (see HoverOptions). */
  hover(a: FileAnalysis, pos: Position, editorMarkup?: boolean): Hover | null;
  /** `text`: the document's text, for placing ignore comments. */
  codeActions(a: FileAnalysis, uri: string, range: Range, only?: string[], text?: string): CodeAction[];
  completion(a: FileAnalysis, lineText: string, pos: Position): CompletionItem[];
  documentLinks(a: FileAnalysis): DocumentLink[];

  catalogTree(): CatalogTree;
  /** `roots`: the workspace folders (paths) the page names files relative to. */
  entry(id: string, usages: Usage[], roots?: string[]): EntryDetails | null;
  alternatives(p: { id?: string; analysis?: FileAnalysis | null; position?: Position }): Alternatives | null;
  inventory(files: Iterable<[string, FileAnalysis]>, scanning: boolean): Inventory;
  explain(query: string): string | null;
  listCatalog(f: CatalogFilter): Entry[];
  /** What the catalog holds and how old its data is (`container-atlas catalog --stats`). */
  catalogStats(): CatalogStats;
}

export interface CatalogStats {
  dataAsOf?: string;
  sources: Record<string, { project: string; commit?: string; date?: string }>;
  entries: number; inactive: number; officialImages: number; tags: number; eolProducts: number; imageFacts: number; kubernetesApis: number;
  newestKubernetesVersion: string;
}

const COMPLETES = new Set(['dockerfile', 'compose', 'kubernetes', 'helm-template', 'github-actions']);

export function getLanguageService(params: { catalog: CatalogData; host: ServiceHost; settings?: unknown }): LanguageService {
  const base = params.catalog;
  const readText = params.host.readText?.bind(params.host);
  let catalog = new CatalogIndex(base);
  let settings: Settings = DEFAULT_SETTINGS;
  let options = analysisOptions(settings);
  let baseline: { baseline: Baseline; root: string } | null = null;
  /** The analysis with the findings its baseline records at the baseline severity. */
  const baselined = (a: FileAnalysis): FileAnalysis => {
    if (!baseline || !a.findings.length) return a;
    const path = relative(baseline.root, a.path).split('\\').join('/');
    const { states } = compareWithBaseline({ ...baseline.baseline, findings: baseline.baseline.findings.filter((f) => f.path === path) }, fingerprints(path, a));
    if (!states.includes('unchanged')) return a;
    const severity = settings.baseline.severity;
    return { ...a, findings: a.findings.map((f, i) => (states[i] === 'unchanged' ? { ...f, severity, message: `${f.message} (in the baseline)` } : f)) };
  };
  const service: LanguageService = {
    get catalog() { return catalog; },
    get settings() { return settings; },
    get options() { return options; },
    configure(raw, names) {
      const r = readSettings(raw, names);
      settings = r.settings;
      const next = analysisOptions(settings);
      // A new options object invalidates every AnalysisCache; keep the old one when nothing changed.
      if (JSON.stringify(next) !== JSON.stringify(options)) options = next;
      return r.problems;
    },
    discoverCatalogs: (d) => discoverCatalogs({ ...d, exists: params.host.exists }),
    useCatalogs(files) {
      const r = withOrgCatalogs(base, files);
      catalog = r.catalog;
      return { problems: r.problems, loaded: r.loaded };
    },
    useBaseline(b) { baseline = b; },
    analyze: (input, cache) => analyze({ ...input, chart: readText ? () => chartContextFor(input.path, readText) : undefined }, catalog, options, cache),
    analyseRead: (path, shownPath, read) => analyseRead(catalog, options, path, shownPath, read, readText),
    diagnostics: (a) => diagnostics(baselined(a), settings.maxDiagnosticsPerFile),
    hover: (a, pos, editorMarkup) => hover(catalog, a, pos, { kubernetesVersion: options.kubernetesVersion, editorMarkup }),
    codeActions: (a, uri, range, only, text) => codeActions(a, uri, range, only, text),
    completion: (a, lineText, pos) => (COMPLETES.has(a.kind) ? completeImages(catalog, a.kind, lineText, pos, options.asOf) : []),
    documentLinks: (a) => documentLinks(catalog, a),
    catalogTree: () => catalogTree(catalog),
    entry: (id, usages, roots = []) => entryDetails(catalog, id, usages, { roots, asOf: options.asOf }),
    alternatives(p) {
      if (p.id) {
        const e = catalog.entry(p.id);
        return e ? { reference: null, entry: e.id, options: alternativesForEntry(catalog, e) } : null;
      }
      return p.analysis && p.position ? alternativesAt(catalog, p.analysis, p.position, options) : { reference: null, options: [] };
    },
    inventory: (files, scanning) => ({ ...inventory(catalog, files, scanning), asOf: options.asOf }),
    explain: (query) => explain(catalog, query, options),
    listCatalog(f) {
      const q = (f.search ?? '').toLowerCase();
      return catalog.entries.filter((e) =>
        (!f.status || e.status.value === f.status || (f.status === 'inactive' && e.status.value !== 'active')) &&
        (!f.layer || e.layer === f.layer) &&
        (!q || [e.id, e.name, ...(e.aliases ?? [])].some((n) => n.toLowerCase().includes(q))));
    },
    catalogStats() {
      const d = catalog.data;
      const official = Object.values(d.officialImages ?? {});
      return {
        dataAsOf: d.dataAsOf,
        sources: Object.fromEntries(Object.entries(d.sources ?? {}).map(([k, v]) => [k, { project: v.project, commit: v.commit, date: v.date }])),
        entries: catalog.entries.length,
        inactive: catalog.entries.filter((e) => e.status.value !== 'active').length,
        officialImages: official.length,
        tags: official.reduce((n, o) => n + new Set(o.groups.flatMap(decodeTagGroup)).size, 0),
        eolProducts: d.eolProducts.length,
        imageFacts: d.images.length,
        kubernetesApis: d.kubernetesApis.length,
        newestKubernetesVersion: catalog.newestKubernetesVersion,
      };
    },
  };
  if (params.settings !== undefined) service.configure(params.settings);
  return service;
}

export { AnalysisCache, statusWord };
