// Importer for the Docker Official Images (https://github.com/docker-library/official-images):
// every image of library/ with every tag it publishes, grouped by library entry; the images removed
// from the library (removed-from-library.tsv); and the deprecation notices Docker Hub shows
// (docker-library/docs, <image>/deprecated.md, in a sibling folder official-images-docs/).
//
// Writes catalog/imported/official-images.yaml. The compile step turns removed and deprecated
// images into image facts (hand-written catalog/images.yaml wins for the same image) and compiles
// the tag groups into `officialImages`.
//
// Tag groups are stored compactly: one string per library entry, made of parts separated by "; ".
// A part "V1 V2|S1 S2" stands for every tag V-S (V alone when S is "-", S alone when V is "-");
// a part without "|" is one tag or several tags separated by spaces. V are the version words
// (26, 26.7, 26.7.0, current, lts), S the variant and OS parts (alpine3.24, bookworm-slim).
// Example: "26 26.7 -|alpine alpine3.24" = 26-alpine 26-alpine3.24 26.7-alpine 26.7-alpine3.24 alpine alpine3.24.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { parse } from 'yaml';
import { yamlScalar } from './yamlOut.mjs';
import { snapshotFromReadme } from './lib/snapshot.mjs';

export const flag = 'official-images';
export const describe = 'docker-library/official-images checkout (library/, removed-from-library.tsv; docs in ../official-images-docs)';

const LIBRARY_REPO = 'https://github.com/docker-library/official-images';
const DOCS_REPO = 'https://github.com/docker-library/docs';

/**
 * Docker Hub deprecation notices, summarised in our own words after reading each notice
 * (https://github.com/docker-library/docs/blob/master/<image>/deprecated.md). `since` only where the
 * notice gives the date. `skip`: the notice is advice, not a deprecation of the image. `tags`: only
 * these tags are deprecated (no image fact: the release cycles carry them).
 * A notice missing here is imported with a neutral summary and should get an entry here.
 */
export const NOTICES = {
  amazonlinux: { tags: ['1', '2018.03'], since: '2023-12-31', summary: 'The Amazon Linux 1 tags (1, 2018.03) are end of life since 2023-12-31; amazonlinux:2023 is the supported line.' },
  clearlinux: { since: '2025-07-18', summary: 'Intel stopped maintaining Clear Linux OS on 2025-07-18: no more security fixes or updates, and its repository is archived. Move to a maintained distribution.' },
  clefos: { since: '2024-06-30', summary: 'ClefOS followed CentOS 7, which reached end of life on 2024-06-30; the image is deprecated with it.' },
  emqx: { summary: 'EMQX 5.9.0 and later are published only as emqx/emqx and emqx/emqx-enterprise (after the move to the Business Source License); the official emqx image gets no new releases.', replacements: ['emqx/emqx'] },
  liquibase: { summary: 'Since Liquibase 5.0 the official image only receives patch updates; new releases are published as liquibase/liquibase (Community) and liquibase/liquibase-secure (commercial).', replacements: ['liquibase/liquibase'] },
  'mongo-express': { summary: 'Deprecated because its maintainers became inactive; the image was last updated in April 2024.' },
  nextcloud: { skip: 'advice to use Nextcloud All-in-One, not a deprecation' },
  notary: { since: '2025-07-30', summary: 'The upstream Notary (v1) project was archived on 2025-07-30; the image gets no more updates.' },
  openjdk: { since: '2022-07', summary: 'Deprecated: apart from early-access builds the image gets no updates after July 2022; use a vendor OpenJDK build such as eclipse-temurin or amazoncorretto.', replacements: ['eclipse-temurin', 'amazoncorretto'] },
  'php-zendserver': { summary: 'Not maintained for years; Docker recommends looking for an alternative.' },
  plone: { summary: 'Plone 4 and 5 are no longer supported; Plone 6 and later ship as separate images (plone/plone-backend, plone/plone-frontend, plone/plone-zeo).', replacements: ['plone/plone-backend', 'plone/plone-frontend'] },
  rockylinux: { summary: 'Updates can currently not be published in the official image; the Rocky Linux project publishes current images as rockylinux/rockylinux.', replacements: ['rockylinux/rockylinux'] },
  unit: { since: '2025-10', summary: 'NGINX Unit was archived in October 2025 and is unmaintained; the images get no release or security updates.' },
};

/** RFC 2822-style paragraphs of a library file → list of field maps (continuation lines joined). */
export function parseLibrary(text) {
  const paras = [];
  for (const p of text.split(/\r?\n[ \t]*\r?\n/)) {
    const fields = {};
    let last;
    for (const line of p.split(/\r?\n/)) {
      if (line.startsWith('#') || !line.trim()) continue;
      if (/^\s/.test(line)) { if (last) fields[last] += ' ' + line.trim(); continue; }
      const m = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
      if (!m) continue;
      last = m[1];
      fields[last] = m[2].trim();
    }
    if (Object.keys(fields).length) paras.push(fields);
  }
  return paras;
}

const list = (s) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

