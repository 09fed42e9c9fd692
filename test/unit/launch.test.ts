import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundle, codeCachePath } from '../../server/src/lsp/launch';

/** A bundle as esbuild writes one: a shebang, CommonJS, reading its own __dirname and a built-in. */
function bundle(dir: string, marker: string): string {
  const file = join(dir, 'server-bundle.js');
  let body = '';
  for (let i = 0; i < 200; i++) body += `function f${i}(x) { return x * ${i} + ${i}; }\n`;
  writeFileSync(file, `#!/usr/bin/env node\n"use strict";\nconst { join } = require("node:path");\n${body}globalThis.${marker} = { dir: __dirname, file: __filename, sum: f199(1), self: join(__dirname, "x") };\nmodule.exports = 1;\n`);
  return file;
}

const written = (f: string, run: (done: (ok: boolean) => void) => void) => new Promise<boolean>((resolve) => run(resolve)).then((ok) => ({ ok, exists: existsSync(f) }));

describe('the server launcher (V8 code cache)', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'atlas-launch-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the bundle as its own module, writes the cache after the first start and uses it on the next', async () => {
    const file = bundle(dir, 'launchA');
    const g = globalThis as unknown as Record<string, { dir: string; file: string; sum: number; self: string }>;
    let state: string | undefined;
    const w = await written(codeCachePath(file), (done) => { state = runBundle(file, { writeAfterMs: 0, written: done }); });
    assert.equal(state, 'none');
    assert.deepEqual(g.launchA, { dir, file, sum: 398, self: join(dir, 'x') });
    assert.deepEqual(w, { ok: true, exists: true });
    assert.ok(readFileSync(codeCachePath(file)).length > 0);
    assert.equal(runBundle(file, { writeAfterMs: 0 }), 'used');
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
  });

  it('a cache that does not match (another source, or garbage) is not used, the bundle still runs, and a good one is written', async () => {
    const file = bundle(dir, 'launchB');
    writeFileSync(codeCachePath(file), Buffer.from('not a V8 code cache at all'.repeat(40)));
    let state: string | undefined;
    const w = await written(codeCachePath(file), (done) => { state = runBundle(file, { writeAfterMs: 0, written: done }); });
    assert.equal(state, 'rejected');
    assert.equal((globalThis as unknown as Record<string, { sum: number }>).launchB.sum, 398);
    assert.ok(w.ok);
    assert.equal(runBundle(file), 'used');
  });

  it('a cache that cannot be written means no cache, not a failure', async () => {
    const file = bundle(dir, 'launchC');
    // Where the cache would go is a folder (as unwritable for root as for anyone).
    mkdirSync(join(codeCachePath(file), 'x'), { recursive: true });
    const w = await written(codeCachePath(file), (done) => { assert.equal(runBundle(file, { writeAfterMs: 0, written: done }), 'none'); });
    assert.equal(w.ok, false);
    assert.equal((globalThis as unknown as Record<string, { sum: number }>).launchC.sum, 398);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'the temporary file is removed');
  });

  it('names the cache per Node and per flag set, so the extension and a plain node do not overwrite each other', () => {
    const a = codeCachePath('/x/server-bundle.js', ['--max-lazy']);
    const b = codeCachePath('/x/server-bundle.js', []);
    assert.notEqual(a, b);
    assert.ok(a.startsWith(`/x/server-bundle.js.${process.version}-${process.arch}-`) && a.endsWith('.v8cache'));
    assert.equal(a, codeCachePath('/x/server-bundle.js', ['--max-lazy']));
  });
});
