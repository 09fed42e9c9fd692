import { compareVersions, type CatalogIndex, type EolVerdict } from '../catalog/catalogIndex';
import type { Entry, ImageFact, ImageReplacement, StatusValue } from '../catalog/types';
import { formatImageReference, type ImageReference } from '../syntax/imageReference';
import type { Range } from '../common/model';
import type { ApiSite, ImageSite, SyntaxSite } from '../syntax/sites';
import { newestSupported, upgradesFor } from './upgrades';
import { RULES, DEFAULT_EOL_WARNING_DAYS, type AnalysisOptions, type Finding, type Reference, type Replacement, type RuleId, type Severity } from './model';

const STATUS_WORDS: Record<StatusValue, string> = {
  active: 'active',
  deprecated: 'deprecated',
  archived: 'archived',
  discontinued: 'discontinued',
  'end-of-life': 'end of life',
  renamed: 'renamed',
  merged: 'merged into another project',
  inactive: 'no longer actively maintained',
};

export const statusWord = (s: StatusValue): string => STATUS_WORDS[s] ?? s;

function finding(rule: RuleId, f: Omit<Finding, 'rule' | 'severity'>): Finding {
  return { rule, severity: RULES[rule].severity as Severity, ...f };
}

function successorNames(catalog: CatalogIndex, e: Entry): string[] {
  return (e.successors ?? []).map((s) => catalog.entry(s.id)?.name ?? s.id);
}

/** deprecated-technology: a reference to an entry whose status is not active. */
export function technologyFindings(catalog: CatalogIndex, refs: Reference[], skip: Set<Reference>): Finding[] {
  const out: Finding[] = [];
  // One finding per technology per container: its image line and its command line say it once.
  const said = new Set<string>();
  for (const r of refs) {
    if (!r.entry) continue;
    const container = containerOf(r.context);
    if (container !== null) {
      const k = `${container}|${r.entry}`;
      if (said.has(k)) continue;
      said.add(k);
    }
    if (skip.has(r)) continue;
    const e = catalog.entry(r.entry);
    if (!e || e.status.value === 'active') continue;
    const succ = successorNames(catalog, e);
    const since = e.status.since ? ` since ${e.status.since}` : '';
    // What to do first, then why, short enough for the Problems panel: the history is in the hover card.
    const message = succ.length ? `Use ${succ.join(' or ')}: ${e.name} is ${statusWord(e.status.value)}${since}` : `Replace ${e.name}: it is ${statusWord(e.status.value)}${since}`;
    out.push(finding('deprecated-technology', {
      message,
      status: `${e.name} is ${statusWord(e.status.value)}${since}`,
      range: r.range,
      entry: e.id,
      entryName: e.name,
      deprecated: true,
      sources: e.status.sources,
      replacements: (e.successors ?? []).map((s) => ({ text: catalog.entry(s.id)?.name ?? s.id, entry: s.id, reason: s.reason })),
    }));
  }
  return out;
}

/** The container (or Compose service) a YAML reference's context names (`spec.containers[0]`, `services.web`), or null. */
function containerOf(context: string | undefined): string | null {
  const m = context ? /^(.*(?:containers\[\d+\]|^services\.[^.]+))\.(?:image|command|args|entrypoint)\b/i.exec(context) : null;
  return m ? m[1] : null;
}

/** The rewritten reference for one replacement, or null when the rewrite is not mechanical. */
export function rewriteImage(ref: ImageReference, fact: ImageFact, repl: ImageReplacement): { text: string; mechanical: boolean } {
  let key = repl.repository;
  if (fact.match.endsWith('/*') && repl.repository.endsWith('/*')) key = repl.repository.slice(0, -1) + ref.key.slice(fact.match.length - 1);
  key = key.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
  let tag = ref.tag;
  let mechanical = true;
  if (Array.isArray(repl.tags)) {
    const rule = tag ? repl.tags.find((t) => new RegExp(`^(?:${t.match})$`).test(tag!)) : undefined;
    if (rule && tag) tag = tag.replace(new RegExp(`^(?:${rule.match})$`), rule.to);
    else mechanical = false;
  }
  if (ref.digest && !repl.keepDigest) mechanical = false;
  return { text: mechanical ? formatImageReference(key, tag, repl.keepDigest ? ref.digest : null) : key, mechanical };
}

