// Compile step for the imported catalog data (catalog/imported/endoflife.yaml and
// catalog/imported/official-images.yaml, written by scripts/import/*.mjs) and the snapshots in
// catalog/sources.yaml. Used by scripts/catalog.mjs; hand-written files win:
//   - catalog/eol.yaml `eolOverrides` patch imported products (by id, or `endoflife:` for the
//     endoflife.date id): entry, name, extra images, tagPattern, tagAliases, eolFrom, cycles
//     (a cycle with the same name is patched field by field, others are added) and extra sources;
//     `eolProducts` there are whole products for what endoflife.date lacks (an id endoflife.date
//     also has is a problem: use an override);
//   - catalog/images.yaml facts win over the removed/deprecated official images for the same match.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ENDOFLIFE_REPO = 'https://github.com/endoflife-date/endoflife.date';

function compareCycles(a, b) {
  const pa = a.split('.'), pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = Number(pa[i] ?? 0), y = Number(pb[i] ?? 0);
    if (Number.isNaN(x) || Number.isNaN(y)) return a < b ? 1 : a > b ? -1 : 0;
    if (x !== y) return y - x;
  }
  return 0;
}

/** An imported cycle in the compiled shape: {cycle, codename?, eol, lts?, latest?, extendedSupport?, eolUndated?}. */
function compileCycle(c, eolFrom) {
  const out = { cycle: String(c.cycle) };
  if (c.codename) out.codename = c.codename;
  let eol = c.eol;
  if (eolFrom === 'extendedSupport' && typeof c.extendedSupport === 'string') eol = c.extendedSupport;
  if (eol === true) {
    // endoflife.date says the cycle ended without a date: the date of its last release stands in
    // (it got no update after that), marked eolUndated.
    if (c.lastRelease) { out.eol = c.lastRelease; out.eolUndated = true; } else return undefined;
  } else out.eol = eol ?? false;
  if (c.lts !== undefined) out.lts = c.lts;
  if (c.latest !== undefined) out.latest = String(c.latest);
  if (eolFrom !== 'extendedSupport' && typeof c.extendedSupport === 'string') out.extendedSupport = c.extendedSupport;
  return out;
}

/**
 * Merges imported data into the hand-written facts.
 * @param {string} dir catalog folder
 * @param {(file: string) => any} readYaml reads and parses (problems recorded by the caller)
 * @param {{ eolProducts: any[], eolOverrides: any[], images: any[] }} facts hand-written facts
 * @param {any[]} entries the catalog entries (to link products and images to entries)
 * @param {string[]} problems
 */
