import { readTextFileSync } from '../io/readFile';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseArgs, one, many, bool, UsageError, type ParsedArgs } from './args';
import { scanPaths, exceeds, withFingerprints } from './scan';
import { makeBaseline, parseBaseline, serialiseBaseline, type Baseline } from '../analysis/baseline';
import { writeAtomic } from '../io/writeFile';
import { unknownText, toJson, toSarif, toText } from './formats';
import { fixPaths } from './fix';
import { isScanWorker, runScanWorker } from './scanPool';
import { loadCatalogData } from '../catalog/load';
import { formatProblem } from '../catalog/withOrgCatalogs';
import { getLanguageService, statusWord, type LanguageService } from '../service/languageService';
import { CLI_NAMES } from '../service/settings';
import { INVENTORY_FORMATS, formatInventory, inventoryExport, type InventoryFormat } from '../common/inventoryExport';

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
      --eol-warning-days N       Report tags whose release ends within N days (eol-image-soon; default 90, 0 off)
      --unknown                  List the image repositories the catalog does not know (counts, files) instead of the findings
      --write-baseline FILE      Record today's findings in FILE (JSON); exit 0
      --baseline FILE            Findings recorded in FILE are reported as baselined and do not count for --fail-on
  inventory [PATH...]            Every image and tool used, with its catalog entry, status, release cycle and end of life, and where
      --format json|csv|markdown Output format (default markdown); also --ignore, --as-of, --max-file-size
  catalog [SEARCH]               List catalog entries
      --format json|text  --status STATUS  --layer LAYER
      --stats                    What the catalog holds and the date of its data
  explain NAME|IMAGE|APIVERSION  Print the card for a technology, an image reference or an apiVersion[/kind]
  fix [PATH...]                  Apply every mechanical replacement in place, printing a diff
      --dry-run                  Print the diff, change nothing
      --allow-major              Also apply upgrades across a major version (databases migrate data, runtimes change)

