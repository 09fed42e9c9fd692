// Restricted Mode and recovery from a server crash, in a real VS Code.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandLine, processTree, startEditor } from './harness.mjs';
// The extension's flags (bench/serverEnvironment.mjs reads the client's client/src/serverProcess.json).
import { SERVER_EXEC_ARGV } from '../../bench/serverEnvironment.mjs';
import { OUT, SETTINGS, VSIX, sampleWorkspace } from './workspace.mjs';

/** The language servers of this test's own editor: processes in its code-server's tree running the extension's dist/server.js. */
function serverPids(editor) {
  return processTree(editor.pid).filter((pid) => commandLine(pid).some((a) => /container-atlas[^/]*\/dist\/server\.js$/.test(a)));
}

/** The server process's command line and environment variable names, from /proc. */
function processInfo(pid) {
  const split = (f) => readFileSync(`/proc/${pid}/${f}`, 'utf8').split('\0').filter(Boolean);
  return { argv: split('cmdline'), env: split('environ').map((e) => e.slice(0, e.indexOf('='))) };
}

/** The extension starts the server with its Node flags and without NODE_EXTRA_CA_CERTS (client/src/serverEnvironment.ts). */
function assertLaunchedAsConfigured(pid) {
  const { argv, env } = processInfo(pid);
  assert.ok(SERVER_EXEC_ARGV.every((flag) => argv.includes(flag)), `server flags: ${argv.join(' ')}`);
  assert.ok(!env.includes('NODE_EXTRA_CA_CERTS'), 'no NODE_EXTRA_CA_CERTS in the server environment');
}

describe('Container Atlas in Restricted Mode', function () {
  let editor;
  before(async () => {
    editor = await startEditor({ vsix: VSIX, workspace: sampleWorkspace(), outDir: join(OUT, 'restricted'), settings: SETTINGS, trust: false });
  });
  after(async () => { await editor?.close(); });

  it('runs in an untrusted workspace: hover cards and warnings work, since it only reads files', async () => {
    assert.ok(await editor.isRestricted({ timeout: 30000 }), 'the workspace is in Restricted Mode');
    await editor.openFile('Dockerfile');
    const h = await editor.hover('boot2docker/boot2docker', { waitFor: 'Operating systems' });
    assert.match(h.text, /boot2docker is deprecated since 2020-05-22 → use Docker Desktop/);
    await editor.problems({ filter: 'boot2docker', waitFor: 'boot2docker is deprecated' });
    await editor.screenshot('restricted-mode.png');
  });
});

describe('Container Atlas after a language-server crash', function () {
  let editor;
  before(async () => {
    editor = await startEditor({ vsix: VSIX, workspace: sampleWorkspace(), outDir: join(OUT, 'crash'), settings: SETTINGS });
  });
  after(async () => { await editor?.close(); });

  it('the client restarts the server and rebuilds its state', async () => {
    await editor.openFile('Dockerfile');
    await editor.hover('boot2docker/boot2docker', { waitFor: 'Operating systems' });
    const before = serverPids(editor);
    assert.equal(before.length, 1, `one server process, found ${before}`);
    assertLaunchedAsConfigured(before[0]);
    process.kill(before[0], 'SIGKILL');
    const end = Date.now() + 60000;
    let after = [];
    while (Date.now() < end) {
      after = serverPids(editor).filter((p) => p !== before[0]);
      if (after.length) break;
      await editor.page.waitForTimeout(250);
    }
    assert.equal(after.length, 1, 'a new server process started');
    assertLaunchedAsConfigured(after[0]);
    await editor.page.mouse.move(5, 5);
    const h = await editor.hover('boot2docker/boot2docker', { waitFor: 'Operating systems', timeout: 60000 });
    assert.match(h.text, /boot2docker is deprecated since 2020-05-22 → use Docker Desktop/);
    await editor.problems({ filter: 'boot2docker', waitFor: 'boot2docker is deprecated' });
    await editor.screenshot('after-restart.png');
  });
});