/**
 * Encodes one library entry's tags as "V|S" products (see the file comment). Greedy: the (versions ×
 * suffixes) block that covers most of the remaining tags first; what no block covers stays a plain tag.
 * Deterministic: ties broken by text.
 */
export function encodeGroup(tags) {
  const all = new Set(tags);
  const left = new Set(tags);
  const parts = [];
  const splits = (t) => {
    const out = [['', t], [t, '']];
    for (let i = t.indexOf('-'); i > 0; i = t.indexOf('-', i + 1)) out.push([t.slice(0, i), t.slice(i + 1)]);
    return out;
  };
  const join = (v, s) => (v && s ? `${v}-${s}` : v || s);
  for (;;) {
    // For every suffix, the version words that form a remaining tag with it.
    const bySuffix = new Map();
    for (const t of left) for (const [v, s] of splits(t)) { if (!bySuffix.has(s)) bySuffix.set(s, new Set()); bySuffix.get(s).add(v); }
    let best;
    for (const [s, vs] of bySuffix) {
      // Suffixes sharing these version words: each candidate block is (vs ∩ …) × suffixes.
      const V = [...vs].sort();
      const S = [...bySuffix.keys()].filter((s2) => V.every((v) => join(v, s2) === '' || all.has(join(v, s2)))).sort();
      const covered = new Set();
      for (const v of V) for (const s2 of S) { const t = join(v, s2); if (left.has(t)) covered.add(t); }
      const key = `${V.map((v) => v || '-').join(' ')}|${S.map((x) => x || '-').join(' ')}`;
      // Characters saved against listing the covered tags one by one.
      let saved = -key.length - 1;
      for (const t of covered) saved += t.length + 1;
      if (saved > 0 && (!best || saved > best.saved || (saved === best.saved && key < best.key))) best = { V, S, covered, key, saved };
    }
    if (!best) break;
    // A block must not produce tags that are not in this group.
    parts.push(best.key);
    for (const t of best.covered) left.delete(t);
  }
  if (left.size) parts.push([...left].sort().join(' '));
  return parts.join('; ');
}

/** The tags a group string stands for (inverse of encodeGroup). */
export function decodeGroup(group) {
  const out = [];
  for (const part of group.split('; ')) {
    const bar = part.indexOf('|');
    if (bar < 0) { out.push(...part.split(' ').filter(Boolean)); continue; }
    const V = part.slice(0, bar).split(' ').map((x) => (x === '-' ? '' : x));
    const S = part.slice(bar + 1).split(' ').map((x) => (x === '-' ? '' : x));
    for (const v of V) for (const s of S) { const t = v && s ? `${v}-${s}` : v || s; if (t) out.push(t); }
  }
  return [...new Set(out)];
}

/**
 * OS parts found in an image's tags: alpine3.x, Debian and Ubuntu codenames, windowsservercore-… and
 * nanoserver-…, ubiN(-minimal), Amazon Linux (al2, al2023), Oracle Linux (oraclelinuxN).
 */
export function osParts(tags, codenames) {
  const found = new Set();
  for (const t of tags) {
    const words = t.split('-');
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w === 'alpine' && /^\d+\.\d+$/.test(words[i + 1] ?? '')) { found.add(`alpine-${words[i + 1]}`); i++; }
      else if (/^alpine\d+\.\d+$/.test(w) || codenames.has(w) || /^(ubi\d+|al2|al2023|oraclelinux\d+|ol\d+)$/.test(w)) found.add(w);
      else if ((w === 'windowsservercore' || w === 'nanoserver') && words[i + 1] && /^(ltsc\d{4}|\d{4}|\d{2}h\d)$/.test(words[i + 1])) { found.add(`${w}-${words[i + 1]}`); i++; }
      else if (/^ubi\d+$/.test(words[i - 1] ?? '') && w === 'minimal') found.add(`${words[i - 1]}-minimal`);
    }
  }
  return [...found].sort();
}

/** Debian and Ubuntu codenames as the catalog knows them (catalog/eol.yaml and its imported data). */
function knownCodenames(root) {
  const names = new Set();
  for (const f of ['eol.yaml', 'imported/endoflife.yaml']) {
    const file = join(root, 'catalog', f);
    if (!existsSync(file)) continue;
    const doc = parse(readFileSync(file, 'utf8')) ?? {};
    for (const p of [...(doc.eolProducts ?? []), ...(doc.eolOverrides ?? []), ...(doc.products ?? [])]) {
      if (!['debian', 'ubuntu'].includes(p.id)) continue;
      for (const c of p.cycles ?? []) if (c.codename) names.add(String(c.codename).toLowerCase());
      for (const k of Object.keys(p.tagAliases ?? {})) names.add(k.toLowerCase());
    }
  }
  return names;
}

