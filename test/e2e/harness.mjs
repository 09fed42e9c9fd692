// End-to-end harness: a real VS Code workbench (code-server 4.100.3 = VS Code
// 1.100.3, Node extension host) driven by Debian's Chromium via playwright-core.
//
//   import { startEditor } from './harness.mjs';
//   const editor = await startEditor({ vsix, workspace, trust: true, outDir });
//   try { await editor.openFile('Dockerfile'); ... } finally { await editor.close(); }
//
// Everything waits on what the page shows (selectors, texts) with timeouts;
// there are no fixed sleeps. See README.md beside this file.

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCALE = Number(process.env.E2E_TIMEOUT_SCALE || 1);
const T = (ms) => Math.round(ms * SCALE);
export const TIMEOUTS = {
  workbench: T(60_000), // first load of the workbench (and of code-server)
  op: T(30_000), // one UI operation (open a file, run a command)
  hover: T(45_000), // a hover, including the first extension-host start
  problems: T(30_000),
};

// The project's own installer (scripts/install-editor.sh) and the folder it installs into.
const ROOT = path.resolve(HERE, '../..');
const VSCODE_WEB_DIR = process.env.ATLAS_EDITOR_DIR || path.join(ROOT, '.cache', 'vscode-web');
const INSTALL_SH = path.join(ROOT, 'scripts', 'install-editor.sh');
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// ---------------------------------------------------------------- cleanup ---
// Process groups and temp dirs of every live editor, so that a crash, an
// uncaught exception or Ctrl+C in a test never leaves code-server behind.
const live = new Set();
let hooksInstalled = false;
function killGroupSync(pid, signal = 'SIGKILL') {
  try {
    process.kill(-pid, signal);
  } catch {}
  try {
    process.kill(pid, signal);
  } catch {}
}
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}
function emergencyCleanup() {
  for (const e of live) {
    if (e.pid) killGroupSync(e.pid);
    if (!e.keep) for (const d of e.dirs) fs.rmSync(d, { recursive: true, force: true });
  }
  live.clear();
}
function installHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', emergencyCleanup);
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.on(sig, () => {
      emergencyCleanup();
      process.exit(code);
    });
  }
}

// ---------------------------------------------------------------- helpers ---
let installed = false;
/** Runs scripts/install-editor.sh (idempotent, a no-op when code-server is already there). */
export function ensureInstalled() {
  if (installed) return codeServerBin();
  execFileSync('bash', [INSTALL_SH, 'code-server'], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ATLAS_EDITOR_DIR: VSCODE_WEB_DIR } });
  installed = true;
  return codeServerBin();
}
function codeServerBin() {
  return path.join(VSCODE_WEB_DIR, 'code-server', 'bin', 'code-server');
}

/**
 * The processes descended from `rootPid` (not itself), from /proc: what a test may signal, since it
 * started them. Never the processes of another editor on the machine (a developer's, `npm start`'s).
 */
export function processTree(rootPid) {
  const children = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try { stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8'); } catch { continue; }
    // pid (comm) state ppid …; comm may hold spaces and parentheses: read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const out = [];
  const todo = [...(children.get(rootPid) ?? [])];
  while (todo.length) {
    const pid = todo.shift();
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** The command line of a process as its arguments, or [] when it is gone. */
export function commandLine(pid) {
  try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean); } catch { return []; }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
  });
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));
/** Waits for p, at most ms (the timer does not keep the process alive afterwards). */
function atMost(p, ms) {
  let t;
  return Promise.race([Promise.resolve(p).catch(() => {}), new Promise((r) => (t = setTimeout(r, ms)))]).finally(() =>
    clearTimeout(t),
  );
}