/**
 * Findings that depend only on what a site says, not where it is, memoised per catalog and options:
 * a file that names one image a thousand times builds its findings once (issue #17's findings-heavy
 * manifests spent most of their analysis, and most of their garbage, building the same findings).
 * Each template is computed at RANGE0 and copied to the site's range by `relocate`. Image findings
 * are kept by the parsed reference (parseImageReference gives one object per text) and whether the
 * site can be rewritten; API findings by a key of what the site says.
 */
interface Memo { byImage: WeakMap<ImageReference, [Finding[]?, Finding[]?]>; byKey: Map<string, Finding[]> }
const memos = new WeakMap<CatalogIndex, WeakMap<AnalysisOptions, Memo>>();
const MEMO_LIMIT = 20_000;
const RANGE0: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function memoFor(catalog: CatalogIndex, options: AnalysisOptions): Memo {
  let byOptions = memos.get(catalog);
  if (!byOptions) memos.set(catalog, (byOptions = new WeakMap()));
  let memo = byOptions.get(options);
  if (!memo) byOptions.set(options, (memo = { byImage: new WeakMap(), byKey: new Map() }));
  return memo;
}

function memoised(catalog: CatalogIndex, options: AnalysisOptions, key: string, compute: () => Finding[]): Finding[] {
  const memo = memoFor(catalog, options).byKey;
  let found = memo.get(key);
  if (!found) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, (found = compute()));
  }
  return found;
}

function imageTemplates(catalog: CatalogIndex, options: AnalysisOptions, site: ImageSite): Finding[] {
  const byImage = memoFor(catalog, options).byImage;
  let pair = byImage.get(site.ref);
  if (!pair) byImage.set(site.ref, (pair = []));
  const i = site.rewritable ? 1 : 0;
  return (pair[i] ??= siteImageFindings(catalog, { ...site, range: RANGE0 }, options));
}

/**
 * A memoised finding at `range`: a new finding (later steps set its severity) with a new replacements
 * array, every edit at `range`. Replacements without edits are shared: they are never changed
 * (addPartEdits puts a new replacement in the array).
 */
function relocate(t: Finding, range: Range): Finding {
  const out: Finding = { ...t, range };
  if (t.replacements) out.replacements = t.replacements.map((r) => (r.edits ? { ...r, edits: r.edits.map((e) => ({ range, newText: e.newText })) } : r));
  return out;
}

/** deprecated-image, eol-image and unapproved-registry on image sites. Returns the references that a more specific image finding covers. */
export function imageFindings(catalog: CatalogIndex, sites: ImageSite[], refs: Reference[], options: AnalysisOptions): { findings: Finding[]; covered: Set<Reference> } {
  const out: Finding[] = [];
  const covered = new Set<Reference>();
  let refAt: Map<string, Reference> | undefined;
  for (const site of sites) {
    const { ref, range } = site;
    const templates = imageTemplates(catalog, options, site);
    for (const t of templates) out.push(relocate(t, range));
    if (templates[0]?.rule === 'deprecated-image') {
      if (!refAt) {
        refAt = new Map();
        for (const r of refs) if (r.kind === 'image') refAt.set(`${r.range.start.line}:${r.range.start.character}`, r);
      }
      const r = refAt.get(`${range.start.line}:${range.start.character}`);
      if (r) covered.add(r);
    }
  }
  return { findings: out, covered };
}

