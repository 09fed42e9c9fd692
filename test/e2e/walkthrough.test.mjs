// A recorded walkthrough: what a new user does first in the sample workspace, as `npm start` opens it,
// one numbered screenshot per step in .test-output/walkthrough/. Each step waits on what the page
// shows and asserts what the user would see there.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { poll, startEditor } from './harness.mjs';
import { ROOT, SETTINGS, VSIX, sampleWorkspace, suggestAlternativeRows } from './workspace.mjs';
import { START_SETTINGS, insideGitRepository } from '../../scripts/firstRun.mjs';

const OUTDIR = join(ROOT, '.test-output', 'walkthrough');
const squash = (s) => s.replace(/\s+/g, ' ').trim();
const noTicks = (s) => squash(s.replace(/`/g, ''));

/** The sample's findings as the CLI reports them (the same messages as the Problems panel), per file. */
function findings(ws) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'scan', '--format', 'json', '--fail-on', 'none', '--as-of', SETTINGS['containerAtlas.asOf'], '.'], { cwd: ws, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = new Map();
  for (const f of JSON.parse(r.stdout).files) if (f.findings.length) out.set(f.path.replace(/^\.\//, ''), f.findings);
  return out;
}

/** The underlined text of a finding, and which occurrence of that text in the file it is (as the harness counts: line by line). */
function token(text, range) {
  const lines = text.split('\n');
  const t = lines[range.start.line].slice(range.start.character, range.start.line === range.end.line ? range.end.character : undefined);
  let nth = 0;
  for (let l = 0; l <= range.start.line; l++) {
    const line = lines[l];
    for (let i = line.indexOf(t); i >= 0 && (l < range.start.line || i < range.start.character); i = line.indexOf(t, i + 1)) nth++;
  }
  return { text: t, nth };
}

describe('walkthrough: a new user in the sample workspace', function () {
  let editor;
  let page;
  let ws;
  let shot = 0;
  /** Saves the next numbered screenshot: 01-first-open.png, 02-hover-….png … */
  const step = (name) => editor.screenshot(`${String(++shot).padStart(2, '0')}-${name}.png`);
  const sidebarRows = (view) => page.locator(`.pane:has(.pane-header[aria-label^="${view}"]) .monaco-list-row`);
  const rowTexts = async (view) => (await sidebarRows(view).allInnerTexts()).map(squash);
  async function waitRows(view, pred, what) {
    let t = [];
    try {
      return await poll(async () => { t = await rowTexts(view); return pred(t) ? t : null; }, { timeout: 60000, what: `${what} in ${view}` });
    } catch (err) { throw new Error(`${err.message}; rows: ${JSON.stringify(t)}`); }
  }
  /** The content of a webview: the README preview (vscode.markdown) or the entry page (container-atlas). */
  const webview = (extension) => page.frameLocator(`iframe.webview.ready[src*="extensionId=${extension}"]`).frameLocator('iframe#active-frame');
  /** Shows the Container Atlas views (the activity bar icon hides them when they are showing). */
  async function showViews() {
    if (await page.locator('.pane-header[aria-label^="Ecosystem"]').isVisible().catch(() => false)) return;
    await page.locator('.activitybar .action-item a[aria-label^="Container Atlas"]').first().click({ force: true });
  }

  /** Right-clicks a view row and returns the context menu's item labels (the menu stays open). */
  async function contextMenu(row) {
    await row.click({ button: 'right' });
    const items = page.locator('.context-view .monaco-menu .action-item:not(.disabled) .action-label');
    await items.first().waitFor({ timeout: 20000 });
    return (await items.allInnerTexts()).map(squash).filter(Boolean);
  }

  before(async () => {
    rmSync(OUTDIR, { recursive: true, force: true });
    mkdirSync(OUTDIR, { recursive: true });
    ws = sampleWorkspace();
    assert.ok(!insideGitRepository(ws), 'the sample is opened outside any Git repository, as npm start does');
    editor = await startEditor({ vsix: VSIX, workspace: ws, outDir: OUTDIR, settings: { ...START_SETTINGS, ...SETTINGS } });
    page = editor.page;
  });
  after(async () => { await editor?.close(); });

  it('first open: the sample\'s README is showing and the status bar counts the findings', async () => {
    await page.locator('.editor-group-container .tab', { hasText: 'README' }).first().waitFor({ timeout: 60000 });
    await webview('vscode.markdown').locator('h1', { hasText: 'Container Atlas sample workspace' }).waitFor({ timeout: 30000 });
    await page.waitForFunction(() => /Atlas: [1-9]\d* errors?, [1-9]\d* warnings?/.test(document.querySelector('.statusbar')?.textContent ?? ''), null, { timeout: 60000 });
    const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
    assert.ok(!toasts.some((t) => /parent folder|repository/i.test(t)), `no Git prompt: ${toasts}`);
    await step('first-open');
  });

  it('hovers every underlined token of the Dockerfile, the Compose file and the Kubernetes manifests: each shows its problem, starting with what to do', async () => {
    const all = findings(ws);
    const files = ['Dockerfile', 'compose.yaml', 'k8s/legacy.yaml'];
    for (const f of files) assert.ok(all.get(f)?.length, `${f} has findings`);
    for (const file of files) {
      await editor.openFile(file);
      const text = readFileSync(join(ws, file), 'utf8');
      for (const finding of all.get(file)) {
        const t = token(text, finding.range);
        const h = await editor.hover(t.text, { nth: t.nth, waitFor: finding.message.split('`')[0] });
        const seen = noTicks(h.text);
        assert.ok(seen.includes(noTicks(finding.message)), `hover over ${t.text} in ${file} shows "${finding.message}": ${h.text}`);
        await h.screenshot(`${String(++shot).padStart(2, '0')}-hover-${file.replace(/\W+/g, '-')}-${t.text.replace(/[^\w.-]+/g, '_').slice(0, 30)}.png`);
      }
    }
    await page.mouse.move(5, 5);
  });

  it('the Problems panel lists the findings, each starting with what to do', async () => {
    const messages = [...findings(ws).values()].flat().map((f) => f.message);
    const known = (r) => messages.some((m) => r.startsWith(m));
    const rows = await editor.problems({ until: (t) => t.length >= 5 && t.every(known) && t.some((r) => r.startsWith('Replace Deployment extensions/v1beta1 with apps/v1')) });
    assert.ok(rows.every(known), JSON.stringify(rows));
    await step('problems');
    await page.keyboard.press('Control+Shift+M'); // closes the panel again
  });

  it('the Ecosystem view\'s context menu on an entry offers its page, homepage, alternatives and uses', async () => {
    await showViews();
    await waitRows('Ecosystem', (t) => t.some((r) => r.startsWith('Core container technologies')), 'the layers');
    await sidebarRows('Ecosystem').filter({ hasText: 'Core container technologies' }).first().click();
    await waitRows('Ecosystem', (t) => t.some((r) => r.startsWith('Operating systems')), 'the categories');
    await sidebarRows('Ecosystem').filter({ hasText: /^Operating systems/ }).first().click();
    await waitRows('Ecosystem', (t) => t.some((r) => r.startsWith('boot2docker')), 'boot2docker');
    const items = await contextMenu(sidebarRows('Ecosystem').filter({ hasText: /^boot2docker/ }).first());
    for (const label of ['Open Entry', 'Open Homepage', 'Suggest Alternative', 'Show Where Used', 'Copy Name']) assert.ok(items.includes(label), `${label} in ${JSON.stringify(items)}`);
    await step('context-menu-ecosystem');
    await page.keyboard.press('Escape');
  });

  it('the In This Workspace view\'s context menu opens the entry page: usages by file, the lineage, no empty sections', async () => {
    await waitRows('In This Workspace', (t) => t.some((r) => r.startsWith('boot2docker')), 'boot2docker in the inventory');
    const items = await contextMenu(sidebarRows('In This Workspace').filter({ hasText: /^boot2docker/ }).first());
    for (const label of ['Open Entry', 'Reveal in Ecosystem Tree', 'Suggest Alternative']) assert.ok(items.includes(label), `${label} in ${JSON.stringify(items)}`);
    await step('context-menu-workspace');
    await page.locator('.context-view .monaco-menu .action-item', { hasText: /^Open Entry$/ }).first().click();
    const frame = webview('container-atlas');
    await frame.locator('h1', { hasText: 'boot2docker' }).waitFor({ timeout: 30000 });
    await frame.locator('svg.lineage g.node', { hasText: 'Docker Desktop' }).first().waitFor();
    assert.deepEqual((await frame.locator('table.files tr.file').allInnerTexts()).map(squash), ['Dockerfile 1 line 3 boot2docker/boot2docker']);
    assert.equal(await frame.locator('h2', { hasText: 'Versions' }).count(), 0, 'boot2docker has no releases: no Versions section');
    assert.match(await frame.locator('.sub').innerText(), /· Operating system$/);
    await step('entry-page');
  });

  it('Suggest Alternative on postgres:9.6 offers the supported releases first and rewrites the tag', async () => {
    const texts = await suggestAlternativeRows(editor, 'compose.yaml', 'postgres:9.6');
    assert.ok(texts[0].startsWith('postgres:18') && texts[0].endsWith('Supported releases'), `the newest supported release first, under Supported releases: ${JSON.stringify(texts)}`);
    assert.ok(texts.some((t) => t.startsWith('MySQL')), 'then peers that do the same job');
    await step('suggest-alternative');
    await page.keyboard.press('Enter');
    await editor.waitForEditorText('image: postgres:18');
  });

  it('a filter narrows the Ecosystem view to what matches', async () => {
    await showViews();
    const header = page.locator('.pane-header[aria-label^="Ecosystem"]');
    await header.hover();
    await header.locator('.action-label[aria-label^="Filter Ecosystem"]').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 20000 });
    await input.fill('flocker');
    await page.keyboard.press('Enter');
    const rows = await waitRows('Ecosystem', (t) => t.some((r) => r.startsWith('Flocker')), 'Flocker under its layer');
    assert.ok(!rows.some((r) => r.startsWith('boot2docker') || r.startsWith('Core container technologies')), `only what matches: ${JSON.stringify(rows)}`);
    assert.match(await header.innerText(), /filter: flocker/);
    await step('filter');
  });

  it('the Get Started walkthrough shows each step in plain words, with its media', async () => {
    const walkthrough = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).contributes.walkthroughs[0];
    await editor.runCommand('Welcome: Open Walkthrough...', { opensQuickInput: true });
    await page.locator('.quick-input-widget input').fill(walkthrough.title);
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: walkthrough.title }).first().click();
    const steps = page.locator('.gettingStartedContainer .getting-started-step');
    await steps.first().waitFor({ timeout: 30000 });
    const titles = (await steps.locator('.step-title').allInnerTexts()).map(squash);
    assert.deepEqual(titles, walkthrough.steps.map((s) => s.title));
    // The selected step's description and its media (a Markdown file, rendered in a webview).
    const first = walkthrough.steps[0];
    const expanded = page.locator('.gettingStartedContainer .getting-started-step.expanded');
    await expanded.waitFor();
    const description = squash(await expanded.locator('.step-description-container').innerText());
    assert.ok(description.startsWith(first.description.split('\n')[0].slice(0, 40)) && !description.includes('`'), description);
    const mediaHeading = squash(readFileSync(join(ROOT, first.media.markdown), 'utf8').split('\n')[0].replace(/^#\s*/, ''));
    await page.frameLocator('.gettingStartedContainer iframe.webview.ready').frameLocator('iframe#active-frame').locator('h1', { hasText: mediaHeading }).waitFor({ timeout: 30000 });
    await step('walkthrough');
    assert.deepEqual(readdirSync(OUTDIR).filter((f) => f.endsWith('.png')).map((f) => f.slice(0, 3)), Array.from({ length: shot }, (_, i) => `${String(i + 1).padStart(2, '0')}-`), 'one numbered screenshot per step');
  });
});
