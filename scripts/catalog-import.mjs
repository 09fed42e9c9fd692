// Maintainer script: regenerates the derived parts of catalog/ from upstream data snapshots.
// Nothing in the build, the tests or the product runs it; its output is committed and reviewed.
//
//   npm run catalog:import -- [--endoflife DIR] [--official-images DIR] [--landscape FILE] [--pluto FILE] ...
//
// Each importer is a module in scripts/import/ that exports
//   flag:        the command-line option that names its input (a folder or a file)
//   describe:    one line for --help
//   run(input, ctx): reads the input, writes its files under catalog/ with ctx.write(relPath, text)
//                and returns { source: { project, commit?, date?, url }, summary: string }
// Files are written only when their content changes, so a re-import of the same inputs leaves
// `git status` clean. Every source's snapshot is recorded in catalog/sources.yaml.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stringify, parse } from 'yaml';
import { writeAtomic } from './catalog.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const importDir = join(root, 'scripts', 'import');
const modules = [];
for (const name of readdirSync(importDir).filter((n) => n.endsWith('.mjs')).sort()) {
  const m = await import(pathToFileURL(join(importDir, name)).href);
  if (m.flag && m.run) modules.push({ name, ...m });
}

const args = process.argv.slice(2);
if (!args.length || args.includes('--help')) {
  console.log('Usage: npm run catalog:import -- [OPTION PATH]...\n');
  for (const m of modules) console.log(`  --${m.flag.padEnd(18)} ${m.describe ?? ''}`);
  process.exit(args.length ? 0 : 2);
}

const written = [];
const ctx = {
  root,
  /** Writes catalog-relative files atomically, only when the text differs. */
  write(relPath, text) {
    const file = join(root, 'catalog', relPath);
    if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
    writeAtomic(file, text);
    written.push(`catalog/${relPath}`);
    return true;
  },
};

const sourcesFile = join(root, 'catalog', 'sources.yaml');
const sources = existsSync(sourcesFile) ? (parse(readFileSync(sourcesFile, 'utf8'))?.sources ?? {}) : {};
let ran = 0;
for (const m of modules) {
  const i = args.indexOf(`--${m.flag}`);
  if (i < 0) continue;
  const input = args[i + 1];
  if (!input || !existsSync(input)) { console.error(`catalog-import: --${m.flag} needs an existing path, got '${input ?? ''}'`); process.exit(2); }
  const r = await m.run(resolve(input), ctx);
  sources[m.flag] = r.source;
  console.log(`${m.flag}: ${r.summary}`);
  ran++;
}
const known = new Set(modules.map((m) => `--${m.flag}`));
for (const a of args) if (a.startsWith('--') && !known.has(a)) { console.error(`catalog-import: unknown option ${a}`); process.exit(2); }
if (!ran) { console.error('catalog-import: no importer selected'); process.exit(2); }
const sorted = Object.fromEntries(Object.entries(sources).sort(([a], [b]) => a.localeCompare(b)));
ctx.write('sources.yaml', '# Snapshots of the upstream data the derived catalog files were imported from (scripts/catalog-import.mjs).\n' + stringify({ sources: sorted }));
console.log(written.length ? `changed: ${written.join(', ')}` : 'no changes');