/** The image findings of one site, the deprecated-image one first when there is one. */
function siteImageFindings(catalog: CatalogIndex, site: ImageSite, options: AnalysisOptions): Finding[] {
  const out: Finding[] = [];
  // The approved registries are the catalog's setting, so the memo's key (catalog, options, site) covers them.
  const allowed = catalog.settings.allowedRegistries;
  const { ref, range } = site;
  const fact = catalog.imageFact(ref.key);
  let moved: Finding | undefined;
  if (fact) {
    const replacements: Replacement[] = (fact.replacements ?? []).map((repl) => {
      const { text, mechanical: rewritable } = rewriteImage(ref, fact, repl);
      // A mirror or an architecture's build (arm64v8/java) names the image another way: say what to use, rewrite nothing.
      const mechanical = rewritable && catalog.canonicalImageKey(ref.key) === ref.key;
      return {
        text,
        ...(repl.entry ? { entry: repl.entry } : {}),
        ...(repl.reason ? { reason: repl.reason } : {}),
        ...(mechanical && site.rewritable ? { edits: [{ range, newText: text }] } : {}),
      };
    });
    const what = fact.status === 'moved' ? 'has moved' : fact.status === 'renamed' ? 'was renamed' : fact.status === 'frozen' ? 'is frozen' : fact.status === 'end-of-life' ? 'is end of life' : fact.status === 'removed' ? 'was removed' : 'is deprecated';
    const target = fact.match.endsWith('/*') ? fact.match.slice(0, -2) : fact.match;
    const why = `${target} ${what}${fact.since ? ` (${fact.since})` : ''}`;
    const message = replacements.length ? `Use ${replacements.map((r) => r.text).join(' or ')}: ${why}` : `Replace ${ref.key}: ${target === ref.key ? why.slice(target.length + 1) : why}`;
    moved = finding('deprecated-image', { message, detail: fact.summary, status: `${target} ${what}${fact.since ? ` since ${fact.since}` : ''}`, range, deprecated: true, sources: fact.sources, replacements, ...(fact.entry ? { entry: fact.entry, entryName: catalog.entry(fact.entry)?.name ?? fact.entry } : {}) });
    out.push(moved);
  }
  const f = eolFinding(catalog, site, options);
  // One finding per token: a deprecated or moved image says so, and its ended release cycle is the detail.
  if (f && moved) moved.detail = [moved.detail, sentence(f.message.slice(f.message.indexOf(': ') + 2))].filter(Boolean).join(' ');
  else if (f) out.push(f);
  if (allowed && allowed.length && !allowed.some((a) => ref.registry === a || `${ref.registry}/${ref.repository}`.startsWith(a.endsWith('/') ? a : `${a}/`) || ref.key.startsWith(`${a}/`))) {
    out.push(finding('unapproved-registry', { message: `Pull ${ref.key} from an approved registry (${allowed.join(', ')}), not ${ref.registry}`, status: `${ref.registry} is not an approved registry`, range }));
  }
  return out;
}