export function importLibrary(dir, { codenames = new Set(), docsDir } = {}) {
  const libDir = join(dir, 'library');
  const images = [];
  for (const name of readdirSync(libDir).sort()) {
    const paras = parseLibrary(readFileSync(join(libDir, name), 'utf8'));
    const header = paras.find((p) => !p.Tags) ?? {};
    const groups = [];
    const allTags = [];
    for (const p of paras) {
      if (!p.Tags) continue;
      const tags = [...new Set([...list(p.Tags), ...list(p.SharedTags)])];
      allTags.push(...tags);
      groups.push(encodeGroup(tags));
    }
    const repo = /https:\/\/[^\s]+?(?=\.git\b|\s|$)/.exec(header.GitRepo ?? paras.find((p) => p.GitRepo)?.GitRepo ?? '')?.[0];
    images.push({ name, ...(repo ? { repository: repo } : {}), tags: new Set(allTags).size, os: osParts(new Set(allTags), codenames), groups });
  }
  const removed = [];
  const tsv = join(dir, 'removed-from-library.tsv');
  if (existsSync(tsv)) {
    const [head, ...rows] = readFileSync(tsv, 'utf8').split(/\r?\n/).filter(Boolean);
    const cols = head.split('\t');
    for (const row of rows) {
      const r = Object.fromEntries(row.split('\t').map((v, i) => [cols[i], v.trim()]));
      if (!r.image) continue;
      removed.push({ image: r.image, since: r.removed_on, source: `${LIBRARY_REPO}/commit/${r.commit}` });
    }
    removed.sort((a, b) => (a.image < b.image ? -1 : 1));
  }
  const notices = [];
  const docs = docsDir ?? join(dirname(dir), 'official-images-docs');
  if (existsSync(docs)) {
    for (const image of readdirSync(docs).sort()) {
      if (!existsSync(join(docs, image, 'deprecated.md'))) continue;
      const n = NOTICES[image];
      if (n?.skip) continue;
      notices.push({
        image,
        ...(n?.since ? { since: n.since } : {}),
        ...(n?.tags ? { tags: n.tags } : {}),
        summary: n?.summary ?? 'Docker Hub shows a deprecation notice for this image; read it before relying on the image.',
        ...(n?.replacements ? { replacements: n.replacements } : {}),
        source: `${DOCS_REPO}/blob/master/${image}/deprecated.md`,
      });
    }
  }
  return { images, removed, notices };
}

export function render({ images, removed, notices }, meta) {
  const out = [
    '# Generated by scripts/import/officialImages.mjs from docker-library/official-images and docker-library/docs: do not edit by hand.',
    `# Snapshot: ${meta.project}${meta.commit ? ' ' + meta.commit : ''} (${meta.date ?? 'unknown date'}).`,
    '# groups: one string per library entry; "V1 V2|S1 S2" stands for every tag V-S ("-" = empty part), other words are tags.',
    '# os: the OS parts its tags carry. Hand-written catalog/images.yaml wins over removed/deprecated here.',
    'images:',
  ];
  for (const i of images) {
    out.push(`  - name: ${yamlScalar(i.name)}`);
    if (i.repository) out.push(`    repository: ${yamlScalar(i.repository)}`);
    if (i.os.length) out.push(`    os: [${i.os.map(yamlScalar).join(', ')}]`);
    if (!i.groups.length) out.push('    groups: []');
    else out.push('    groups:');
    for (const g of i.groups) out.push(`      - ${JSON.stringify(g)}`);
  }
  out.push('removed:');
  for (const r of removed) out.push(`  - { image: ${yamlScalar(r.image)}, since: ${yamlScalar(r.since)}, source: ${yamlScalar(r.source)} }`);
  out.push('deprecated:');
  for (const n of notices) {
    out.push(`  - image: ${yamlScalar(n.image)}`);
    if (n.since) out.push(`    since: ${JSON.stringify(n.since)}`);
    if (n.tags) out.push(`    tags: [${n.tags.map((t) => JSON.stringify(t)).join(', ')}]`);
    out.push(`    summary: ${JSON.stringify(n.summary)}`);
    if (n.replacements) out.push(`    replacements: [${n.replacements.map(yamlScalar).join(', ')}]`);
    out.push(`    source: ${yamlScalar(n.source)}`);
  }
  return out.join('\n') + '\n';
}

/** The snapshots' commits and dates (the library and the docs), from the README table beside them. */
function snapshotMeta(dir) {
  const out = {};
  for (const [key, prefix] of [['library', 'official-images/library'], ['docs', 'official-images-docs/']]) {
    const s = snapshotFromReadme([dirname(dir)], prefix);
    if (s.commit) out[key] = s;
  }
  return out;
}

export async function run(input, ctx) {
  const r = importLibrary(input, { codenames: knownCodenames(ctx.root) });
  const meta = snapshotMeta(input);
  const project = 'docker-library/official-images';
  ctx.write('imported/official-images.yaml', render(r, { project, ...(meta.library ?? {}) }));
  return {
    source: { project, ...(meta.library ?? {}), url: LIBRARY_REPO, ...(meta.docs ? { docs: { project: 'docker-library/docs', ...meta.docs, url: DOCS_REPO } } : {}) },
    summary: `${r.images.length} images, ${r.images.reduce((n, i) => n + i.tags, 0)} tags in ${r.images.reduce((n, i) => n + i.groups.length, 0)} groups; ${r.removed.length} removed, ${r.notices.length} deprecation notices`,
  };
}
