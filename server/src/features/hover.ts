import type { Hover } from 'vscode-languageserver';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { FileAnalysis, Finding, Position, Reference } from '../analysis/model';
import { containsPosition } from '../common/lineIndex';
import { cardModel, dataAsOfLine, sourceLabel } from './entryCard';
import { statusWord } from '../analysis/rules';
import { compareVersions } from '../catalog/catalogIndex';
import { HoverCommands } from '../common/protocol';
import { SEVERITIES } from '../common/model';
import { code, escapeMarkdown, link } from './markdown';

/** Index of the first item whose range starts at or after (line, character), in a list sorted by start. */
function lowerBound(items: { range: { start: Position } }[], line: number, character: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = items[mid].range.start;
    if (s.line < line || (s.line === line && s.character < character)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The reference under the cursor: the last one (in the analysis's order, sorted by start) whose
 * range contains the position. Searches back from the last reference starting on or before the
 * cursor's line instead of going through the whole file.
 */
export function referenceAt(analysis: FileAnalysis, pos: Position): Reference | undefined {
  const refs = analysis.references;
  for (let i = lowerBound(refs, pos.line + 1, 0) - 1; i >= 0; i--) {
    if (containsPosition(refs[i].range, pos)) return refs[i];
  }
  return undefined;
}

const ICON: Record<Finding['severity'], string> = { error: '$(error)', warning: '$(warning)', information: '$(info)', hint: '$(light-bulb)' };
const SEVERITY_WORD: Record<Finding['severity'], string> = { error: 'Error', warning: 'Warning', information: 'Note', hint: 'Hint' };

/** A `command:` link to one of the extension's own commands (HoverCommands), its argument JSON-encoded. */
function commandLink(label: string, command: string, arg: unknown): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify([arg]))})`;
}

/** The status line of one finding: what is wrong, then what to use. */
function statusLine(f: Finding, markup: boolean): string {
  const first = f.replacements?.find((r) => r.text)?.text;
  const what = f.status ? `${escapeMarkdown(f.status)}${first ? ` → use ${code(first)}` : ''}` : escapeMarkdown(f.message);
  return markup ? `${ICON[f.severity]} **${what}**` : `**${SEVERITY_WORD[f.severity]}: ${what}**`;
}

/** For an apiVersion that is served at the target version: since when, if the catalog knows it. */
function servedSince(catalog: CatalogIndex, apiVersion: string, kind: string): string | undefined {
  const rows = catalog.data.kubernetesApis.filter((a) => a.replacement === apiVersion && a.replacementAvailableIn && a.kinds.includes(kind));
  return rows.map((a) => a.replacementAvailableIn!).sort((a, b) => compareVersions(a, b))[0];
}

export interface HoverOptions {
  /**
   * VS Code's markup: codicons (`$(warning)`) and command links to the extension's own commands (Open
   * entry · Alternatives… · Fix). Only our client renders them, and says so in its initialization
   * options (`editorMarkup`); other editors and the CLI's `explain` get plain Markdown. Default off.
   */
  editorMarkup?: boolean;
  /** The target Kubernetes version, for the card of a served API. */
  kubernetesVersion?: string;
}

/**
 * The hover card for the reference under the cursor, five or six short lines: the status with what
 * to use (one line per finding, most severe first), what it is (name, layer › category, vendor), its
 * summary, the release cycle of a versioned image, links to the extension's commands (Open entry ·
 * Alternatives… · Fix), and the sources by site with the date of the catalog's data. The diagnostic's
 * sentence is not repeated: the status line says the same in a few words.
 */
export function hover(catalog: CatalogIndex, analysis: FileAnalysis, pos: Position, opts: HoverOptions = {}): Hover | null {
  const ref = referenceAt(analysis, pos);
  if (!ref) return null;
  // Findings are sorted by start: those that start where the reference starts are one run.
  const findings: Finding[] = [];
  const fs = analysis.findings;
  for (let i = lowerBound(fs, ref.range.start.line, ref.range.start.character); i < fs.length; i++) {
    const f = fs[i];
    if (f.range.start.line !== ref.range.start.line || f.range.start.character !== ref.range.start.character) break;
    if (f.rule !== 'analysis-skipped' && containsPosition(f.range, ref.range.start)) findings.push(f);
  }
  findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  const entry = ref.entry ? catalog.entry(ref.entry) : undefined;
  const api = ref.kind === 'apiVersion' && ref.key ? catalog.kubernetesApi(ref.text, ref.key) ?? null : undefined;
  const servedApi = ref.kind === 'apiVersion' && ref.key && !findings.length ? ref.key : undefined;
  if (!entry && !findings.length && !servedApi) return null;
  const lines: string[] = [];
  const markup = opts.editorMarkup === true;
  for (const f of findings) lines.push(statusLine(f, markup));
  // The history behind the findings (the diagnostic's message is short and says what to do).
  const details = [...new Set(findings.map((f) => f.detail).filter((d): d is string => !!d))];
  if (details.length) lines.push(escapeMarkdown(details.join(' ')));
  // An inactive entry with no finding here (its finding is on another line of the same container).
  if (entry && !findings.length && entry.status.value !== 'active') {
    lines.push(statusLine({ rule: 'deprecated-technology', severity: 'warning', message: '', range: ref.range, status: `${entry.name} is ${statusWord(entry.status.value)}${entry.status.since ? ` since ${entry.status.since}` : ''}`, replacements: (entry.successors ?? []).map((s) => ({ text: catalog.entry(s.id)?.name ?? s.id })) }, markup));
  }
  if (servedApi) {
    const since = servedSince(catalog, ref.text, servedApi);
    const target = opts.kubernetesVersion ?? catalog.newestKubernetesVersion;
    lines.push(`${markup ? '$(pass) ' : ''}**${escapeMarkdown(`${ref.text} ${servedApi}`)}** — ${escapeMarkdown(since ? `stable since Kubernetes ${since}` : `served at Kubernetes ${target}`)}${api?.deprecatedIn || api?.removedIn ? '' : escapeMarkdown(since ? `, served at ${target}` : '')}`);
  }
  const m = entry ? cardModel(catalog, entry) : undefined;
  if (m) {
    const vendor = m.facts.find((f) => f.label === 'Vendor' || f.label === 'Maintainer');
    const vendorName = vendor?.value.map((v) => ('name' in v ? v.name : 'code' in v ? v.code : v.text)).join('');
    lines.push([`**${escapeMarkdown(m.name)}**`, escapeMarkdown(m.place), ...(vendorName ? [escapeMarkdown(vendorName)] : []), `_${escapeMarkdown(m.kind)}_`].join(' · '));
    lines.push(escapeMarkdown(m.summary));
  }
  const links: string[] = [];
  if (ref.image) {
    const eol = catalog.eolCycle(ref.key ?? '', ref.image.tag);
    const os = catalog.osCycle(ref.key ?? '', ref.image.tag);
    const cycles = [eol, os].filter((v): v is NonNullable<typeof eol> => !!v);
    if (cycles.length) {
      lines.push(cycles.map((v, n) => `${n || !eol ? 'OS' : 'Release cycle'} ${escapeMarkdown(`${v.product.name} ${v.cycle.cycle}`)}: ${v.cycle.eol ? `end of life ${escapeMarkdown(v.cycle.eol)}` : 'supported'}`).join(' · '));
      for (const v of cycles) if (v.product.sources[0]) links.push(link(sourceLabel(v.product.sources[0]), v.product.sources[0]));
    }
  }
  if (markup) {
    const at = { position: { line: ref.range.start.line, character: ref.range.start.character } };
    const cmds: string[] = [];
    if (entry) cmds.push(commandLink('$(book) Open entry', HoverCommands.openEntry, { id: entry.id }));
    cmds.push(commandLink('$(list-selection) Alternatives…', HoverCommands.alternatives, at));
    if (findings.some((f) => f.replacements?.some((r) => r.edits))) cmds.push(commandLink('$(lightbulb-autofix) Fix', HoverCommands.fix, at));
    lines.push(cmds.join(' · '));
  }
  // Sources: the entry's homepage and status sources, the findings' sources, the release data; by site.
  const urls = new Set<string>();
  if (m) for (const l of m.links) if (l.label !== 'Repository') urls.add(l.url);
  for (const f of findings) for (const s of f.sources ?? []) urls.add(s);
  if (api) for (const s of api.sources) urls.add(s);
  const sourceLinks = [...urls].filter((u) => !links.some((l) => l.includes(`(${u})`))).map((u) => (m?.links.find((l) => l.url === u && l.label === 'Homepage') ? link('Homepage', u) : link(sourceLabel(u), u)));
  const dated = dataAsOfLine(catalog);
  const tail = [...sourceLinks, ...links].slice(0, 5).join(' · ');
  lines.push(`${tail}${tail && dated ? ' · ' : ''}${dated ? `_${escapeMarkdown(dated)}_` : ''}`);
  return { contents: { kind: 'markdown', value: lines.filter(Boolean).join('\n\n') }, range: ref.range };
}
