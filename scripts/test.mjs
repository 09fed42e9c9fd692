// Runs every test tier and prints one summary: unit tests, language-server protocol tests,
// and tests in a real VS Code (code-server + Chromium). Fails when any tier fails or runs no test.
//   node scripts/test.mjs [--tier unit|lsp|editor ...] [--skip-build] [--no-bench]
// Each tier installs only what it needs: unit nothing (no editor, no network); lsp Debian's Neovim
// (a third-party LSP client); editor code-server and Chromium (scripts/install-editor.sh).
// Everything is built first (esbuild, a few seconds), so no tier tests old bundles.
import { spawnSync, spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (a === '--tier' ? [args[i + 1]] : []));
const want = (t) => !only.length || only.includes(t);
const bin = (name) => join(root, 'node_modules', '.bin', name);

function step(title, cmd, cmdArgs, opts = {}) {
  console.log(`\n=== ${title}: ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...opts.env } });
  if (r.status !== 0) { console.error(`\n${title} failed (exit ${r.status ?? r.signal})`); process.exit(1); }
}

/** Runs mocha for one tier, echoing its output, and reads the counts from its closing lines. */
function mocha(tier, mochaArgs, env = {}) {
  return new Promise((resolvePromise) => {
    console.log(`\n=== tier ${tier}: mocha ${mochaArgs.join(' ')}`);
    const p = spawn(bin('mocha'), mochaArgs, { cwd: root, env: { ...process.env, ...env } });
    let out = '';
    p.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    p.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    p.on('close', (code) => {
      const n = (re) => Number(re.exec(out)?.[1] ?? 0);
      resolvePromise({ tier, passed: n(/(\d+) passing/), failed: n(/(\d+) failing/), pending: n(/(\d+) pending/), code });
    });
  });
}

if (!args.includes('--skip-build')) {
  step('build', process.execPath, [join(root, 'scripts/build.mjs')]);
  step('type check', bin('tsc'), ['--noEmit', '-p', '.']);
}

const major = Number(process.versions.node.split('.')[0]);
if (major !== 20) console.warn(`warning: Node ${process.versions.node}; the project is built and tested on Node 20.x (code-server 4.100.3 needs it)`);
if (want('lsp')) step('install Neovim and pre-commit (the LSP tier drives them)', 'bash', [join(root, 'scripts/install-editor.sh'), 'neovim', 'pre-commit']);
if (want('editor')) step('install VS Code (code-server) and Chromium (the editor tier drives them)', 'bash', [join(root, 'scripts/install-editor.sh'), 'code-server']);

const results = [];
// .mocharc.json's spec is the unit tier (what a bare `npx mocha` runs); each tier here names its own.
const TS = ['--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '20000'];
if (want('unit')) results.push(await mocha('unit', [...TS, '--spec', 'test/unit/**/*.test.ts']));
if (want('lsp')) results.push(await mocha('lsp', [...TS, '--spec', 'test/lsp/**/*.test.ts']));
if (want('editor')) {
  step('package the VSIX', 'npm', ['run', 'package', '--silent']);
  results.push(await mocha('editor', ['--spec', 'test/e2e/**/*.test.mjs', '--timeout', '180000', '--no-config', '--jobs', '1'], { ATLAS_E2E: '1' }));
}

// The benchmark suite, in its short smoke form: it must keep working; speed is never a pass/fail.
let benchOk = true;
if (!only.length && !args.includes('--no-bench')) {
  console.log('\n=== bench smoke: node bench/run.mjs --quick');
  const r = spawnSync(process.execPath, [join(root, 'bench/run.mjs'), '--quick'], { cwd: root, stdio: 'inherit' });
  benchOk = r.status === 0;
  if (!benchOk) console.error(`bench smoke failed (exit ${r.status ?? r.signal})`);
}

console.log('\n=== summary');
let passed = 0, failed = 0, bad = false;
for (const r of results) {
  console.log(`${r.tier.padEnd(7)} ${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} skipped` : ''}`);
  passed += r.passed;
  failed += r.failed;
  if (r.code !== 0 || r.failed > 0) bad = true;
  if (r.passed === 0) { console.log(`${r.tier}: ran no test`); bad = true; }
}
if (!only.length && !args.includes('--no-bench')) console.log(`bench   smoke run ${benchOk ? 'completed' : 'FAILED'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(bad || !benchOk ? 1 : 0);
