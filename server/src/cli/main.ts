import type { CatalogIndex } from '../catalog/catalogIndex';
import { today, type AnalysisOptions } from '../analysis/model';
import { statusWord } from '../analysis/rules';
import { parseArgs, one, many, bool, UsageError, type ParsedArgs } from './args';
import { scanPaths, exceeds } from './scan';
import { toJson, toSarif, toText } from './formats';
import { explain } from '../features/explain';
import { fixPaths } from './fix';
import { isScanWorker, runScanWorker } from './scanPool';
import { loadCatalogData } from '../catalog/load';
import { rootCatalogFiles, withOrgCatalogs, formatProblem } from '../catalog/withOrgCatalogs';
import { statSync } from 'node:fs';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const USAGE = `Usage: container-atlas <command> [options]

Commands:
  scan [PATH...]                 Analyse Dockerfiles, Compose files, Kubernetes manifests and more
      --format text|json|sarif   Output format (default text)
      --fail-on error|warning|none   Exit 1 when a finding at or above this severity exists (default error)
      --as-of YYYY-MM-DD         Judge end-of-life dates as of this day (default today)
      --k8s-version X.Y          Target Kubernetes version (default: newest in the catalog)
      --ignore GLOB              Skip matching paths (repeatable); .gitignore is honoured unless --no-gitignore
      --max-file-size MB         Skip larger files (default 20)
  catalog [SEARCH]               List catalog entries
      --format json|text  --status STATUS  --layer LAYER
  explain NAME|IMAGE|APIVERSION  Print the card for a technology, an image reference or an apiVersion[/kind]
  fix [PATH...]                  Apply every mechanical replacement in place, printing a diff
      --dry-run                  Print the diff, change nothing

Every command takes --catalog FILE (repeatable): an organisation catalog (YAML, same schema as the
built-in one). A .container-atlas.yaml in the current folder or a scanned folder is read too.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or I/O error.`;

function analysisOptions(a: ParsedArgs): AnalysisOptions {
  const asOf = one(a, 'as-of') ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) throw new UsageError(`--as-of must be a date YYYY-MM-DD, got '${asOf}'`);
  const k8s = one(a, 'k8s-version');
  if (k8s !== undefined && !/^1\.\d+$/.test(k8s)) throw new UsageError(`--k8s-version must look like 1.30, got '${k8s}'`);
  const mfs = one(a, 'max-file-size');
  const mb = mfs === undefined ? 20 : Number(mfs);
  if (!(mb > 0)) throw new UsageError(`--max-file-size must be a positive number of megabytes, got '${mfs}'`);
  return { asOf, kubernetesVersion: k8s, maxFileSize: Math.round(mb * 1024 * 1024) };
}

async function scan(argv: string[], catalog: CatalogIndex): Promise<number> {
  const a = parseArgs(argv, { values: ['format', 'fail-on', 'as-of', 'k8s-version', 'ignore', 'max-file-size', 'catalog'], booleans: ['no-gitignore', 'no-color'] });
  const format = one(a, 'format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, got '${format}'`);
  const failOn = (one(a, 'fail-on') ?? 'error') as 'error' | 'warning' | 'none';
  if (!['error', 'warning', 'none'].includes(failOn)) throw new UsageError(`--fail-on must be error, warning or none, got '${failOn}'`);
  const options = analysisOptions(a);
  const paths = a.positionals.length ? a.positionals : ['.'];
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let lastProgress = 0;
  const result = await scanPaths(paths, catalog, options, {
    ignore: many(a, 'ignore'),
    gitignore: !bool(a, 'no-gitignore'),
    references: format === 'json',
    onProgress: tty ? (n) => {
      const now = Date.now();
      if (now - started > 1000 && now - lastProgress > 100) { lastProgress = now; process.stderr.write(`\rscanning… ${n} files`); }
    } : undefined,
  });
  if (tty && lastProgress) process.stderr.write('\r\x1b[K');
  const missing = paths.filter((p) => result.unreadable.some((u) => u.path === p || u.error.includes(p)));
  if (missing.length === paths.length && result.scanned === 0) {
    process.stderr.write(`container-atlas: cannot read ${paths.join(', ')}: ${result.unreadable[0]?.error ?? 'not found'}\n`);
    return 2;
  }
  const meta = { asOf: options.asOf, kubernetesVersion: options.kubernetesVersion ?? catalog.newestKubernetesVersion, version: VERSION };
  const out = format === 'json' ? toJson(result, meta) : format === 'sarif' ? toSarif(result, catalog, meta) : toText(result, !!process.stdout.isTTY && !bool(a, 'no-color') && !process.env.NO_COLOR);
  process.stdout.write(out + '\n');
  return exceeds(result, failOn) ? 1 : 0;
}

function catalogCmd(argv: string[], catalog: CatalogIndex): number {
  const a = parseArgs(argv, { values: ['format', 'status', 'layer', 'catalog'], booleans: [] });
  const format = one(a, 'format') ?? 'text';
  if (!['text', 'json'].includes(format)) throw new UsageError(`--format must be json or text, got '${format}'`);
  const status = one(a, 'status');
  const layer = one(a, 'layer');
  const q = a.positionals.join(' ').toLowerCase();
  const entries = catalog.entries.filter((e) =>
    (!status || e.status.value === status || (status === 'inactive' && e.status.value !== 'active')) &&
    (!layer || e.layer === layer) &&
    (!q || [e.id, e.name, ...(e.aliases ?? [])].some((n) => n.toLowerCase().includes(q))));
  if (format === 'json') process.stdout.write(JSON.stringify(entries, null, 2) + '\n');
  else {
    for (const e of entries) process.stdout.write(`${e.id.padEnd(32)} ${e.name.padEnd(36)} ${e.layer}/${e.category}${e.status.value !== 'active' ? `  [${statusWord(e.status.value)}${e.status.since ? ' ' + e.status.since : ''}]` : ''}\n`);
    process.stdout.write(`${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}\n`);
  }
  return 0;
}

function explainCmd(argv: string[], catalog: CatalogIndex): number {
  const a = parseArgs(argv, { values: ['as-of', 'k8s-version', 'catalog'], booleans: [] });
  if (!a.positionals.length) throw new UsageError('explain needs a name, an image reference or an apiVersion');
  const text = explain(catalog, a.positionals.join(' '), analysisOptions(a));
  if (!text) {
    process.stderr.write(`container-atlas: nothing in the catalog matches '${a.positionals.join(' ')}'. Try 'container-atlas catalog ${a.positionals[0]}'.\n`);
    return 2;
  }
  process.stdout.write(text + '\n');
  return 0;
}

/** The built-in catalog plus --catalog files and .container-atlas.yaml in the current and scanned folders. */
function catalogFor(argv: string[]): CatalogIndex {
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--catalog' && argv[i + 1]) files.push(argv[++i]);
    else if (argv[i].startsWith('--catalog=')) files.push(argv[i].slice(10));
  }
  const folders = ['.', ...argv.filter((a) => !a.startsWith('-')).filter((a) => { try { return statSync(a).isDirectory(); } catch { return false; } })];
  for (const f of folders) files.push(...rootCatalogFiles(f));
  const { catalog, problems } = withOrgCatalogs(loadCatalogData(), files);
  for (const p of problems) process.stderr.write(`container-atlas: ${formatProblem(p)}\n`);
  if (problems.length) process.stderr.write(`container-atlas: ${problems.length} problem(s) in organisation catalogs; their valid parts and the built-in catalog are used.\n`);
  return catalog;
}

