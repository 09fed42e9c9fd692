import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Entry } from '../catalog/types';
import { parseImageReference, type ImageReference } from '../parse/imageReference';
import { scanShell } from '../parse/shell';
import { LineIndex } from '../util/lineIndex';
import type { Range, Reference, RuleId, TextEdit } from './model';

/** An image reference as the extractors found it, before the rules look at it. */
export interface ImageSite {
  ref: ImageReference;
  range: Range;
  context: string;
  /** False when the text came from variable substitution: the written text is not the reference, so no rewrite. */
  rewritable: boolean;
}

export interface ApiSite {
  apiVersion: string;
  kind: string;
  range: Range;
  /** Extra words for the message (for example "apps/v1 also requires spec.selector"). */
  note?: string;
}

export interface SyntaxSite {
  range: Range;
  message: string;
  replacement?: { text: string; edits: TextEdit[] };
}

/**
 * What one extractor pass collects from one text (a Dockerfile, or one YAML document):
 * references linked to catalog entries, image sites, API sites and deprecated-syntax sites.
 * Offsets are turned into positions with the text's own line index.
 */
export class Collector {
  readonly references: Reference[] = [];
  readonly images: ImageSite[] = [];
  readonly apis: ApiSite[] = [];
  readonly syntax: SyntaxSite[] = [];
  readonly errors: string[] = [];
  readonly lines: LineIndex;

  /** `lineBase`: the file line on which `text` starts; positions are the file's. */
  constructor(readonly text: string, readonly catalog: CatalogIndex, lineBase = 0) {
    this.lines = new LineIndex(text, lineBase);
  }

  range(start: number, end: number): Range { return this.lines.range(start, end); }

  private ref(kind: Reference['kind'], text: string, range: Range, entry: Entry | undefined, context: string, extra?: Partial<Reference>): Reference {
    const r: Reference = { kind, text, range, ...(entry ? { entry: entry.id, entryName: entry.name } : {}), context, ...extra };
    this.references.push(r);
    return r;
  }

  /** An image reference written at [start, end); `resolved` is its text after variable substitution. */
  image(written: string, start: number, end: number, context: string, resolved = written): void {
    const text = resolved.trim();
    if (!text || text.includes('{{')) return;
    const ref = parseImageReference(text);
    if (!ref) return;
    const range = this.range(start, end);
    const entry = this.catalog.entryForImage(ref.key);
    this.ref('image', text, range, entry, context, {
      key: ref.key,
      image: { registry: ref.registry, repository: ref.repository, tag: ref.tag, digest: ref.digest },
    });
    this.images.push({ ref, range, context, rewritable: resolved === written });
  }

  /** Shell text starting at offset `start`: commands, installed packages and downloads of catalog tools. */
  shell(text: string, start: number, context: string): void {
    if (text.includes('{{')) text = text.replace(/\{\{[\s\S]*?\}\}/g, (m) => ' '.repeat(m.length));
    const found = scanShell(text, start);
    for (const c of found.commands) {
      const e = this.catalog.entryForCommand(c.text);
      if (e) this.ref('command', c.text, this.range(c.start, c.end), e, context);
    }
    for (const p of found.packages) {
      const [manager, name] = [p.text.slice(0, p.text.indexOf(':')), p.text.slice(p.text.indexOf(':') + 1)];
      const e = this.catalog.entryForPackage(manager, name) ?? this.catalog.entryForPackage(manager === 'apk' || manager === 'apt' ? 'apt' : manager, name);
      if (e) this.ref('tool', name, this.range(p.start, p.end), e, `${context} (${manager} install)`);
    }
    for (const u of found.urls) {
      const e = this.catalog.entryForDownload(u.text);
      if (e) this.ref('tool', u.text, this.range(u.start, u.end), e, `${context} (download)`);
    }
  }

  /** A value that names a tool (a volume driver, a runtime class…), when the catalog knows it. */
  tool(value: string, start: number, end: number, context: string, entry: Entry | undefined): void {
    if (entry) this.ref('tool', value, this.range(start, end), entry, context);
  }

  /** A Kubernetes apiVersion/kind; custom-resource groups link to their catalog entry. */
  api(apiVersion: string, kind: string, start: number, end: number, note?: string): void {
    const range = this.range(start, end);
    const slash = apiVersion.indexOf('/');
    const group = slash > 0 ? apiVersion.slice(0, slash) : '';
    const entry = group ? this.catalog.entryForApiGroup(group) : undefined;
    this.ref('apiVersion', apiVersion, range, entry, kind, { key: kind });
    this.apis.push({ apiVersion, kind, range, note });
  }

  deprecatedSyntax(start: number, end: number, message: string, replacement?: { text: string; edits: TextEdit[] }): void {
    this.syntax.push({ range: this.range(start, end), message, replacement });
  }
}

/** `# container-atlas: ignore rule-a, rule-b` on a line or the line above it silences those rules there (all rules when none are named). */
export function ignoredRules(text: string): Map<number, Set<RuleId> | 'all'> {
  const out = new Map<number, Set<RuleId> | 'all'>();
  if (!text.includes('container-atlas:')) return out;
  const lines = text.split(/\r\n|\r|\n/);
  const re = /(?:#|\/\/)\s*container-atlas:\s*ignore\b([^\n]*)/;
  lines.forEach((line, i) => {
    const m = re.exec(line);
    if (!m) return;
    const rules = m[1].split(/[\s,]+/).filter(Boolean) as RuleId[];
    const value: Set<RuleId> | 'all' = rules.length ? new Set(rules) : 'all';
    const own = line.slice(0, m.index).trim() === '';
    for (const target of own ? [i, i + 1] : [i]) {
      const prev = out.get(target);
      if (prev === 'all' || value === 'all') out.set(target, 'all');
      else out.set(target, new Set([...(prev ?? []), ...value]));
    }
  });
  return out;
}