/** A catalog note as a sentence: capitalised, one full stop at the end. */
function sentence(note: string): string {
  const t = note.trim();
  return `${t[0].toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}

/** The first sentence of a catalog note, without its full stop: the action it starts with. */
function firstSentence(note: string): string {
  const t = sentence(note);
  const m = /^(.*?[^.]{3})\.(?:\s|$)/.exec(t);
  return (m ? m[1] : t.replace(/\.$/, '')).replace(/\s*\(([^)]*)\)$/, '');
}

const cycleName = (v: EolVerdict) => `${v.product.name} ${v.cycle.cycle}${v.cycle.codename ? ` (${v.cycle.codename})` : ''}`;
const ended = (v: EolVerdict | undefined, asOf: string): boolean => !!v && !!v.cycle.eol && v.cycle.eol <= asOf;

/** The day `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Quick-fix replacements that move a tag to a supported release of the same image family. */
function upgradeReplacements(catalog: CatalogIndex, ref: ImageReference, options: AnalysisOptions, rewritable: boolean): Replacement[] {
  const soon = addDays(options.asOf, options.eolWarningDays ?? DEFAULT_EOL_WARNING_DAYS);
  return upgradesFor(catalog, ref, soon).map((u) => {
    const entry = u.product.entry ? catalog.entry(u.product.entry) : undefined;
    const role = entry?.role ? catalog.role(entry.role) : undefined;
    const major = u.major ? (role?.majorUpgrade ?? 'a major-version upgrade: read the release notes') : undefined;
    const until = u.cycle.eol ? `supported until ${u.cycle.eol}` : 'supported';
    const which = u.label === 'lts' ? 'LTS, ' : u.label === 'next' ? 'next supported release, ' : u.label === 'newest' ? 'newest, ' : '';
    return {
      text: u.text,
      ...(u.product.entry ? { entry: u.product.entry } : {}),
      reason: `${u.product.name} ${u.cycle.cycle}: ${which}${until}`,
      title: `Upgrade to ${u.text} (${which}${until})${major ? ` — major upgrade: ${major}` : ''}${u.dropsDigest ? '; drops the pinned digest' : ''}`,
      ...(major ? { major } : {}),
      ...(rewritable ? { edits: [] } : {}),
    };
  });
}

/**
 * eol-image: the tag's release cycle, or the operating-system release its variant is built on
 * (python:3.11-alpine3.17), is past its end of life; eol-image-soon: it will be within
 * options.eolWarningDays. One finding per reference, naming both the version and the OS when both
 * have ended. Quick fixes move the tag to supported releases of the same family (analysis/upgrades.ts).
 */
function eolFinding(catalog: CatalogIndex, site: ImageSite, options: AnalysisOptions): Finding | undefined {
  const { ref, range } = site;
  const product = catalog.eolCycle(ref.key, ref.tag);
  const os = catalog.osCycle(ref.key, ref.tag);
  const productEnded = ended(product, options.asOf);
  const osEnded = ended(os, options.asOf);
  const what = `${ref.key}:${ref.tag}`;
  const withEdits = (rs: Replacement[]) => rs.map((r) => (r.edits ? { ...r, edits: [{ range, newText: r.text }] } : r));
  if (!productEnded && !osEnded) {
    const soon = addDays(options.asOf, options.eolWarningDays ?? DEFAULT_EOL_WARNING_DAYS);
    const ending = [product, os].filter((v): v is EolVerdict => !!v && !!v.cycle.eol && v.cycle.eol <= soon).sort((a, b) => String(a.cycle.eol).localeCompare(String(b.cycle.eol)))[0];
    if (!ending) return undefined;
    const days = Math.round((Date.parse(String(ending.cycle.eol)) - Date.parse(options.asOf)) / 86_400_000);
    return finding('eol-image-soon', {
      message: `Plan the upgrade: ${cycleName(ending)}${ending === os ? `, the OS of ${what},` : ''} reaches end of life on ${ending.cycle.eol} (in ${days} day${days === 1 ? '' : 's'})`,
      status: `${cycleName(ending)} ends ${ending.cycle.eol} (in ${days} day${days === 1 ? '' : 's'})`,
      range,
      sources: ending.product.sources,
      replacements: withEdits(upgradeReplacements(catalog, ref, options, site.rewritable)),
      ...(ending.product.entry ? { entry: ending.product.entry, entryName: catalog.entry(ending.product.entry)?.name ?? ending.product.entry } : {}),
    });
  }
  const main: EolVerdict = productEnded ? product! : os!;
  const replacements = withEdits(upgradeReplacements(catalog, ref, options, site.rewritable));
  const first = replacements[0];
  // What to do: the first upgrade when the image's tags are known, else the newest supported release
  // (of the product, or of the OS the variant is built on).
  const newest = newestSupported(main.product, options.asOf);
  const todo = first ? `Use ${first.text}`
    : !newest ? `Upgrade ${what}`
    : productEnded ? `Upgrade to ${main.product.name} ${newest.cycle}`
    : `Use a variant on ${os!.product.name} ${newest.cycle}${newest.codename ? ` (${newest.codename})` : ''}`;
  // What to do first, then why; what it means for the image is in the detail (the hover card).
  const message = productEnded
    ? `${todo}: ${cycleName(product!)} reached end of life on ${product!.cycle.eol}${osEnded ? `, its OS ${cycleName(os!)} on ${os!.cycle.eol}` : ''}`
    : `${todo}: ${what} is built on ${cycleName(os!)}, end of life since ${os!.cycle.eol}`;
  return finding('eol-image', {
    message,
    detail: productEnded ? `${what} gets no more updates.` : `${what}'s OS packages get no more security fixes.`,
    status: `${cycleName(main)}${productEnded ? '' : `, the OS of ${what},`} ended ${main.cycle.eol}`,
    range,
    deprecated: true,
    sources: [...main.product.sources, ...(productEnded && osEnded ? os!.product.sources : [])],
    replacements,
    ...(main.product.entry ? { entry: main.product.entry, entryName: catalog.entry(main.product.entry)?.name ?? main.product.entry } : {}),
  });
}

/** removed-api and deprecated-api at the target Kubernetes version. */
export function apiFindings(catalog: CatalogIndex, sites: ApiSite[], options: AnalysisOptions): Finding[] {
  const out: Finding[] = [];
  for (const s of sites) {
    const templates = memoised(catalog, options, `api|${s.apiVersion}|${s.kind}|${s.note ?? ''}`, () => siteApiFindings(catalog, { ...s, range: RANGE0 }, options));
    for (const t of templates) out.push(relocate(t, s.range));
  }
  return out;
}

/** removed-api or deprecated-api for one site (none, or one finding). */
function siteApiFindings(catalog: CatalogIndex, s: ApiSite, options: AnalysisOptions): Finding[] {
  const target = options.kubernetesVersion ?? catalog.newestKubernetesVersion;
  const out: Finding[] = [];
  const row = catalog.kubernetesApi(s.apiVersion, s.kind);
  if (!row) return out;
  if (row.addon) {
    // Custom resources of an add-on: its versions are the add-on's releases, so the target Kubernetes version says nothing.
    const a = row.addon;
    if (!a.removedIn && !a.deprecatedIn) return out;
    const why = a.removedIn ? `removed in ${a.name} ${a.removedIn}` : `deprecated since ${a.name} ${a.deprecatedIn}`;
    const action = row.note ? firstSentence(row.note) : '';
    const message = `${/^(Move|Use|Migrate|Replace|Switch)\b/.test(action) ? action : `Migrate off ${s.kind} ${s.apiVersion}`} (${s.kind} ${s.apiVersion} ${why})`;
    out.push(finding(a.removedIn ? 'removed-api' : 'deprecated-api', { message, ...(row.note ? { detail: sentence(row.note) } : {}), status: `${s.kind} ${s.apiVersion} ${a.removedIn ? `removed in ${a.name} ${a.removedIn}` : `deprecated since ${a.name} ${a.deprecatedIn}`}`, range: s.range, deprecated: true, sources: row.sources, replacements: [], ...(a.entry ? { entry: a.entry, entryName: catalog.entry(a.entry)?.name ?? a.entry } : {}) }));
    return out;
  }
  const removed = row.removedIn && compareVersions(row.removedIn, target) <= 0;
  const deprecated = row.deprecatedIn && compareVersions(row.deprecatedIn, target) <= 0;
  if (!removed && !deprecated) return out;
  // The site's note says what the new version requires beyond the apiVersion (apps/v1's
  // spec.selector): then rewriting the apiVersion alone would leave a manifest the API server
  // rejects, so the replacement is named but not offered as a mechanical fix.
  const replacements: Replacement[] = row.replacement ? [{ text: row.replacement, reason: `${s.kind} is served as ${row.replacement}${row.replacementAvailableIn ? ` since Kubernetes ${row.replacementAvailableIn}` : ''}${s.note ? `; ${s.note}` : ''}`, ...(s.note ? {} : { edits: [{ range: s.range, newText: row.replacement }] }) }] : [];
  // The catalog's note is a sentence of its own (capitalised, ending in a full stop).
  // What to do first ("Replace extensions/v1beta1 with apps/v1"), then when it went; the catalog's
  // note and what the new version also requires are the detail, in the hover card.
  const why = removed ? `removed in Kubernetes ${row.removedIn}` : `deprecated since Kubernetes ${row.deprecatedIn}${row.removedIn ? `, removed in ${row.removedIn}` : ''}`;
  const action = row.note ? firstSentence(row.note) : '';
  const todo = row.replacement ? `Replace ${s.kind} ${s.apiVersion} with ${row.replacement}` : /^(Move|Use|Migrate|Replace|Switch)\b/.test(action) ? action : `Migrate off ${s.kind} ${s.apiVersion}`;
  const also = s.note ? /requires (\S+)/.exec(s.note)?.[1] : undefined;
  const message = `${todo} (${todo === action ? `${s.kind} ${s.apiVersion} ` : ''}${why})${also ? `; add ${also}` : ''}`;
  const detail = [s.note ? sentence(s.note) : '', row.note ? sentence(row.note) : ''].filter(Boolean).join(' ');
  out.push(finding(removed ? 'removed-api' : 'deprecated-api', { message, ...(detail ? { detail } : {}), status: `${s.kind} ${s.apiVersion} ${removed ? `removed in Kubernetes ${row.removedIn}` : `deprecated since Kubernetes ${row.deprecatedIn}`}`, range: s.range, deprecated: true, sources: row.sources, replacements }));
  return out;
}

export function syntaxFindings(sites: SyntaxSite[]): Finding[] {
  return sites.map((s) => finding('deprecated-syntax', { message: s.message, range: s.range, deprecated: true, replacements: s.replacement ? [s.replacement] : [] }));
}
