// End-of-life upgrades in a real VS Code: the quick fix that moves a tag to a supported release of
// the same family, the ignore-this-line action, and Suggest Alternative's in-family upgrades.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEditor } from './harness.mjs';
import { OUT, ROOT, SETTINGS, VSIX, sampleWorkspace } from './workspace.mjs';

const OUTDIR = join(OUT, 'upgrades');

describe('end-of-life upgrades in a real VS Code', function () {
  let editor;
  before(async () => {
    const ws = sampleWorkspace();
    mkdirSync(join(ws, 'eol'));
    writeFileSync(join(ws, 'eol', 'Dockerfile'), 'FROM node:14-alpine AS web\nFROM python:2.7-slim AS tools\nFROM postgres:9.6\n');
    editor = await startEditor({ vsix: VSIX, workspace: ws, outDir: OUTDIR, settings: SETTINGS });
  });
  after(async () => { await editor?.close(); });
  // The file has unsaved edits by now: give the editor the focus back rather than opening it again.
  const focusEditor = () => editor.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();

  it('the eol-image quick fix upgrades node:14-alpine to a published, supported alpine tag', async () => {
    await editor.openFile('eol/Dockerfile');
    // The server has analysed the file once its hover card says so.
    await editor.hover('node:14-alpine', { waitFor: 'reached end of life' });
    await editor.setCursorOn('node:14-alpine');
    await editor.quickFix('Upgrade to node:26-alpine');
    await editor.waitForEditorText('FROM node:26-alpine AS web');
    // Close the hover card opened above: it covers the next lines.
    await editor.page.mouse.move(5, 5);
    await editor.page.keyboard.press('Escape');
    await editor.page.locator('.monaco-hover:visible').waitFor({ state: 'hidden', timeout: 10000 }).catch(() => undefined);
    await editor.screenshot('eol-upgraded.png');
  });

  it('"Ignore eol-image on this line" adds the comment and the warning goes away', async () => {
    await focusEditor();
    await editor.setCursorOn('python:2.7-slim');
    await editor.quickFix('Ignore eol-image on this line');
    await editor.waitForEditorText('# container-atlas: ignore eol-image\nFROM python:2.7-slim AS tools');
    // The sample's compose file has a python:2.7 of its own; this file's is on line 3 now.
    const here = (r) => r.includes('Python 2.7 reached end of life') && /\[Ln 3, Col/.test(r);
    const rows = await editor.problems({ filter: 'Python 2.7', until: (t) => !t.some(here) });
    assert.ok(!rows.some(here), JSON.stringify(rows));
  });

  it('Suggest Alternative on postgres:9.6 starts with its supported releases and rewrites to the one picked', async () => {
    await focusEditor();
    await editor.setCursorOn('postgres:9.6');
    await editor.runCommand('Container Atlas: Suggest Alternative', { opensQuickInput: true });
    const rows = editor.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 20000 });
    const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    assert.match(texts[0], /postgres:18.*PostgreSQL 18 · newest · until 2030-11-14 · major upgrade/, JSON.stringify(texts));
    assert.match(texts[0], /Major upgrade: migrates the data directory/, 'what the major upgrade involves is on the row');
    assert.ok(!texts.some((t) => /Longhorn|MinIO|Portworx|Memcached/.test(t)), `no unrelated peers: ${JSON.stringify(texts)}`);
    await editor.screenshot('suggest-alternative-upgrade.png');
    if (process.env.ATLAS_UPDATE_SCREENSHOTS) copyFileSync(join(OUTDIR, 'suggest-alternative-upgrade.png'), join(ROOT, 'media', 'suggest-alternative.png'));
    await editor.page.keyboard.press('Enter');
    await editor.waitForEditorText('FROM postgres:18');
  });
});
