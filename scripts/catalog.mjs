// Loads the YAML catalog under catalog/, validates it (JSON Schema + cross-references),
// and compiles it into one JSON index for the server and CLI.
//
//   node scripts/catalog.mjs --check          validate and print coverage figures (exit 1 on any problem)
//   node scripts/catalog.mjs --out FILE       validate and write the compiled index
//
// Exported functions are used by the build script and the tests.
import { readFileSync, readdirSync, writeFileSync, renameSync, existsSync, mkdirSync } from 'node:fs';
import { join, dirname, basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, LineCounter } from 'yaml';
import Ajv from 'ajv';
import { mergeImported } from './catalogImported.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const catalogDir = join(root, 'catalog');

const INACTIVE = new Set(['deprecated', 'archived', 'discontinued', 'end-of-life', 'renamed', 'merged', 'inactive']);

function readYaml(file, problems) {
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    problems.push(`${rel(file)}:${pos.line}:${pos.col}: YAML error: ${e.message.split('\n')[0]}`);
  }
  return doc.errors.length ? undefined : doc.toJS();
}

const rel = (f) => f.startsWith(root) ? f.slice(root.length + 1) : f;
export const normName = (s) => s.toLowerCase().replace(/[\s_]+/g, ' ').trim();

/** Loads and validates everything. Returns { catalog, problems, figures }. */
export function loadCatalog(dir = catalogDir) {
  const problems = [];
  const schema = JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(schema, 'catalog');
  const validateEntry = ajv.getSchema('catalog#/definitions/entry');
  const validateDoc = ajv.getSchema('catalog');
  const schemaErrors = (v, file) => {
    for (const e of v.errors ?? []) problems.push(`${rel(file)}: schema: ${e.instancePath || '/'} ${e.message}${e.params?.allowedValues ? ' (' + e.params.allowedValues.join(', ') + ')' : ''}${e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : ''}`);
  };

  const taxonomy = readYaml(join(dir, 'taxonomy.yaml'), problems) ?? { layers: [] };
  if (!validateDoc(taxonomy)) schemaErrors(validateDoc, join(dir, 'taxonomy.yaml'));
  const categoryLayer = new Map();
  for (const layer of taxonomy.layers ?? []) for (const c of layer.categories) categoryLayer.set(c.id, layer.id);

  const entries = [];
  const entryDir = join(dir, 'entries');
  for (const name of readdirSync(entryDir).filter((n) => n.endsWith('.yaml')).sort()) {
    const file = join(entryDir, name);
    const e = readYaml(file, problems);
    if (!e) continue;
    if (!validateEntry(e)) { schemaErrors(validateEntry, file); continue; }
    if (basename(name, '.yaml') !== e.id) problems.push(`${rel(file)}: file name must be the entry id ('${e.id}.yaml')`);
    e.__file = rel(file);
    entries.push(e);
  }

  const facts = {};
  for (const [key, file] of [['images', 'images.yaml'], ['kubernetesApis', 'kubernetes-apis.yaml'], ['eolProducts', 'eol.yaml']]) {
    const path = join(dir, file);
    if (!existsSync(path)) { facts[key] = []; continue; }
    const doc = readYaml(path, problems) ?? {};
    if (!validateDoc(doc)) schemaErrors(validateDoc, path);
    facts[key] = doc[key] ?? [];
    if (key === 'eolProducts') facts.eolOverrides = doc.eolOverrides ?? [];
  }

  // CNCF projects of the landscape (catalog/imported/landscape.yaml, written by scripts/import/landscape.mjs).
  const landscapeFile = join(dir, 'imported', 'landscape.yaml');
  const cncfProjects = existsSync(landscapeFile) ? (readYaml(landscapeFile, problems)?.projects ?? []) : [];

  // Cross-references.
  const byId = new Map();
  for (const e of entries) {
    if (byId.has(e.id)) problems.push(`${e.__file}: duplicate id '${e.id}' (also in ${byId.get(e.id).__file})`);
    byId.set(e.id, e);
  }
  const names = new Map();
  for (const e of entries) {
    for (const n of new Set([e.name, ...(e.aliases ?? [])].map(normName))) {
      const other = names.get(n);
      if (other && other !== e.id) problems.push(`${e.__file}: name or alias '${n}' is also used by '${other}'`);
      else names.set(n, e.id);
    }
  }
  const need = (e, id, what) => { if (!byId.has(id)) problems.push(`${e.__file}: ${what} '${id}' is not a catalog entry`); };
  for (const e of entries) {
    if (!categoryLayer.has(e.category)) problems.push(`${e.__file}: unknown category '${e.category}'`);
    for (const c of e.also ?? []) if (!categoryLayer.has(c)) problems.push(`${e.__file}: unknown category '${c}' in also`);
    for (const s of e.successors ?? []) need(e, s.id, 'successor');
    for (const a of e.alternatives ?? []) need(e, a, 'alternative');
    if (e.parent) need(e, e.parent, 'parent');
    if (e.partOf) need(e, e.partOf, 'partOf');
    const st = e.status?.value ?? 'active';
    if (INACTIVE.has(st)) {
      if (!e.status.since) problems.push(`${e.__file}: status '${st}' needs 'since'`);
      if (!e.status.sources?.length) problems.push(`${e.__file}: status '${st}' needs at least one source URL`);
    }
    if (e.successors?.some((s) => s.id === e.id)) problems.push(`${e.__file}: lists itself as successor`);
  }
  // Every successor chain must end in an active entry.
  const isActive = (id) => (byId.get(id)?.status?.value ?? 'active') === 'active';
  const chainEndsActive = (id, seen = new Set()) => {
    if (seen.has(id)) return false;
    seen.add(id);
    const e = byId.get(id);
    if (!e) return false;
    if (isActive(id)) return true;
    const succ = e.successors ?? [];
    return succ.length > 0 && succ.some((s) => chainEndsActive(s.id, new Set(seen)));
  };
  let brokenChains = 0;
  for (const e of entries) {
    if (!e.successors?.length) continue;
    for (const s of e.successors) {
      if (byId.has(s.id) && !chainEndsActive(s.id)) { brokenChains++; problems.push(`${e.__file}: successor chain through '${s.id}' never reaches an active entry`); }
    }
  }
  for (const f of facts.images) {
    if (f.entry) need({ __file: 'catalog/images.yaml' }, f.entry, `entry of image '${f.match}'`);
    for (const r of f.replacements ?? []) if (r.entry) need({ __file: 'catalog/images.yaml' }, r.entry, `replacement entry of image '${f.match}'`);
  }
  for (const p of facts.eolProducts) if (p.entry) need({ __file: 'catalog/eol.yaml' }, p.entry, `entry of EOL product '${p.id}'`);
  // Imported data (catalog/imported/endoflife.yaml, official-images.yaml; catalog/sources.yaml) merged under the hand-written facts.
  const imported = mergeImported(dir, (f) => readYaml(f, problems), facts, entries, problems);
  facts.eolProducts = imported.eolProducts;
  facts.images = imported.images;
  for (const n of imported.figures.officialUnlinked) problems.push(`catalog: official image '${n}' is in no entry's images`);
  for (const id of imported.figures.endoflifeUnlinked) problems.push(`catalog: endoflife.date product '${id}' has no cycles or no entry owns its images (give it an entry in catalog/eol.yaml eolOverrides)`);

  // CNCF projects → entries: an entry's `cncf:` names its project; a project no entry names is
  // matched by name or alias (also the name without or inside its parentheses: 'Open Policy Agent (OPA)'),
  // then by repository URL. See catalog/CONTRIBUTING.md, "CNCF projects".
  const cncfEntry = new Map();
  if (cncfProjects.length) {
    const projectNames = new Set(cncfProjects.map((p) => p.name));
    for (const e of entries) {
      if (!e.cncf) continue;
      if (!projectNames.has(e.cncf)) problems.push(`${e.__file}: cncf '${e.cncf}' is not a CNCF project of catalog/imported/landscape.yaml`);
      else if (cncfEntry.has(e.cncf)) problems.push(`${e.__file}: cncf '${e.cncf}' is also claimed by '${cncfEntry.get(e.cncf).id}'`);
      else cncfEntry.set(e.cncf, e);
    }
    const repoKey = (u) => u?.toLowerCase().replace(/^https?:\/\/(www\.)?/, '').replace(/(\.git)?\/*$/, '');
    const claimed = new Set([...cncfEntry.values()].map((e) => e.id));
    for (const p of cncfProjects) {
      if (cncfEntry.has(p.name)) continue;
      const spellings = [p.name, p.name.replace(/\s*\(.*\)\s*$/, ''), /\(([^)]+)\)/.exec(p.name)?.[1]].filter(Boolean);
      let id;
      for (const n of spellings) if (!id) id = names.get(normName(n));
      if (!id && p.repo_url) id = entries.find((e) => e.repository && repoKey(e.repository) === repoKey(p.repo_url))?.id;
      if (id && !claimed.has(id)) cncfEntry.set(p.name, byId.get(id));
    }
  }

  // Kubernetes releases (the newest is the default target version) and pluto's rows
  // (catalog/imported/pluto.yaml, written by scripts/import/pluto.mjs) against the hand-checked API rows.
  const k8sDoc = existsSync(join(dir, 'kubernetes-apis.yaml')) ? (readYaml(join(dir, 'kubernetes-apis.yaml'), []) ?? {}) : {};
  const kubernetesReleases = k8sDoc.kubernetesReleases ?? [];
  const pluto = plutoCoverage(dir, facts.kubernetesApis, k8sDoc.exclusions ?? [], problems);

  // Seed index: which technologies each founding document names.
  const seeds = [];
  const seedDir = join(dir, 'seeds');
  const lookup = (n) => names.get(normName(n));
  if (existsSync(seedDir)) {
    for (const name of readdirSync(seedDir).filter((n) => n.endsWith('.yaml')).sort()) {
      const file = join(seedDir, name);
      const s = readYaml(file, problems);
      if (!s) continue;
      const seedFile = s.seed;
      let resolved = 0;
      for (const item of s.names ?? []) {
        const n = typeof item === 'string' ? item : item.name;
        const id = typeof item === 'string' ? lookup(n) : (item.entry ?? lookup(n));
        const e = id && byId.get(id);
        if (!e) { problems.push(`${rel(file)}: '${n}' does not resolve to a catalog entry`); continue; }
        if (!(e.mentionedIn ?? []).includes(seedFile)) { problems.push(`${e.__file}: mentionedIn lacks ${seedFile} (named there as '${n}')`); continue; }
        resolved++;
      }
      const prev = seeds.find((x) => x.seed === seedFile);
      if (prev) { prev.named += (s.names ?? []).length; prev.resolved += resolved; }
      else seeds.push({ seed: seedFile, title: s.title, named: (s.names ?? []).length, resolved });
    }
  }

  const layers = (taxonomy.layers ?? []).map((l) => ({ ...l }));
  // Roles (catalog/roles.yaml): the job an entry does, finer than its category; at most one per entry.
  const roles = [];
  const roleOf = new Map();
  const rolesFile = join(dir, 'roles.yaml');
  if (existsSync(rolesFile)) {
    const doc = readYaml(rolesFile, problems) ?? {};
    const validateRoles = ajv.getSchema('catalog#/definitions/rolesFile');
    if (!validateRoles(doc)) schemaErrors(validateRoles, rolesFile);
    for (const r of doc.roles ?? []) {
      const { entries: ids = [], ...role } = r;
      roles.push(role);
      for (const id of ids) {
        if (!byId.has(id)) problems.push(`catalog/roles.yaml: role '${r.id}' lists '${id}', which is not a catalog entry`);
        else if (roleOf.has(id)) problems.push(`catalog/roles.yaml: '${id}' has two roles ('${roleOf.get(id)}' and '${r.id}')`);
        else roleOf.set(id, r.id);
      }
    }
  }
  const maturityOf = new Map();
  for (const p of cncfProjects) if (cncfEntry.has(p.name)) maturityOf.set(cncfEntry.get(p.name).id, p.maturity);
  const compiled = entries.map((e) => {
    const { __file, ...rest } = e;
    const maturity = maturityOf.get(e.id);
    const role = roleOf.get(e.id);
    return { ...rest, layer: categoryLayer.get(e.category), status: { value: 'active', ...(e.status ?? {}) }, ...(maturity ? { maturity } : {}), ...(role ? { role } : {}) };
  });
  const catalog = { version: 1, layers, entries: compiled, images: facts.images, kubernetesApis: facts.kubernetesApis, eolProducts: facts.eolProducts, officialImages: imported.officialImages, ...(imported.dataAsOf ? { dataAsOf: imported.dataAsOf } : {}), sources: imported.sources };

  const inactive = compiled.filter((e) => e.status.value !== 'active');
  const figures = {
    entries: compiled.length,
    byLayer: Object.fromEntries(layers.map((l) => [l.id, compiled.filter((e) => e.layer === l.id).length])),
    byStatus: compiled.reduce((m, e) => ((m[e.status.value] = (m[e.status.value] ?? 0) + 1), m), {}),
    inactive: inactive.length,
    inactiveSourced: inactive.filter((e) => e.status.since && e.status.sources?.length).length,
    brokenChains,
    images: facts.images.length,
    kubernetesApis: facts.kubernetesApis.length,
    eolProducts: facts.eolProducts.length,
    imported: imported.figures,
    seeds,
    cncf: Object.fromEntries(['graduated', 'incubating', 'sandbox', 'archived'].map((m) => {
      const all = cncfProjects.filter((p) => p.maturity === m);
      const missing = all.filter((p) => !cncfEntry.has(p.name)).map((p) => p.name);
      const marked = all.filter((p) => INACTIVE.has(cncfEntry.get(p.name)?.status?.value)).length;
      return [m, { total: all.length, covered: all.length - missing.length, missing, marked }];
    })),
  };
  if (kubernetesReleases.length) catalog.kubernetesReleases = kubernetesReleases;
  if (roles.length) catalog.roles = roles;
  figures.roles = { roles: roles.length, entries: roleOf.size };
  figures.kubernetesReleases = kubernetesReleases.map((r) => r.version);
  figures.pluto = pluto;
  return { catalog, problems, figures };
}

/**
 * Which rows of pluto's list (catalog/imported/pluto.yaml) the catalog has: a row is present when a
 * kubernetes-apis.yaml row has its apiVersion and kind. A row left out on purpose is listed under
 * `exclusions:` with the reason; a row neither present nor excluded is a problem.
 */
function plutoCoverage(dir, apis, exclusions, problems) {
  const file = join(dir, 'imported', 'pluto.yaml');
  if (!existsSync(file)) return undefined;
  const rows = readYaml(file, problems)?.rows ?? [];
  const have = new Set(apis.flatMap((a) => a.kinds.map((k) => `${a.apiVersion} ${k}`)));
  const excluded = new Map(exclusions.filter((x) => x.source === 'pluto').map((x) => [`${x.apiVersion} ${x.kind}`, x]));
  const label = (r) => `${r.apiVersion}${r.kind ? ` ${r.kind}` : ' (no kind)'}`;
  const out = { total: rows.length, present: 0, excluded: [], missing: [] };
  for (const r of rows) {
    const key = `${r.apiVersion} ${r.kind}`;
    if (have.has(key)) {
      out.present++;
      if (excluded.has(key)) problems.push(`catalog/kubernetes-apis.yaml: pluto row ${label(r)} is listed under exclusions although the catalog has it`);
    } else if (excluded.has(key)) out.excluded.push(label(r));
    else out.missing.push(label(r));
  }
  for (const m of out.missing) problems.push(`catalog/kubernetes-apis.yaml: pluto row ${m} is neither a row nor listed under exclusions (see catalog/imported/pluto.yaml)`);
  const keys = new Set(rows.map((r) => `${r.apiVersion} ${r.kind}`));
  for (const key of excluded.keys()) if (!keys.has(key)) problems.push(`catalog/kubernetes-apis.yaml: exclusion '${key.trim()}' matches no row of catalog/imported/pluto.yaml`);
  return out;
}

export function writeAtomic(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

function printFigures(f, out = console.log) {
  const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : '100.0') + '%';
  out(`entries: ${f.entries}`);
  out(`by layer: ${Object.entries(f.byLayer).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out(`by status: ${Object.entries(f.byStatus).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out(`non-active entries with since and source: ${f.inactiveSourced}/${f.inactive} (${pct(f.inactiveSourced, f.inactive)})`);
  out(`successor chains ending in an inactive entry: ${f.brokenChains}`);
  out(`image facts: ${f.images}, Kubernetes API rows: ${f.kubernetesApis}, EOL products: ${f.eolProducts}`);
  if (f.roles) out(`roles: ${f.roles.roles}, entries with a role: ${f.roles.entries}`);
  if (f.imported?.officialImages) out(`official images linked: ${f.imported.officialLinked}/${f.imported.officialImages}${f.imported.officialUnlinked.length ? ` (not linked: ${f.imported.officialUnlinked.join(', ')})` : ''}`);
  if (f.imported?.endoflifeWithImages) out(`endoflife.date products with images: ${f.imported.endoflifeLinked}/${f.imported.endoflifeWithImages} with cycles${f.imported.endoflifeUnlinked.length ? ` (without an entry: ${f.imported.endoflifeUnlinked.join(', ')})` : ''}`);
  if (f.cncf?.graduated.total) {
    const c = f.cncf;
    out(`CNCF graduated: ${c.graduated.covered}/${c.graduated.total} covered, incubating: ${c.incubating.covered}/${c.incubating.total}, sandbox: ${c.sandbox.covered}/${c.sandbox.total} (${pct(c.sandbox.covered, c.sandbox.total)}), archived marked: ${c.archived.marked}/${c.archived.total} (${c.archived.covered} with an entry)`);
    const missing = [...c.graduated.missing, ...c.incubating.missing];
    if (missing.length) out(`CNCF graduated or incubating without an entry: ${missing.join(', ')}`);
  }
  if (f.kubernetesReleases?.length) out(`Kubernetes releases: ${f.kubernetesReleases.join(', ')}`);
  if (f.pluto) {
    const p = f.pluto;
    out(`pluto rows present: ${p.present}/${p.total}${p.excluded.length ? ` (${p.excluded.length} left out with a reason under exclusions in catalog/kubernetes-apis.yaml)` : ''}`);
    if (p.missing.length) out(`pluto rows missing: ${p.missing.join(', ')}`);
  }
  for (const s of f.seeds) out(`seed ${s.seed}: ${s.resolved}/${s.named} named technologies covered (${pct(s.resolved, s.named)})`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const { catalog, problems, figures } = loadCatalog();
  const outIdx = args.indexOf('--out');
  if (problems.length) {
    for (const p of problems) console.error(p);
    console.error(`catalog: ${problems.length} problem(s)`);
  }
  if (args.includes('--check') || outIdx < 0) printFigures(figures);
  if (outIdx >= 0 && !problems.length) writeAtomic(args[outIdx + 1], JSON.stringify(catalog));
  process.exit(problems.length ? 1 : 0);
}
