import { parseImageReference, type ImageReference } from './imageReference';
import { scanShell } from './shell';
import { LineIndex } from '../common/lineIndex';
import type { Range, TextEdit } from '../common/model';

/**
 * What the parsers find in a file, before anything is looked up in the catalog: each site is a piece
 * of text at a range that may name an image, a tool, a setting value or a Kubernetes API.
 * The analysis layer (analysis/resolve.ts) links sites to catalog entries and runs the rules on them.
 */
export type Site = ImageSite | CommandSite | PackageSite | DownloadSite | ActionSite | SettingSite | ApiSite | DependencySite;

/** An image reference as written. */
export interface ImageSite {
  type: 'image';
  text: string;
  ref: ImageReference;
  range: Range;
  context: string;
  /** False when the text came from variable substitution: the written text is not the reference, so no rewrite. */
  rewritable: boolean;
  /** An image written in parts (a Helm values map): where each part is, so a rewrite edits the parts. */
  parts?: ImagePartsSite;
}

/** The parts of an image map (`image: {registry, repository, tag, digest}`), each a literal at its offsets. */
export interface ImagePart { value: string; start: number; end: number; range?: Range }
export interface ImagePartsSite {
  registry?: ImagePart;
  repository: ImagePart;
  tag?: ImagePart;
  digest?: ImagePart;
  /** The registry is the values file's global override (`global.imageRegistry`), not the map's own. */
  registryFromGlobal?: boolean;
}

/** A Helm chart dependency (Chart.yaml `dependencies`), linked to the catalog by its name. */
export interface DependencySite { type: 'dependency'; name: string; repository: string; range: Range; context: string }

/** A command name run in a shell line (RUN, command:, Exec=…). */
export interface CommandSite { type: 'command'; text: string; range: Range; context: string }

/** A package installed by a package manager in a shell line (`pip install docker-compose`). */
export interface PackageSite { type: 'package'; manager: string; name: string; range: Range; context: string }

/** A URL downloaded in a shell line (`curl -L https://github.com/…/releases/download/…`). */
export interface DownloadSite { type: 'download'; text: string; range: Range; context: string }

/** A GitHub Actions step's `uses:` action (`docker/setup-buildx-action`, lower case, without `@ref`); the range is the whole value. */
export interface ActionSite { type: 'action'; name: string; range: Range; context: string }

/**
 * A setting whose value may name a tool: a Compose driver or runtime (`compose:volume_driver`), a
 * Kubernetes field (`k8s:runtimeClassName`). `keys` are tried in order.
 */
export interface SettingSite { type: 'setting'; text: string; keys: string[]; range: Range; context: string }

/** A Kubernetes apiVersion and kind. */
export interface ApiSite {
  type: 'api';
  apiVersion: string;
  kind: string;
  range: Range;
  /** Extra words for the message (for example "apps/v1 also requires spec.selector"). */
  note?: string;
}

/** Deprecated syntax of the file's own format (MAINTAINER, Compose `version`…), with its rewrite when there is one. */
export interface SyntaxSite {
  range: Range;
  message: string;
  replacement?: { text: string; title: string; edits: TextEdit[] };
}

/**
 * Collects the sites of one text (a Dockerfile, or one YAML document). Offsets are turned into
 * positions with the text's own line index; `lineBase` is the file line on which the text starts, so
 * positions are the file's.
 */
export class SiteCollector {
  readonly sites: Site[] = [];
  readonly syntax: SyntaxSite[] = [];
  readonly errors: string[] = [];
  readonly lines: LineIndex;

  constructor(readonly text: string, lineBase = 0) {
    this.lines = new LineIndex(text, lineBase);
  }

  range(start: number, end: number): Range { return this.lines.range(start, end); }

  /** An image reference written at [start, end); `resolved` is its text after variable substitution. */
  image(written: string, start: number, end: number, context: string, resolved = written): void {
    const text = resolved.trim();
    if (!text || text.includes('{{')) return;
    const ref = parseImageReference(text);
    if (!ref) return;
    this.sites.push({ type: 'image', text, ref, range: this.range(start, end), context, rewritable: resolved === written });
  }

  /** An image written in parts (a Helm values map); the range is the repository's. */
  imageParts(text: string, start: number, end: number, context: string, parts: ImagePartsSite): void {
    const ref = parseImageReference(text.trim());
    if (!ref || text.includes('{{')) return;
    for (const part of [parts.registry, parts.repository, parts.tag, parts.digest]) if (part) part.range = this.range(part.start, part.end);
    this.sites.push({ type: 'image', text: text.trim(), ref, range: this.range(start, end), context, rewritable: false, parts });
  }

  /** A Helm chart dependency. */
  dependency(name: string, repository: string, start: number, end: number, context: string): void {
    this.sites.push({ type: 'dependency', name, repository, range: this.range(start, end), context });
  }

  /** Shell text starting at offset `start`: commands, installed packages and downloads. */
  shell(text: string, start: number, context: string): void {
    if (text.includes('{{')) text = text.replace(/\{\{[\s\S]*?\}\}/g, (m) => ' '.repeat(m.length));
    const found = scanShell(text, start);
    for (const c of found.commands) this.sites.push({ type: 'command', text: c.text, range: this.range(c.start, c.end), context });
    for (const p of found.packages) {
      const colon = p.text.indexOf(':');
      this.sites.push({ type: 'package', manager: p.text.slice(0, colon), name: p.text.slice(colon + 1), range: this.range(p.start, p.end), context });
    }
    for (const u of found.urls) this.sites.push({ type: 'download', text: u.text, range: this.range(u.start, u.end), context });
  }

  /** A GitHub Actions `uses:` value naming an action in a repository (`owner/repo[/path]@ref`). */
  action(value: string, start: number, end: number, context: string): void {
    const m = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(?:\/[^@\s]*)?)@\S+$/.exec(value);
    if (m) this.sites.push({ type: 'action', name: m[1].toLowerCase().replace(/\/+$/, ''), range: this.range(start, end), context });
  }

  /** A setting value that may name a tool (a volume driver, a runtime class…). */
  setting(value: string, start: number, end: number, context: string, keys: string[]): void {
    this.sites.push({ type: 'setting', text: value, keys, range: this.range(start, end), context });
  }

  /** A Kubernetes apiVersion/kind. */
  api(apiVersion: string, kind: string, start: number, end: number, note?: string): void {
    this.sites.push({ type: 'api', apiVersion, kind, range: this.range(start, end), note });
  }

  deprecatedSyntax(start: number, end: number, message: string, replacement?: SyntaxSite['replacement']): void {
    this.syntax.push({ range: this.range(start, end), message, replacement });
  }
}