Every command takes --catalog FILE (repeatable): an organisation catalog (YAML, same schema as the
built-in one). A .container-atlas.yaml in the current folder or a scanned folder is read too.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or I/O error.`;

/** Flags that every command takes, and those of each command. */
const COMMON = ['catalog'];
const SPECS: Record<string, { values: string[]; booleans: string[] }> = {
  scan: { values: [...COMMON, 'format', 'fail-on', 'as-of', 'k8s-version', 'ignore', 'max-file-size', 'eol-warning-days', 'baseline', 'write-baseline'], booleans: ['no-gitignore', 'no-color', 'unknown'] },
  inventory: { values: [...COMMON, 'format', 'as-of', 'ignore', 'max-file-size'], booleans: ['no-gitignore'] },
  catalog: { values: [...COMMON, 'format', 'status', 'layer'], booleans: ['stats'] },
  explain: { values: [...COMMON, 'as-of', 'k8s-version'], booleans: [] },
  fix: { values: [...COMMON, 'as-of', 'k8s-version', 'ignore', 'max-file-size', 'eol-warning-days'], booleans: ['dry-run', 'no-gitignore', 'no-color', 'allow-major'] },
};

/**
 * The language service for one command: the built-in catalog, the flags as settings (validated by
 * the same code as the editor's settings; a bad value is a usage error here), and the organisation
 * catalogs of --catalog and of .container-atlas.yaml in the current and the scanned folders, except
 * in ignored ones.
 */
function serviceFor(a: ParsedArgs): LanguageService {
  const service = getLanguageService({ catalog: loadCatalogData(), host: { exists: existsSync, readText: (f) => readTextFileSync(f, 4 * 1024 * 1024).text } });
  const problems = service.configure({ asOf: one(a, 'as-of'), kubernetesVersion: one(a, 'k8s-version'), maxFileSize: one(a, 'max-file-size'), eolWarningDays: one(a, 'eol-warning-days') }, CLI_NAMES);
  if (problems.length) throw new UsageError(problems[0]);
  const folders = ['.', ...a.positionals.filter((p) => { try { return statSync(p).isDirectory(); } catch { return false; } })];
  const { files, skipped } = service.discoverCatalogs({ folders, named: many(a, 'catalog'), base: process.cwd(), ignore: many(a, 'ignore'), trusted: true });
  for (const s of skipped) process.stderr.write(`container-atlas: ${s}\n`);
  const { problems: catalogProblems } = service.useCatalogs(files);
  for (const p of catalogProblems) process.stderr.write(`container-atlas: ${formatProblem(p)}\n`);
  if (catalogProblems.length) process.stderr.write(`container-atlas: ${catalogProblems.length} problem(s) in organisation catalogs; their valid parts and the built-in catalog are used.\n`);
  return service;
}

async function scan(a: ParsedArgs, service: LanguageService): Promise<number> {
  const format = one(a, 'format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, got '${format}'`);
  const failOn = (one(a, 'fail-on') ?? 'error') as 'error' | 'warning' | 'none';
  if (!['error', 'warning', 'none'].includes(failOn)) throw new UsageError(`--fail-on must be error, warning or none, got '${failOn}'`);
  const { catalog, options } = service;
  const paths = a.positionals.length ? a.positionals : ['.'];
  const baselineFile = one(a, 'baseline');
  const writeBaseline = one(a, 'write-baseline');
  // Read the baseline before scanning: a bad one is reported at once.
  const baseline = baselineFile ? { file: baselineFile, baseline: readBaseline(baselineFile) } : undefined;
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let lastProgress = 0;
  const result = await scanPaths(paths, catalog, options, {
    ignore: many(a, 'ignore'),
    gitignore: !bool(a, 'no-gitignore'),
    // Fingerprints (SARIF, baselines) are made from the references.
    references: format !== 'text' || !!baseline || !!writeBaseline,
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
  if (format !== 'text' || baseline || writeBaseline) withFingerprints(result, baseline);
  if (writeBaseline) {
    const b = makeBaseline(result.files.map((f) => [f.path, f]));
    try { await writeAtomic(writeBaseline, serialiseBaseline(b)); } catch (err) {
      process.stderr.write(`container-atlas: cannot write the baseline ${writeBaseline}: ${(err as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`container-atlas: wrote ${b.findings.length} finding${b.findings.length === 1 ? '' : 's'} to the baseline ${writeBaseline}\n`);
  }
  const meta = { asOf: options.asOf, kubernetesVersion: options.kubernetesVersion ?? catalog.newestKubernetesVersion, version: VERSION };
  const unknown = bool(a, 'unknown');
  const out = format === 'json' ? toJson(result, meta, unknown) : unknown && format === 'text' ? unknownText(result) : format === 'sarif' ? toSarif(result, catalog, meta) : toText(result, !!process.stdout.isTTY && !bool(a, 'no-color') && !process.env.NO_COLOR);
  process.stdout.write(out + '\n');
  return !writeBaseline && exceeds(result, failOn) ? 1 : 0;
}

/** Reads a baseline file; a missing or malformed one is an error that says what to do (exit 2). */
function readBaseline(file: string): Baseline {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (err) {
    throw new Error(`cannot read the baseline ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}. Write one with 'container-atlas scan --write-baseline ${file}'.`);
  }
  return parseBaseline(text, file);
}

/** `inventory`: the service's inventory (the one the In This Workspace view shows) as JSON, CSV or Markdown. */
async function inventoryCmd(a: ParsedArgs, service: LanguageService): Promise<number> {
  const format = (one(a, 'format') ?? 'markdown') as InventoryFormat;
  if (!INVENTORY_FORMATS.includes(format)) throw new UsageError(`--format must be ${INVENTORY_FORMATS.join(', ')}, got '${format}'`);
  const paths = a.positionals.length ? a.positionals : ['.'];
  const result = await scanPaths(paths, service.catalog, service.options, { ignore: many(a, 'ignore'), gitignore: !bool(a, 'no-gitignore'), references: true });
  for (const u of result.unreadable) process.stderr.write(`container-atlas: ${u.path}: ${u.error}\n`);
  if (result.scanned === 0 && result.unreadable.length) return 2;
  const inv = service.inventory(result.files.map((f) => [f.path, f]), false);
  process.stdout.write(formatInventory(inventoryExport(inv, (p) => p), format));
  return 0;
}

function catalogCmd(a: ParsedArgs, service: LanguageService): number {
  const format = one(a, 'format') ?? 'text';
  if (!['text', 'json'].includes(format)) throw new UsageError(`--format must be json or text, got '${format}'`);
  if (bool(a, 'stats')) {
    const stats = service.catalogStats();
    if (format === 'json') process.stdout.write(JSON.stringify(stats, null, 2) + '\n');
    else {
      process.stdout.write(`catalog data as of ${stats.dataAsOf ?? 'unknown'}\n`);
      process.stdout.write(`${stats.entries} entries (${stats.inactive} not active), ${stats.officialImages} official images with ${stats.tags} tags, ${stats.eolProducts} products with release cycles, ${stats.imageFacts} image facts, ${stats.kubernetesApis} Kubernetes API rows (newest Kubernetes ${stats.newestKubernetesVersion})\n`);
      for (const [name, src] of Object.entries(stats.sources)) process.stdout.write(`  ${name}: ${src.project}${src.commit ? ` @ ${src.commit}` : ''}${src.date ? ` (${src.date})` : ''}\n`);
    }
    return 0;
  }
  const entries = service.listCatalog({ status: one(a, 'status'), layer: one(a, 'layer'), search: a.positionals.join(' ') });
  if (format === 'json') process.stdout.write(JSON.stringify(entries, null, 2) + '\n');
  else {
    for (const e of entries) process.stdout.write(`${e.id.padEnd(32)} ${e.name.padEnd(36)} ${e.layer}/${e.category}${e.status.value !== 'active' ? `  [${statusWord(e.status.value)}${e.status.since ? ' ' + e.status.since : ''}]` : ''}\n`);
    process.stdout.write(`${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}\n`);
  }
  return 0;
}

function explainCmd(a: ParsedArgs, service: LanguageService): number {
  if (!a.positionals.length) throw new UsageError('explain needs a name, an image reference or an apiVersion');
  const text = service.explain(a.positionals.join(' '));
  if (!text) {
    process.stderr.write(`container-atlas: nothing in the catalog matches '${a.positionals.join(' ')}'. Try 'container-atlas catalog ${a.positionals[0]}'.\n`);
    return 2;
  }
  process.stdout.write(text + '\n');
  return 0;
}

async function fixCmd(a: ParsedArgs, service: LanguageService): Promise<number> {
  const { catalog, options } = service;
  const paths = a.positionals.length ? a.positionals : ['.'];
  const dryRun = bool(a, 'dry-run');
  const { outcomes, errors } = await fixPaths(paths, catalog, options, { dryRun, ignore: many(a, 'ignore'), gitignore: !bool(a, 'no-gitignore'), allowMajor: bool(a, 'allow-major') });
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
    const spec = SPECS[cmd];
    if (!spec) throw new UsageError(`unknown command '${cmd}'`);
    const a = parseArgs(rest, spec);
    const service = serviceFor(a);
    switch (cmd) {
      case 'scan': return await scan(a, service);
      case 'catalog': return catalogCmd(a, service);
      case 'inventory': return await inventoryCmd(a, service);
      case 'explain': return explainCmd(a, service);
      default: return await fixCmd(a, service);
    }
  } catch (err) {
    if (err instanceof UsageError) { process.stderr.write(`container-atlas: ${err.message}\nRun 'container-atlas --help' for usage.\n`); return 2; }
    process.stderr.write(`container-atlas: ${(err as Error).message}\n`);
    return 2;
  }
}

if (isScanWorker()) runScanWorker();
else if (require.main === module) {
  // The reader went away (`container-atlas catalog | head`): stop quietly, as Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