export function mergeImported(dir, readYaml, facts, entries, problems) {
  const file = (f) => join(dir, f);
  const eolDoc = existsSync(file('imported/endoflife.yaml')) ? readYaml(file('imported/endoflife.yaml')) ?? {} : {};
  const oiDoc = existsSync(file('imported/official-images.yaml')) ? readYaml(file('imported/official-images.yaml')) ?? {} : {};
  const srcDoc = existsSync(file('sources.yaml')) ? readYaml(file('sources.yaml')) ?? {} : {};

  // Image → entry id as the runtime resolves it: exact names first, then the longest wildcard pattern.
  const exact = new Map();
  const wild = [];
  for (const e of entries) for (const i of e.images ?? []) {
    if (i.includes('*')) wild.push({ re: new RegExp(`^${i.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`), len: i.length, id: e.id });
    else if (!exact.has(i)) exact.set(i, e.id);
  }
  wild.sort((a, b) => b.len - a.len);
  const entryByImage = { has: (i) => !!entryByImage.get(i), get: (i) => exact.get(i) ?? wild.find((w) => w.re.test(i))?.id };
  const entryIds = new Set(entries.map((e) => e.id));

  // --- end of life: imported products + overrides, then the hand-written whole products ---
  const imported = eolDoc.products ?? [];
  const importedIds = new Set(imported.map((p) => p.id));
  const overrides = new Map();
  for (const o of facts.eolOverrides ?? []) {
    const key = o.endoflife ?? o.id;
    if (overrides.has(key)) problems.push(`catalog/eol.yaml: two eolOverrides for '${key}'`);
    overrides.set(key, o);
    if (!importedIds.has(key)) problems.push(`catalog/eol.yaml: eolOverrides '${key}' is not in catalog/imported/endoflife.yaml (run npm run catalog:import -- --endoflife DIR)`);
  }
  const eolProducts = [];
  const figures = { endoflifeWithImages: 0, endoflifeLinked: 0, endoflifeUnlinked: [], officialImages: 0, officialLinked: 0, officialUnlinked: [], importedFacts: 0 };
  for (const p of imported) {
    const o = overrides.get(p.id);
    const images = [...new Set([...(p.images ?? []), ...(o?.images ?? [])])];
    if (!images.length) continue;
    let cycles = (p.cycles ?? []).map((c) => compileCycle(c, o?.eolFrom)).filter(Boolean);
    for (const oc of o?.cycles ?? []) {
      const i = cycles.findIndex((c) => c.cycle === String(oc.cycle));
      const patch = { ...oc, cycle: String(oc.cycle) };
      if (i >= 0) { cycles[i] = { ...cycles[i], ...patch }; if ('eol' in oc) delete cycles[i].eolUndated; } else if ('eol' in oc) cycles.push(patch);
      else problems.push(`catalog/eol.yaml: eolOverrides '${p.id}' patches cycle '${oc.cycle}', which is not imported: give it an eol to add it`);
    }
    if (o?.cycles?.length) cycles = cycles.sort((a, b) => compareCycles(a.cycle, b.cycle));
    const entry = o?.entry ?? images.map((i) => entryByImage.get(i)).find(Boolean);
    const product = {
      id: o?.id ?? p.id,
      name: o?.name ?? p.name,
      ...(entry ? { entry } : {}),
      images,
      ...(o?.tagPattern ? { tagPattern: o.tagPattern } : {}),
      ...(o?.tagAliases ? { tagAliases: o.tagAliases } : {}),
      ...(o?.osTag ? { osTag: o.osTag } : {}),
      cycles,
      sources: [...new Set([p.source, `${ENDOFLIFE_REPO}/blob/master/products/${p.id}.md`, ...(o?.sources ?? [])])],
      ...(o?.note ? { note: o.note } : {}),
    };
    if (o?.entry && !entryIds.has(o.entry)) problems.push(`catalog/eol.yaml: entry '${o.entry}' of EOL override '${p.id}' is not a catalog entry`);
    if ((p.images ?? []).length) {
      figures.endoflifeWithImages++;
      if (cycles.length && entry) figures.endoflifeLinked++;
      else figures.endoflifeUnlinked.push(p.id);
    }
    eolProducts.push(product);
  }
  const compiledIds = new Set(eolProducts.map((p) => p.id));
  for (const p of facts.eolProducts ?? []) {
    if (compiledIds.has(p.id) || importedIds.has(p.id)) { problems.push(`catalog/eol.yaml: EOL product '${p.id}' is also imported from endoflife.date: write an eolOverrides item instead`); continue; }
    eolProducts.push(p);
  }
  const imageOwner = new Map();
  for (const p of eolProducts) for (const i of p.images) {
    if (imageOwner.has(i)) problems.push(`catalog/eol.yaml: image '${i}' follows two EOL products ('${imageOwner.get(i)}' and '${p.id}'): drop it from one (an eolOverrides item can name the product that owns it)`);
    else imageOwner.set(i, p.id);
  }

  // --- official images: tag groups, removed and deprecated images as image facts ---
  const officialImages = {};
  for (const i of oiDoc.images ?? []) {
    officialImages[i.name] = { groups: i.groups, ...(i.os?.length ? { os: i.os } : {}) };
    figures.officialImages++;
    if (entryByImage.has(i.name)) figures.officialLinked++;
    else figures.officialUnlinked.push(i.name);
  }
  const handWritten = new Set(facts.images.map((f) => f.match));
  const images = [...facts.images];
  const add = (f) => { if (handWritten.has(f.match)) return; handWritten.add(f.match); images.push(f); figures.importedFacts++; };
  for (const n of oiDoc.deprecated ?? []) {
    if (n.tags) continue; // only some tags: the release cycles carry them
    const entry = entryByImage.get(n.image);
    add({
      match: n.image,
      ...(entry ? { entry } : {}),
      status: 'deprecated',
      ...(n.since ? { since: String(n.since) } : {}),
      summary: n.summary,
      sources: [n.source],
      ...(n.replacements?.length ? { replacements: n.replacements.map((r) => ({ repository: r, ...(entryByImage.get(r) ? { entry: entryByImage.get(r) } : {}), tags: [] })) } : {}),
    });
  }
  for (const r of oiDoc.removed ?? []) {
    const entry = entryByImage.get(r.image);
    add({
      match: r.image,
      ...(entry ? { entry } : {}),
      status: 'removed',
      since: String(r.since),
      summary: `Removed from the Docker Official Images on ${r.since}: the image gets no more official builds or updates.`,
      sources: [r.source],
    });
  }

  const sources = srcDoc.sources ?? {};
  const dates = Object.values(sources).map((s) => s?.date).filter(Boolean).map(String).sort();
  const dataAsOf = dates.length ? dates[dates.length - 1] : undefined;
  return { eolProducts, images, officialImages, sources, dataAsOf, figures };
}
