// `npm start`: builds and packages the extension, installs the real editor if it is missing
// (code-server = VS Code 1.100.3 in the browser), installs the VSIX into it and opens the
// bundled sample workspace. Prints the URL to open; Ctrl+C stops it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, cpSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const run = (cmd, args, env = {}) => { const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }); if (r.status !== 0) process.exit(r.status ?? 1); };

run('npm', ['run', 'package', '--silent']);
run('bash', [join(root, 'scripts/install-editor.sh'), 'code-server']);
const editorDir = process.env.ATLAS_EDITOR_DIR ?? join(root, '.cache', 'vscode-web');
const codeServer = join(editorDir, 'code-server', 'bin', 'code-server');
const state = join(root, '.cache', 'editor');
const ext = join(state, 'extensions');
const user = join(state, 'user-data');
mkdirSync(join(user, 'User'), { recursive: true });
writeFileSync(join(user, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'workbench.tips.enabled': false }, null, 2));
run(codeServer, ['--install-extension', join(root, `container-atlas-${pkg.version}.vsix`), '--force', '--extensions-dir', ext, '--user-data-dir', user]);
const workspace = join(state, 'sample-workspace');
if (!existsSync(workspace)) cpSync(join(root, 'samples', 'workspace'), workspace, { recursive: true });
const url = `http://${host}:${port}/?folder=${encodeURIComponent(workspace)}`;
const child = spawn(codeServer, ['--auth', 'none', '--bind-addr', `${host}:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--extensions-dir', ext, '--user-data-dir', user, workspace], { stdio: ['ignore', 'ignore', 'inherit'] });
process.on('SIGINT', () => child.kill('SIGTERM'));
child.on('exit', (code) => process.exit(code ?? 0));
// The URL is printed once the editor answers on it.
const started = Date.now();
const probe = () => http.get(`http://${host}:${port}/healthz`, (res) => {
  res.resume();
  console.log(`\nContainer Atlas is running in VS Code (code-server) on the sample workspace:\n\n    ${url}\n\nOpen it in a browser; Ctrl+C stops the editor.\n`);
}).on('error', () => {
  if (Date.now() - started > 120_000) { console.error(`start: code-server did not answer on ${host}:${port} within 2 minutes; is the port in use? Try PORT=8081 npm start`); child.kill('SIGTERM'); process.exit(1); }
  setTimeout(probe, 200);
});
probe();
