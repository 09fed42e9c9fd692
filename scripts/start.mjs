// `npm start`: builds and packages the extension, installs the real editor if it is missing
// (code-server = VS Code 1.100.3 in the browser), installs the VSIX into it and opens the
// bundled sample workspace. Prints the URL to open; Ctrl+C stops it.
// Runs beside `npm test`: its own port (PORT, else 8080 when free, else any free port), its own
// folders (.cache/editor, or ATLAS_START_STATE), and on Ctrl+C or SIGTERM it stops its own editor's
// processes only (code-server runs in a process group of its own). --no-package: use the VSIX built.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, cpSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import net from 'node:net';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const host = process.env.HOST ?? '127.0.0.1';
/** Resolves with the port once listening on it works, or null when it is taken (0: any free port). */
const tryPort = (p) => new Promise((res) => {
  const srv = net.createServer().once('error', () => res(null)).listen(p, host, () => { const got = srv.address().port; srv.close(() => res(got)); });
});
let port;
if (process.env.PORT) {
  port = await tryPort(Number(process.env.PORT));
  if (port === null) { console.error(`start: port ${process.env.PORT} on ${host} is in use; choose another (PORT=… npm start) or leave PORT unset to pick a free one`); process.exit(1); }
} else {
  port = (await tryPort(8080)) ?? (await tryPort(0));
  if (port !== 8080) console.log(`start: port 8080 is in use (another editor, or npm test); using ${port}`);
}
const run = (cmd, args, env = {}) => { const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }); if (r.status !== 0) process.exit(r.status ?? 1); };

if (!process.argv.includes('--no-package')) run('npm', ['run', 'package', '--silent']);
run('bash', [join(root, 'scripts/install-editor.sh'), 'code-server']);
const editorDir = process.env.ATLAS_EDITOR_DIR ?? join(root, '.cache', 'vscode-web');
const codeServer = join(editorDir, 'code-server', 'bin', 'code-server');
const state = process.env.ATLAS_START_STATE ?? join(root, '.cache', 'editor');
const ext = join(state, 'extensions');
const user = join(state, 'user-data');
mkdirSync(join(user, 'User'), { recursive: true });
writeFileSync(join(user, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'workbench.tips.enabled': false }, null, 2));
run(codeServer, ['--install-extension', join(root, `container-atlas-${pkg.version}.vsix`), '--force', '--extensions-dir', ext, '--user-data-dir', user]);
const workspace = join(state, 'sample-workspace');
if (!existsSync(workspace)) cpSync(join(root, 'samples', 'workspace'), workspace, { recursive: true });
const url = `http://${host}:${port}/?folder=${encodeURIComponent(workspace)}`;
const child = spawn(codeServer, ['--auth', 'none', '--bind-addr', `${host}:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--extensions-dir', ext, '--user-data-dir', user, workspace], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
// Stop this editor's process group (code-server, its extension host, the language server), nothing else.
const stop = () => { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } };
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, stop);
process.on('exit', stop);
child.on('exit', (code) => process.exit(code ?? 0));
// The URL is printed once the editor answers on it.
const started = Date.now();
const probe = () => http.get(`http://${host}:${port}/healthz`, (res) => {
  res.resume();
  console.log(`\nContainer Atlas is running in VS Code (code-server) on the sample workspace:\n\n    ${url}\n\nOpen it in a browser; Ctrl+C stops the editor.\n`);
}).on('error', () => {
  if (Date.now() - started > 120_000) { console.error(`start: code-server did not answer on ${host}:${port} within 2 minutes; see the messages above`); stop(); process.exit(1); }
  setTimeout(probe, 200);
});
probe();
