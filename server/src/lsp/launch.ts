import { readFileSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import Module from 'node:module';

/*
 * dist/server.js: starts the language server bundle (dist/server-bundle.js) with V8's code cache.
 * Compiling the 0.5 MB bundle is about a tenth of a cold start (bench: "server start → initialize").
 * The first start compiles it and, a few seconds later, when the functions the start-up and the first
 * analyses use are compiled too, saves V8's cache beside the bundle; later starts give the cache to
 * V8, which checks that it matches the source, this Node and its flags, and otherwise compiles as
 * usual (the cache is then written again). A cache that cannot be read or written (a read-only
 * install) only means no cache. ATLAS_NO_CODE_CACHE=1 turns it off.
 */

/** How long after start the cache is written: after start-up, the catalog load and the warm-up. */
export const CODE_CACHE_WRITE_AFTER_MS = 3000;

/**
 * The cache file of a bundle for this Node and these Node flags. V8 checks both itself and rejects a
 * cache made otherwise; naming them keeps one file per kind of start (the extension's flags, a plain
 * `node` of another editor) instead of each overwriting the other's.
 */
export function codeCachePath(bundle: string, execArgv: readonly string[] = process.execArgv): string {
  let h = 5381;
  for (const ch of execArgv.join(' ')) h = ((h * 33) ^ ch.charCodeAt(0)) >>> 0;
  return `${bundle}.${process.version}-${process.arch}-${h.toString(36)}.v8cache`;
}

/** What became of the code cache: used, none yet or rejected by V8 (a new one is written later), or turned off. */
export type CodeCacheState = 'used' | 'none' | 'rejected' | 'off';

/**
 * Runs a CommonJS bundle as a module of its own (its own __filename, __dirname, module and require),
 * with the code cache; `written` is called once a new cache was saved (or could not be).
 */
export function runBundle(bundle: string, opts: { writeAfterMs?: number; written?: (ok: boolean) => void } = {}): CodeCacheState {
  const source = readFileSync(bundle, 'utf8').replace(/^#!.*/, '');
  const useCache = !process.env.ATLAS_NO_CODE_CACHE;
  const cacheFile = codeCachePath(bundle);
  let cachedData: Buffer | undefined;
  if (useCache) { try { cachedData = readFileSync(cacheFile); } catch { /* none yet */ } }
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
  const mod = new Module(bundle, require.main);
  mod.filename = bundle;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(bundle));
  const req = ((id: string) => mod.require(id)) as NodeJS.Require;
  req.resolve = ((id: string) => (Module as unknown as { _resolveFilename(id: string, parent: Module): string })._resolveFilename(id, mod)) as NodeJS.RequireResolve;
  req.cache = require.cache;
  req.main = require.main;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(mod.exports, mod.exports, req, mod, bundle, dirname(bundle));
  if (!useCache) return 'off';
  if (cachedData && !script.cachedDataRejected) return 'used';
  setTimeout(() => opts.written?.(writeCodeCache(script, cacheFile)), opts.writeAfterMs ?? CODE_CACHE_WRITE_AFTER_MS).unref();
  return cachedData ? 'rejected' : 'none';
}

/** Writes the cache atomically (a temporary file renamed over it): a server starting meanwhile reads the old file or the new one, never half of one. */
function writeCodeCache(script: Script, file: string): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, file);
    return true;
  } catch {
    try { rmSync(tmp, { force: true }); } catch { /* nothing to clean */ }
    return false;
  }
}

if (require.main === module) runBundle(join(__dirname, 'server-bundle.js'));
