// The editor experience in a real VS Code: sidebar views, Suggest Alternative, entry page, status bar.
import { strict as assert } from 'node:assert';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEditor } from './harness.mjs';
import { OUT, ROOT, SETTINGS, VSIX, sampleWorkspace, suggestAlternativeRows } from './workspace.mjs';

const OUTDIR = join(OUT, 'views-and-commands');

describe('Container Atlas views and commands in a real VS Code', function () {
  let editor;
  let page;
  let ws;
  before(async () => {
    ws = sampleWorkspace();
    editor = await startEditor({ vsix: VSIX, workspace: ws, outDir: OUTDIR, settings: SETTINGS });
    page = editor.page;
  });
  after(async () => { await editor?.close(); });

  const sidebarRows = (view) => page.locator(`.pane:has(.pane-header[aria-label^="${view}"]) .monaco-list-row`);
  const rowTexts = async (view) => (await sidebarRows(view).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  async function waitRows(view, pred, what, timeout = 60000) {
    const end = Date.now() + timeout;
    let texts = [];
    while (Date.now() < end) {
      texts = await rowTexts(view);
      if (pred(texts)) return texts;
      await page.waitForTimeout(200);
    }
    throw new Error(`timed out waiting for ${what} in ${view}; rows: ${JSON.stringify(texts)}`);
  }

  it('the status bar counts the findings by severity, as the Problems panel does', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'Atlas:' });
    await item.waitFor({ timeout: 60000 });
    await page.waitForFunction(() => /Atlas: [1-9]\d* errors?, [1-9]\d* warnings?/.test(document.querySelector('.statusbar')?.textContent ?? ''), null, { timeout: 60000 });
    const text = (await item.innerText()).trim();
    // The sample's two removed APIs (extensions/v1beta1 Deployment, batch/v1beta1 CronJob) are its errors.
    assert.match(text, /Atlas: 2 errors, \d+ warnings/);
    await editor.screenshot('status-bar.png');
  });

  it('the Ecosystem view lists the layers and expands to entries', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Container Atlas"]').first().click({ force: true });
    const rows = await waitRows('Ecosystem', (t) => t.some((r) => r.startsWith('Core container technologies')), 'the layers');
    for (const layer of ['Core container technologies', 'Distributed container technologies', 'Container platforms', 'Container-native support technologies']) assert.ok(rows.some((r) => r.startsWith(layer)), `${layer} in ${rows}`);
    await sidebarRows('Ecosystem').filter({ hasText: 'Core container technologies' }).first().click();
    await waitRows('Ecosystem', (t) => t.some((r) => r.startsWith('Operating systems')), 'the categories');
    await sidebarRows('Ecosystem').filter({ hasText: /^Operating systems/ }).first().click();
    const entries = await waitRows('Ecosystem', (t) => t.some((r) => r.startsWith('boot2docker')), 'boot2docker');
    assert.ok(entries.some((r) => /^boot2docker\s*deprecated 2020/.test(r)), JSON.stringify(entries));
    await editor.screenshot('ecosystem-tree.png');
    if (process.env.ATLAS_UPDATE_SCREENSHOTS) copyFileSync(join(OUTDIR, 'ecosystem-tree.png'), join(ROOT, 'media', 'ecosystem-tree.png'));
  });

  it('the In This Workspace view lists the sample workspace entries, inactive first after what needs attention, and opens a reference', async () => {
    const rows = await waitRows('In This Workspace', (t) => t.some((r) => r.startsWith('boot2docker')), 'boot2docker in the inventory');
    const groups = rows.filter((r) => /^(Needs attention|Inactive technologies|Core container technologies)\s*\d+$/.test(r)).map((r) => r.replace(/\s*\d+$/, ''));
    assert.deepEqual(groups.slice(0, 2), ['Needs attention', 'Inactive technologies'], JSON.stringify(rows));
    // A click opens the entry page (as in Ecosystem); the twistie shows the references.
    await sidebarRows('In This Workspace').filter({ hasText: /^boot2docker/ }).first().locator('.monaco-tl-twistie').click();
    const refs = await waitRows('In This Workspace', (t) => t.some((r) => /Dockerfile:3/.test(r)), 'the Dockerfile:3 reference');
    assert.ok(refs.some((r) => r.includes('boot2docker/boot2docker')));
    await sidebarRows('In This Workspace').filter({ hasText: 'Dockerfile:3' }).first().click();
    await page.locator('.editor-group-container.active .tab.active', { hasText: 'Dockerfile' }).waitFor({ timeout: 20000 });
    await editor.screenshot('inventory.png');
  });

  it('Suggest Alternative on FROM java:8 offers eclipse-temurin and rewrites the line; Undo restores it', async () => {
    const texts = await suggestAlternativeRows(editor, 'Dockerfile', 'java:8');
    assert.ok(texts[0].includes('eclipse-temurin:8-jdk'), JSON.stringify(texts));
    await editor.screenshot('suggest-alternative.png');
    await page.keyboard.press('Enter');
    await editor.waitForEditorText('FROM eclipse-temurin:8-jdk AS build');
    await page.keyboard.press('Control+z');
    await editor.waitForEditorText('FROM java:8 AS build');
  });

  it('the entry page for boot2docker draws its lineage', async () => {
    await editor.runCommand('Container Atlas: Search Catalog', { opensQuickInput: true });
    const input = page.locator('.quick-input-widget input[placeholder*="Search the container ecosystem"]');
    await input.waitFor({ timeout: 20000 });
    await input.fill('boot2docker');
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'boot2docker' }).first();
    await row.waitFor({ timeout: 20000 });
    await page.keyboard.press('Enter');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    const svg = frame.locator('svg.lineage');
    await svg.waitFor({ timeout: 30000 });
    const names = await frame.locator('svg.lineage g.node text.name').evaluateAll((els) => els.map((e) => e.textContent));
    assert.ok(names.includes('boot2docker') && names.includes('Docker Desktop'), JSON.stringify(names));
    assert.ok(names.indexOf('boot2docker') < names.indexOf('Docker Desktop'));
    const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /default-src 'none'/);
    await frame.locator('h2', { hasText: 'In this workspace' }).waitFor();
    const files = (await frame.locator('table.files tr.file').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.deepEqual(files, ['Dockerfile 1 line 3 boot2docker/boot2docker'], 'one row for the Dockerfile, its path relative to the workspace');
    assert.match(await frame.locator('.sub').innerText(), /· Operating system$/, 'the kind in words');
    // boot2docker has no release cycles and no parts: those sections are not there at all.
    assert.deepEqual(await frame.locator('h2').allInnerTexts(), ['Successor', 'Alternatives', 'Links', 'Lineage', 'In this workspace']);
    await editor.screenshot('entry-page.png');
    if (process.env.ATLAS_UPDATE_SCREENSHOTS) copyFileSync(join(OUTDIR, 'entry-page.png'), join(ROOT, 'media', 'entry-page.png'));
  });

  it('the entry page of PostgreSQL has a Versions table with the sample\'s 9.6 highlighted, and its file row opens compose.yaml there', async () => {
    await editor.runCommand('Container Atlas: Open Entry', { opensQuickInput: true });
    const input = page.locator('.quick-input-widget input[placeholder*="Open which catalog entry"]');
    await input.waitFor({ timeout: 20000 });
    await input.fill('PostgreSQL');
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'PostgreSQL' }).first().waitFor({ timeout: 20000 });
    await page.keyboard.press('Enter');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await frame.locator('h1', { hasText: 'PostgreSQL' }).waitFor({ timeout: 30000 });
    const versions = frame.locator('table.versions').first();
    await versions.waitFor();
    const used = (await versions.locator('tbody tr.used').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.equal(used.length, 1, JSON.stringify(used));
    assert.match(used[0], /^9\.6 .*Ended 2021-11-11 used here \(1 reference\)$/);
    assert.ok((await versions.locator('tbody tr.supported').count()) >= 3, 'the supported releases are listed');
    assert.match(await versions.locator('tbody tr.supported').first().innerText(), /Supported\s+until \d{4}-\d{2}-\d{2}/);
    assert.equal(await frame.locator('h2', { hasText: 'Lineage' }).count(), 0, 'no lineage to draw: no Lineage section');
    const row = frame.locator('table.files tr.file');
    assert.deepEqual((await row.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()), ['compose.yaml 1 line 11 postgres:9.6']);
    await editor.screenshot('entry-page-versions.png');
    await row.locator('td.path').click();
    await page.locator('.editor-group-container .tab.active', { hasText: 'compose.yaml' }).waitFor({ timeout: 20000 });
    await page.waitForFunction(() => /Ln 11, Col 12/.test(document.querySelector('.statusbar')?.textContent ?? ''), null, { timeout: 20000 });
  });
});
