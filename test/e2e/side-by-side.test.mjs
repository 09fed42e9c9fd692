// `npm start` and `npm test` side by side: distinct ports, folders and processes.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { poll, processTree, startEditor } from './harness.mjs';
import { OUT, ROOT, SETTINGS, sampleWorkspace, VSIX } from './workspace.mjs';
import { insideGitRepository } from '../../scripts/firstRun.mjs';

const healthy = (port) => new Promise((resolve) => {
  http.get(`http://127.0.0.1:${port}/healthz`, (res) => { res.resume(); resolve(res.statusCode === 200); }).on('error', () => resolve(false));
});
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('npm start beside npm test', function () {
  this.timeout(240000);
  let holder = null;
  let start;
  let state;
  let editor;
  after(async () => {
    await editor?.close();
    if (start && start.exitCode === null) start.kill('SIGTERM');
    holder?.close();
    if (state) rmSync(state, { recursive: true, force: true });
  });

  it('npm start takes a free port when 8080 is in use; both editors run; each stops only its own processes', async () => {
    // Port 8080 in use, by this test if nobody else has it.
    holder = await new Promise((resolve) => { const s = net.createServer().once('error', () => resolve(null)).listen(8080, '127.0.0.1', () => resolve(s)); });
    state = mkdtempSync(join(tmpdir(), 'atlas-start-'));
    const env = { ...process.env, ATLAS_START_STATE: state };
    delete env.PORT;
    start = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--no-package'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    start.stderr.on('data', (d) => { out += d; });
    // The URL is printed once the editor answers on it.
    const startPort = await new Promise((resolve, reject) => {
      start.stdout.on('data', (d) => {
        out += d;
        const m = /http:\/\/127\.0\.0\.1:(\d+)\/\?folder=/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      start.once('exit', (code) => reject(new Error(`npm start exited (${code}) before printing its URL:\n${out}`)));
    });
    assert.notEqual(startPort, 8080);
    assert.match(out, /port 8080 is in use .*; using \d+/);
    // Quiet: no build, install or editor output; the URL is the last line, printed once /healthz answers.
    await poll(() => out.trimEnd().endsWith(`/?folder=${encodeURIComponent(join(state, 'sample-workspace'))}`), { timeout: 5000, what: `the URL as the last line of:\n${out}` });
    const lines = out.split('\n').map((l) => l.trim()).filter(Boolean);
    assert.equal(lines.length, 3, `the port note, one sentence and the URL:\n${out}`);
    assert.ok(await healthy(startPort), 'the editor answers at the printed URL');
    assert.ok(!insideGitRepository(join(state, 'sample-workspace')), 'the sample is outside any Git repository');
    const settings = JSON.parse(readFileSync(join(state, 'user-data', 'User', 'settings.json'), 'utf8'));
    assert.equal(settings['git.openRepositoryInParentFolders'], 'never');
    assert.equal(settings['workbench.startupEditor'], 'readme', 'the sample\'s README shows on start');
    assert.match(readFileSync(join(state, 'start.log'), 'utf8'), /install-editor: .*code-server 4\.100\.3/, 'the install output went to the log');
    const startProcesses = processTree(start.pid);
    assert.ok(startProcesses.length > 0, 'npm start runs code-server');

    editor = await startEditor({ vsix: VSIX, workspace: sampleWorkspace(), outDir: join(OUT, 'side-by-side'), settings: SETTINGS });
    assert.notEqual(editor.port, startPort, 'the test editor has a port of its own');
    assert.notEqual(editor.userDataDir, join(state, 'user-data'), 'and its own user data');
    assert.deepEqual(processTree(editor.pid).filter((p) => startProcesses.includes(p)), [], 'no process in common');
    assert.ok(await healthy(startPort) && await healthy(editor.port), 'both editors answer');
    await editor.openFile('Dockerfile');
    await editor.problems({ filter: 'boot2docker', waitFor: 'boot2docker is deprecated' });

    await editor.close();
    editor = null;
    assert.ok(await healthy(startPort), "closing the test's editor leaves npm start's running");
    assert.ok(startProcesses.every(alive), "npm start's processes are all still there");

    const exited = new Promise((resolve) => start.once('exit', resolve));
    start.kill('SIGTERM');
    await exited;
    // code-server's group stops after its parent: wait until its processes are gone.
    await poll(() => !startProcesses.some(alive), { timeout: 20000, what: `npm start's processes to exit (left: ${startProcesses.filter(alive)})` });
  });
});