async function fixCmd(argv: string[], catalog: CatalogIndex): Promise<number> {
  const a = parseArgs(argv, { values: ['as-of', 'k8s-version', 'ignore', 'max-file-size', 'catalog'], booleans: ['dry-run', 'no-gitignore', 'no-color'] });
  const options = analysisOptions(a);
  const paths = a.positionals.length ? a.positionals : ['.'];
  const dryRun = bool(a, 'dry-run');
  const { outcomes, errors } = await fixPaths(paths, catalog, options, { dryRun, ignore: many(a, 'ignore'), gitignore: !bool(a, 'no-gitignore') });
  const color = !!process.stdout.isTTY && !bool(a, 'no-color') && !process.env.NO_COLOR;
  let changed = 0, fixes = 0;
  for (const o of outcomes) {
    if (o.skipped) { process.stderr.write(`${o.path}: ${o.skipped}\n`); continue; }
    changed++;
    fixes += o.applied.length;
    const diff = o.diff!.split('\n').filter((l) => !l.startsWith('===')).map((l) => !color ? l : l.startsWith('+') && !l.startsWith('+++') ? `\x1b[32m${l}\x1b[0m` : l.startsWith('-') && !l.startsWith('---') ? `\x1b[31m${l}\x1b[0m` : l).join('\n');
    process.stdout.write(diff);
  }
  for (const e of errors) process.stderr.write(`container-atlas: ${e}\n`);
  process.stdout.write(`${dryRun ? 'would apply' : 'applied'} ${fixes} fix${fixes === 1 ? '' : 'es'} in ${changed} file${changed === 1 ? '' : 's'}${dryRun ? ' (dry run: nothing written)' : ''}\n`);
  return errors.length ? 2 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') { process.stdout.write(USAGE + '\n'); return cmd ? 0 : 2; }
    if (cmd === '--version') { process.stdout.write(VERSION + '\n'); return 0; }
    if (!['scan', 'catalog', 'explain', 'fix'].includes(cmd)) throw new UsageError(`unknown command '${cmd}'`);
    const catalog = catalogFor(rest);
    switch (cmd) {
      case 'scan': return await scan(rest, catalog);
      case 'catalog': return catalogCmd(rest, catalog);
      case 'explain': return explainCmd(rest, catalog);
      case 'fix': return await fixCmd(rest, catalog);
      default: throw new UsageError(`unknown command '${cmd}'`);
    }
  } catch (err) {
    if (err instanceof UsageError) { process.stderr.write(`container-atlas: ${err.message}\nRun 'container-atlas --help' for usage.\n`); return 2; }
    process.stderr.write(`container-atlas: ${(err as Error).message}\n`);
    return 2;
  }
}

if (isScanWorker()) runScanWorker();
else if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