/** Polls fn() until it returns a truthy value; throws with describe() after timeout. */
export async function poll(fn, { timeout, interval = 150, what = 'condition', describe } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) {
      let extra = '';
      if (describe) {
        try {
          extra = ' — ' + (await describe());
        } catch {}
      }
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${extra}`);
    }
    await delay(interval); // polling interval, not a fixed wait for an effect
  }
}

function findFiles(dir, re, out = []) {
  let entries = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findFiles(p, re, out);
    else if (re.test(e.name)) out.push(p);
  }
  return out;
}

const norm = (s) => (s || '').replace(/\u00a0/g, ' ');
const squash = (s) => norm(s).replace(/\s+/g, ' ').trim();

function defaultSettings(trust) {
  return {
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.enableExperiments': false,
    'workbench.settings.enableNaturalLanguageSearch': false,
    'extensions.ignoreRecommendations': true,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'update.showReleaseNotes': false,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'editor.minimap.enabled': false,
    'editor.hover.delay': 300,
    'editor.hover.sticky': true,
    'editor.accessibilitySupport': 'off',
    'files.autoSave': 'off',
    'chat.commandCenter.enabled': false,
    'security.workspace.trust.enabled': !trust,
    // Untrusted: open straight into Restricted Mode (no modal), show the banner.
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'always',
    'security.workspace.trust.untrustedFiles': 'open',
  };
}

// ------------------------------------------------------------ startEditor ---
/**
 * @param {object} o
 * @param {string} [o.vsix]       VSIX to install (optional: none = plain editor)
 * @param {string|string[]} [o.extraVsix]  more VSIX files
 * @param {string} o.workspace    folder to open
 * @param {boolean} [o.trust=true] false: workspace trust on, folder untrusted → Restricted Mode
 * @param {string} o.outDir       screenshots and logs go here
 * @param {object} [o.settings]   extra user settings (merged over the defaults)
 * @param {{width:number,height:number}} [o.viewport]
 * @param {boolean} [o.keepTemp]  keep temp dirs after close (also E2E_KEEP=1)
 * @param {boolean} [o.headless=true] (E2E_HEADED=1 for a headed browser, needs a display)
 */
export async function startEditor({
  vsix,
  extraVsix = [],
  workspace,
  trust = true,
  outDir,
  settings = {},
  viewport = { width: 1400, height: 900 },
  keepTemp = !!process.env.E2E_KEEP,
  headless = !process.env.E2E_HEADED,
} = {}) {
  if (!workspace) throw new Error('startEditor: workspace is required');
  workspace = path.resolve(workspace);
  outDir = path.resolve(outDir || fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-out-')));
  fs.mkdirSync(outDir, { recursive: true });
  installHooks();
  const bin = ensureInstalled();
  const t0 = Date.now();
  const log = (...a) => {
    if (process.env.E2E_DEBUG) console.error(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
  };

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-vscode-'));
  const ext = path.join(root, 'extensions');
  const ud = path.join(root, 'user-data');
  const chromeUd = path.join(root, 'chromium');
  const xdg = path.join(root, 'xdg');
  for (const d of [ext, path.join(ud, 'User'), chromeUd, xdg]) fs.mkdirSync(d, { recursive: true });
  const configYaml = path.join(root, 'config.yaml');
  fs.writeFileSync(configYaml, 'auth: none\ncert: false\n');
  fs.writeFileSync(
    path.join(ud, 'User', 'settings.json'),
    JSON.stringify({ ...defaultSettings(trust), ...settings }, null, 2),
  );
  const reg = { pid: 0, dirs: [root], keep: keepTemp };
  live.add(reg);

  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  delete env.VSCODE_PROXY_URI;
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  const common = ['--config', configYaml, '--extensions-dir', ext, '--user-data-dir', ud];

  const csLogPath = path.join(outDir, 'code-server.log');
  const csLog = fs.createWriteStream(csLogPath, { flags: 'a' });
  const vsixes = [vsix, ...[].concat(extraVsix)].filter(Boolean);
  try {
    for (const v of vsixes) {
      log('installing', v);
      const out = execFileSync(bin, [...common, '--install-extension', path.resolve(v), '--force'], {
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: TIMEOUTS.workbench,
      });
      csLog.write(`$ code-server --install-extension ${v}\n${out}\n`);
    }
  } catch (err) {
    live.delete(reg);
    if (!keepTemp) fs.rmSync(root, { recursive: true, force: true });
    throw new Error(`installing the VSIX failed: ${err.stderr || err.message}`);
  }

  const port = await freePort();
  const args = [
    ...common,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(trust ? ['--disable-workspace-trust'] : []),
    workspace,
  ];
  csLog.write(`$ code-server ${args.join(' ')}\n`);
  const cs = spawn(bin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  reg.pid = cs.pid;
  let csExited = null;
  cs.on('exit', (code, sig) => {
    csExited = { code, sig };
    csLog.write(`\n[code-server exited code=${code} signal=${sig}]\n`);
  });
  cs.stdout.pipe(csLog, { end: false });
  cs.stderr.pipe(csLog, { end: false });

  const base = `http://127.0.0.1:${port}`;
  let context, page;
  // pid: this editor's code-server; tests signal only processes in its tree (processTree).
  const editor = { outDir, port, url: base, userDataDir: ud, extensionsDir: ext, workspace, trust, pid: cs.pid };
  let closed = false;

  editor.close = async () => {
    if (closed) return;
    closed = true;
    try {
      if (context) await atMost(context.close(), 10_000);
    } catch {}
    if (reg.pid && !csExited) {
      killGroupSync(reg.pid, 'SIGTERM');
      await atMost(new Promise((r) => cs.once('exit', r)), 5000);
    }
    // Whatever is left in the group (extension host, pty host, watchers).
    if (reg.pid) {
      killGroupSync(reg.pid, 'SIGKILL');
      await poll(() => !groupAlive(reg.pid), { timeout: 5000, interval: 50, what: 'code-server processes to exit' }).catch(
        () => {},
      );
    }
    try {
      // Keep the VS Code server's logs (extension host, output channels) for debugging.
      const src = path.join(ud, 'logs');
      if (fs.existsSync(src)) fs.cpSync(src, path.join(outDir, 'vscode-logs'), { recursive: true });
    } catch {}
    await new Promise((r) => csLog.end(r));
    live.delete(reg);
    if (!keepTemp) fs.rmSync(root, { recursive: true, force: true });
    else console.error(`[e2e] kept temp dirs in ${root}`);
  };

  try {
    log('waiting for code-server on', base);
    await poll(
      async () => {
        if (csExited) throw Object.assign(new Error(`code-server exited early (${JSON.stringify(csExited)})`), { fatal: true });
        const s = await httpStatus(`${base}/healthz`);
        return s === 200;
      },
      { timeout: TIMEOUTS.workbench, interval: 250, what: `code-server on ${base} (see ${csLogPath})` },
    ).catch((e) => {
      throw csExited ? new Error(`code-server exited early; see ${csLogPath}`) : e;
    });

    log('launching chromium');
    context = await chromium.launchPersistentContext(chromeUd, {
      executablePath: CHROMIUM,
      headless,
      args: CHROMIUM_ARGS,
      viewport,
      timeout: TIMEOUTS.workbench,
    });
    page = context.pages()[0] || (await context.newPage());
    editor.page = page;
    editor.context = context;
    page.setDefaultTimeout(TIMEOUTS.op);
    const consoleLog = fs.createWriteStream(path.join(outDir, 'browser-console.log'), { flags: 'a' });
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack || e}\n`));
    context.on('close', () => consoleLog.end());

    const url = `${base}/?folder=${encodeURIComponent(workspace).replace(/%2F/g, '/')}`;
    log('opening', url);
    await page.goto(url, { timeout: TIMEOUTS.workbench, waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout: TIMEOUTS.workbench });
    // The explorer with at least one row of the folder (the tree is filled
    // once the remote file system answers).
    await page
      .locator('.explorer-folders-view .monaco-list-row')
      .first()
      .waitFor({ state: 'visible', timeout: TIMEOUTS.workbench });
    log('workbench ready');
    await handleTrustDialog(page, trust);
  } catch (err) {
    try {
      if (page) await page.screenshot({ path: path.join(outDir, 'startup-failure.png') });
    } catch {}
    await editor.close();
    throw err;
  }

  Object.assign(editor, makeMethods(editor, page, { outDir, workspace, ud }));
  return editor;
}

/** If a workspace-trust modal shows up anyway, answer it. */
async function handleTrustDialog(page, trust) {
  const dialog = page.locator('.monaco-dialog-box');
  if (!(await dialog.isVisible().catch(() => false))) return;
  const text = await dialog.innerText().catch(() => '');
  if (!/trust/i.test(text)) return;
  const btn = trust
    ? dialog.getByRole('button', { name: /Yes, I trust/i })
    : dialog.getByRole('button', { name: /No, I don.t trust/i });
  await btn.click();
  await dialog.waitFor({ state: 'hidden' });
}

// --------------------------------------------------------------- methods ---
function makeMethods(editor, page, { outDir, workspace, ud }) {
  const ACTIVE = '.editor-group-container.active';
  const VIEW_LINES = `${ACTIVE} .editor-instance .monaco-editor .view-lines`;
  const quickInput = page.locator('.quick-input-widget');

  async function screenshot(name, { fullPage = false, locator } = {}) {
    const file = path.join(outDir, name.endsWith('.png') ? name : `${name}.png`);
    if (locator) await locator.screenshot({ path: file, animations: 'disabled' });
    else await page.screenshot({ path: file, fullPage, animations: 'disabled' });
    return file;
  }

  async function quickInputVisible() {
    return quickInput.isVisible().catch(() => false);
  }

  async function closeQuickInput() {
    if (await quickInputVisible()) {
      await page.keyboard.press('Escape');
      await quickInput.waitFor({ state: 'hidden' });
    }
  }

  /** Rows of the quick input list as {text, label, description, focused}. */
  async function quickRows() {
    return page.$$eval('.quick-input-widget .quick-input-list .monaco-list-row', (rows) =>
      rows.map((r, i) => ({
        i,
        index: Number(r.getAttribute('data-index')),
        text: r.innerText,
        aria: r.getAttribute('aria-label') || '',
        label: (r.querySelector('.label-name') || r.querySelector('.monaco-highlighted-label'))?.textContent || '',
        description: r.querySelector('.label-description')?.textContent || '',
        focused: r.classList.contains('focused'),
      })),
    );
  }

  /** Locates (in page coordinates) the nth occurrence of text in the active editor's rendered lines. */
  async function locateText(text, { nth = 0, at = 'middle' } = {}) {
    return page.evaluate(
      ({ sel, text, nth, at }) => {
        const root = document.querySelector(sel);
        if (!root) return { error: 'no active editor' };
        const lines = [...root.querySelectorAll('.view-line')].sort(
          (a, b) => parseFloat(a.style.top || 0) - parseFloat(b.style.top || 0),
        );
        const n = (s) => s.replace(/\u00a0/g, ' ');
        let seen = 0;
        for (const line of lines) {
          // Concatenate the line's text nodes so a text spanning several token spans is found.
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          const nodes = [];
          let full = '';
          for (let t; (t = walker.nextNode()); ) {
            nodes.push({ node: t, start: full.length });
            full += n(t.data);
          }
          let from = 0;
          for (;;) {
            const idx = full.indexOf(text, from);
            if (idx < 0) break;
            if (seen++ === nth) {
              const pos = (off) => {
                let k = nodes.length - 1;
                while (k > 0 && nodes[k].start > off) k--;
                return [nodes[k].node, Math.min(off - nodes[k].start, nodes[k].node.data.length)];
              };
              const range = document.createRange();
              range.setStart(...pos(idx));
              range.setEnd(...pos(idx + text.length));
              const rects = [...range.getClientRects()].filter((r) => r.width > 0);
              const r = rects[0] || range.getBoundingClientRect();
              const x = at === 'start' ? r.left + 1 : at === 'end' ? r.right - 1 : r.left + r.width / 2;
              return { x, y: r.top + r.height / 2, width: r.width, height: r.height };
            }
            from = idx + 1;
          }
        }
        return { error: `text ${JSON.stringify(text)} (nth=${nth}) not among the ${lines.length} rendered lines` };
      },
      { sel: VIEW_LINES, text, nth, at },
    );
  }

  async function waitForTextPoint(text, opts = {}, timeout = TIMEOUTS.op) {
    let lastErr;
    return poll(
      async () => {
        const r = await locateText(text, opts);
        if (r.error) {
          lastErr = r.error;
          return null;
        }
        return r.width > 0 ? r : null;
      },
      { timeout, what: `text ${JSON.stringify(text)} in the active editor`, describe: async () => lastErr },
    );
  }

  async function visibleHoverText() {
    return page.evaluate(() => {
      const hovers = [...document.querySelectorAll('.monaco-hover')].filter((h) => {
        if (h.classList.contains('hidden')) return false;
        const r = h.getBoundingClientRect();
        const cs = getComputedStyle(h);
        return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none';
      });
      return hovers.map((h) => h.innerText.trim()).filter(Boolean);
    });
  }

  async function moveAway() {
    // Over the status bar: leaves the editor, so the next move re-triggers the hover.
    const vp = page.viewportSize() || { width: 1400, height: 900 };
    await page.mouse.move(vp.width / 2, vp.height - 5);
    await poll(async () => (await visibleHoverText()).length === 0, { timeout: 5000, what: 'hover to hide' }).catch(
      () => page.keyboard.press('Escape'),
    );
  }

  const methods = {
    screenshot,

    /** Opens a workspace file through Quick Open (Ctrl+P) and waits until its text renders. */
    async openFile(relPath, { timeout = TIMEOUTS.op } = {}) {
      const rel = relPath.split(path.sep).join('/');
      const base = path.posix.basename(rel);
      const dir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
      await closeQuickInput();
      await page.keyboard.press('Control+P');
      await quickInput.waitFor({ state: 'visible', timeout });
      await page.keyboard.type(rel);
      // Wait for a row that is this file (label = basename, description ends with the dir),
      // and that the list has been filtered (no stale "recently opened" rows on top).
      // Find the row and click it in one retried step: Quick Open re-renders its list as
      // results arrive, so a row found in one poll may be gone (or moved) by the click.
      let clicked = false;
      await poll(
        async () => {
          if (clicked && !(await quickInput.isVisible().catch(() => false))) return true;
          const value = await page.locator('.quick-input-widget .quick-input-box input').inputValue().catch(() => '');
          if (value !== rel) return null;
          const rows = await quickRows();
          const named = rows.filter((r) => squash(r.label) === base);
          // A root-level file has no directory in its description; fall back to any match.
          const row = dir
            ? named.find((r) => squash(r.description).endsWith(dir))
            : named.find((r) => !squash(r.description).includes('/')) || named[0];
          if (!row) return null;
          clicked = true;
          await page
            .locator(`.quick-input-widget .quick-input-list .monaco-list-row[data-index="${row.index}"]`)
            .click({ timeout: 2000 });
          return true;
        },
        {
          timeout,
          what: `Quick Open result for ${rel}`,
          describe: async () => JSON.stringify((await quickRows()).map((r) => squash(r.text))),
        },
      );
      await quickInput.waitFor({ state: 'hidden', timeout });
      await page
        .locator(`${ACTIVE} .tab.active`, { hasText: base })
        .first()
        .waitFor({ state: 'visible', timeout });
      // Wait for the text to render: the first non-blank line of the file (if it has one).
      let probe = '';
      try {
        const content = fs.readFileSync(path.join(workspace, rel), 'utf8');
        probe = (content.split(/\r?\n/).find((l) => l.trim()) || '').trim().slice(0, 40);
      } catch {}
      await poll(
        async () => {
          const txt = squash(await page.locator(VIEW_LINES).first().innerText().catch(() => ''));
          return probe ? txt.includes(squash(probe)) : true;
        },
        { timeout, what: `the text of ${rel} to render` },
      );
    },

    /**
     * Hovers the nth occurrence of text in the active editor; returns the hover's text.
     * opts.waitFor: substring the hover must contain (re-hovers until it does: the
     * extension host may still be starting). Returns { text, texts, screenshot(name) }.
     */
    async hover(text, { nth = 0, waitFor, timeout = TIMEOUTS.hover, at = 'middle' } = {}) {
      const end = Date.now() + timeout;
      let last = [];
      let attempt = 0;
      while (Date.now() < end) {
        attempt++;
        const p = await waitForTextPoint(text, { nth, at }, Math.max(1000, end - Date.now()));
        await moveAway();
        await page.mouse.move(p.x, p.y, { steps: 3 });
        const perTry = Math.min(attempt === 1 ? 8000 : 5000, Math.max(500, end - Date.now()));
        try {
          const texts = await poll(
            async () => {
              const ts = await visibleHoverText();
              last = ts;
              const good = ts.filter((t) => t && !/^Loading\.\.\.$/.test(t));
              if (!good.length) return null;
              if (waitFor && !good.some((t) => t.includes(waitFor))) return null;
              return good;
            },
            { timeout: perTry, what: 'hover' },
          );
          const hoverLoc = page.locator('.monaco-hover:not(.hidden)').last();
          return {
            text: texts.join('\n'),
            texts,
            locator: hoverLoc,
            screenshot: (name, o = {}) => screenshot(name, o.element ? { locator: hoverLoc } : o),
          };
        } catch {
          // re-hover: the provider may not have been registered yet
        }
      }
      await screenshot(`hover-failure-${text.replace(/[^\w.-]+/g, '_').slice(0, 30)}`).catch(() => {});
      throw new Error(
        `no hover${waitFor ? ` containing ${JSON.stringify(waitFor)}` : ''} over ${JSON.stringify(text)} within ${timeout} ms; last seen: ${JSON.stringify(last)}`,
      );
    },

    /** Clicks on the text in the active editor (at: 'start' | 'middle' | 'end'). */
    async setCursorOn(text, { nth = 0, at = 'middle', timeout = TIMEOUTS.op } = {}) {
      const p = await waitForTextPoint(text, { nth, at }, timeout);
      await page.mouse.click(p.x, p.y);
      await page.locator(`${ACTIVE} .monaco-editor.focused`).first().waitFor({ state: 'visible', timeout });
    },

    /**
     * Text of the active editor, read from the rendered view lines. Only the lines
     * currently rendered (visible in the viewport, plus a few) are returned.
     */
    async editorText() {
      return page.evaluate((sel) => {
        const root = document.querySelector(sel);
        if (!root) return '';
        return [...root.querySelectorAll('.view-line')]
          .sort((a, b) => parseFloat(a.style.top || 0) - parseFloat(b.style.top || 0))
          .map((l) => l.textContent.replace(/\u00a0/g, ' '))
          .join('\n');
      }, VIEW_LINES);
    },

    /** Waits until the active editor's rendered text contains s. */
    async waitForEditorText(s, { timeout = TIMEOUTS.op } = {}) {
      return poll(async () => (await methods.editorText()).includes(s), {
        timeout,
        what: `editor text to contain ${JSON.stringify(s)}`,
        describe: () => methods.editorText(),
      });
    },

    /**
     * Opens the Problems panel and returns the problem rows' texts (file rows excluded
     * unless includeFiles). waitFor: substring one row must contain (throws on timeout).
     * until(texts, rows): predicate to wait for, e.g. (t) => t.length === 0 (throws on timeout).
     * Without either, waits up to `timeout` (10 s) for at least one row, then returns what is
     * there — possibly stale: use waitFor/until to assert a change.
     */
    async problems({
      waitFor,
      until,
      timeout = waitFor || until ? TIMEOUTS.problems : 10_000,
      includeFiles = false,
      detailed = false,
      filter: filterText,
    } = {}) {
      const panel = page.locator('.markers-panel');
      if (!(await panel.isVisible().catch(() => false))) {
        await closeQuickInput();
        await page.keyboard.press('Control+Shift+M');
        await panel.first().waitFor({ state: 'visible', timeout: TIMEOUTS.op });
      }
      // The panel's own filter box: the list is virtualized, so a long list shows only some rows.
      const filterBox = () => page.locator('.part.panel .viewpane-filter input, .part.panel .markers-panel-action-filter input').first();
      if (filterText !== undefined) {
        await filterBox().waitFor({ state: 'visible', timeout: TIMEOUTS.op });
        await filterBox().fill(filterText);
      }
      // A panel that is still being set up can replace its filter box and lose what was typed: each
      // time the rows are read, the box must still hold the filter, else it is typed again.
      const keepFilter = async () => {
        if (filterText === undefined) return;
        const box = filterBox();
        if ((await box.inputValue().catch(() => null)) !== filterText) await box.fill(filterText).catch(() => undefined);
      };
      const read = () =>
        page.$$eval('.markers-panel .monaco-list-row', (rows) =>
          rows.map((r) => ({
            text: r.innerText.replace(/\s+/g, ' ').trim(),
            aria: r.getAttribute('aria-label') || '',
            isFile: !!r.querySelector('.markers-panel-container .resource-label, .monaco-icon-label.file-icon'),
            level: Number(r.getAttribute('aria-level') || 0),
          })),
        );
      const filter = (rows) => rows.filter((r) => includeFiles || (r.level ? r.level > 1 : !r.isFile));
      let rows = [];
      try {
        await poll(
          async () => {
            await keepFilter();
            rows = filter(await read());
            if (until) return until(rows.map((r) => r.text), rows);
            return waitFor ? rows.some((r) => r.text.includes(waitFor) || r.aria.includes(waitFor)) : rows.length > 0;
          },
          {
            timeout,
            what: until ? 'the problems to satisfy until()' : waitFor ? `a problem containing ${JSON.stringify(waitFor)}` : 'problems',
          },
        );
      } catch (err) {
        if (waitFor || until) throw new Error(`${err.message}; rows: ${JSON.stringify(rows.map((r) => r.text))}`);
      }
      return detailed ? rows : rows.map((r) => r.text);
    },

    /** F1, types the command title, runs the matching command. */
    /** opensQuickInput: the command shows its own quick pick; wait for it instead of for the palette to close. */
    async runCommand(title, { timeout = TIMEOUTS.op, opensQuickInput = false } = {}) {
      await closeQuickInput();
      await page.keyboard.press('F1');
      await quickInput.waitFor({ state: 'visible', timeout });
      await poll(
        async () => (await page.locator('.quick-input-widget .quick-input-box input').inputValue()).startsWith('>'),
        { timeout, what: 'the command palette' },
      );
      await page.keyboard.type(title);
      // Find and click in one retried step (the palette re-renders its list as it filters).
      let tried = false;
      await poll(
        async () => {
          const value = await page.locator('.quick-input-widget .quick-input-box input').inputValue().catch(() => '');
          if (value !== `>${title}`) return tried ? true : null;
          const rows = await quickRows();
          const row = rows.find((r) => squash(r.label) === title) || rows.find((r) => squash(r.aria).startsWith(title));
          if (!row) return null;
          tried = true;
          await page
            .locator(`.quick-input-widget .quick-input-list .monaco-list-row[data-index="${row.index}"]`)
            .click({ timeout: 2000 });
          return true;
        },
        {
          timeout,
          what: `command ${JSON.stringify(title)} in the palette`,
          describe: async () => JSON.stringify((await quickRows()).map((r) => squash(r.text))),
        },
      );
      if (opensQuickInput) {
        await poll(
          async () => (await quickInput.isVisible()) && !(await page.locator('.quick-input-widget .quick-input-box input').inputValue()).startsWith('>'),
          { timeout, what: `the quick pick of ${JSON.stringify(title)}` },
        );
      } else await quickInput.waitFor({ state: 'hidden', timeout });
    },

    /** Ctrl+. at the cursor, then picks the code action whose title contains titleSubstring. */
    async quickFix(titleSubstring, { timeout = TIMEOUTS.op } = {}) {
      const widget = page.locator('.action-widget');
      const row = widget.locator('.monaco-list-row.action', { hasText: titleSubstring }).first();
      const end = Date.now() + timeout;
      for (;;) {
        await page.keyboard.press('Control+.');
        try {
          await row.waitFor({ state: 'visible', timeout: Math.min(8000, Math.max(500, end - Date.now())) });
          break;
        } catch (err) {
          const shown = await widget.innerText().catch(() => '');
          const msg = await page.locator('.monaco-editor-overlaymessage').innerText().catch(() => '');
          if (Date.now() > end)
            throw new Error(`no code action ${JSON.stringify(titleSubstring)}; menu: ${JSON.stringify(shown)} ${msg}`);
          await page.keyboard.press('Escape'); // try again: the provider may have been slow
        }
      }
      // The action widget sits under a pointer-blocking overlay: choose with the keyboard.
      const rowsSel = '.action-widget .monaco-list-row.action';
      const pick = await poll(
        async () => {
          const rows = await page.$$eval(rowsSel, (rs) =>
            rs.map((r) => ({ index: Number(r.getAttribute('data-index')), text: r.innerText, aria: r.getAttribute('aria-label') || '', focused: r.classList.contains('focused') })),
          );
          const target = rows.find((r) => r.aria.includes(titleSubstring) || r.text.includes(titleSubstring));
          const focused = rows.find((r) => r.focused);
          if (!target) return null;
          if (focused && focused.index === target.index) return target;
          await page.keyboard.press(!focused || focused.index < target.index ? 'ArrowDown' : 'ArrowUp');
          return null;
        },
        { timeout, interval: 100, what: `code action ${JSON.stringify(titleSubstring)} to be focused` },
      );
      await page.keyboard.press('Enter');
      await widget.first().waitFor({ state: 'hidden', timeout });
      return pick.aria || pick.text;
    },

    /** Texts of the visible notification toasts; waitFor: wait for a toast containing it. */
    async notifications({ waitFor, timeout = TIMEOUTS.op } = {}) {
      const read = () =>
        page.$$eval('.notifications-toasts .notification-toast', (ts) =>
          ts.filter((t) => t.getBoundingClientRect().height > 0).map((t) => t.innerText.replace(/\s+/g, ' ').trim()),
        );
      if (!waitFor) return read();
      let seen = [];
      await poll(
        async () => {
          seen = await read();
          return seen.some((t) => t.includes(waitFor));
        },
        { timeout, what: `a notification containing ${JSON.stringify(waitFor)}`, describe: async () => JSON.stringify(seen) },
      );
      return seen;
    },

    /** Clears all notification toasts. */
    async dismissNotifications() {
      const toasts = page.locator('.notifications-toasts .notification-toast');
      if ((await toasts.count()) === 0) return;
      await methods.runCommand('Notifications: Clear All Notifications');
      await poll(async () => (await toasts.count()) === 0, { timeout: TIMEOUTS.op, what: 'notifications to clear' });
    },

    /** True when the window is in Restricted Mode (status bar item / banner). */
    /** Whether the Restricted Mode banner or status item shows; waits up to `timeout` for it (the workbench adds it after load). */
    async isRestricted({ timeout = 0 } = {}) {
      const check = () => page.evaluate(() =>
        [...document.querySelectorAll('.statusbar-item, .banner')].some((e) => /Restricted Mode/.test(e.textContent || '')),
      );
      const end = Date.now() + timeout;
      for (;;) {
        if (await check()) return true;
        if (Date.now() >= end) return false;
        await page.waitForTimeout(200);
      }
    },

    /** Contents of the extension host's log(s) under the user-data dir ('' if none yet). */
    extensionHostLog() {
      const files = findFiles(path.join(ud, 'logs'), /exthost\.log$/i).sort();
      return files.map((f) => `==> ${path.relative(ud, f)} <==\n${fs.readFileSync(f, 'utf8')}`).join('\n');
    },

    /** Paths of all log files of the VS Code server (extension output channels included). */
    logFiles() {
      return findFiles(path.join(ud, 'logs'), /\.log$/).sort();
    },

    /** Copies the server's logs dir into outDir/vscode-logs (call before close() when debugging). */
    saveLogs() {
      const src = path.join(ud, 'logs');
      if (fs.existsSync(src)) fs.cpSync(src, path.join(outDir, 'vscode-logs'), { recursive: true });
    },
  };
  return methods;
}
