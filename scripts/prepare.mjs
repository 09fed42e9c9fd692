#!/usr/bin/env node
// npm's `prepare`: builds dist/ when the package is installed from git (pre-commit's `language: node`
// does `npm install -g git+…`), where dist/ is not committed. npm runs a git dependency's preparation
// with the `global` setting inherited, so its devDependencies (esbuild) can be missing here: install
// them into this folder first, without scripts, so this does not run again.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const run = (cmd, args, env = process.env) => {
  // Output to stderr: `npm pack` (which runs prepare) prints the package's file name or JSON on stdout.
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['inherit', 2, 2], env });
  if (r.status !== 0) { console.error(`container-atlas prepare: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal})`); process.exit(r.status || 1); }
};
try { require.resolve('esbuild'); } catch {
  const env = { ...process.env, npm_config_global: 'false', npm_config_prefix: '' };
  delete env.npm_config_prefix;
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--no-save', '--ignore-scripts', '--include=dev', '--no-audit', '--no-fund', '--no-package-lock'], env);
}
run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
