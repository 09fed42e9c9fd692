// The foundation and language-server features in a real VS Code (code-server 4.100.3 = VS Code 1.100.3).
import { strict as assert } from 'node:assert';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEditor } from './harness.mjs';
import { OUT, ROOT, SETTINGS, VSIX, sampleWorkspace } from './workspace.mjs';

describe('Container Atlas in a real VS Code', function () {
  let editor;
  let ws;
  const page = () => editor.page;
  before(async () => {
    ws = sampleWorkspace();
    editor = await startEditor({ vsix: VSIX, workspace: ws, outDir: join(OUT, 'hover-and-fixes'), settings: SETTINGS });
  });
  after(async () => { await editor?.close(); });

  it('hovering boot2docker in a Dockerfile shows a short card: status with what to use, what it is, links', async () => {
    await editor.openFile('Dockerfile');
    const h = await editor.hover('boot2docker/boot2docker', { waitFor: 'Operating systems' });
    const lines = h.text.split('\n').map((l) => l.trim()).filter(Boolean);
    // VS Code puts the diagnostic above the card; the card's first line says it in other, fewer words.
    const status = lines.findIndex((l) => /^boot2docker is deprecated since 2020-05-22 → use Docker Desktop$/.test(l));
    assert.ok(status >= 0, h.text);
    assert.match(lines[status + 1], /^boot2docker · Core container technologies › Operating systems · Docker, Inc\./);
    assert.match(h.text, /Core container technologies › Operating systems/);
    assert.match(h.text, /Open entry · +Alternatives…/);
    assert.match(h.text, /boot2docker\/boot2docker #1408/, 'sources named by site and page');
    // Codicons render as icons, not as "$(warning)" text or emoji.
    assert.ok(!/\$\(|⚠️|⛔/u.test(h.text), h.text);
    assert.equal(await h.locator.locator('.codicon-warning').count(), 1);
    // Short enough that the links show without scrolling the hover.
    const box = await h.locator.boundingBox();
    assert.ok(box.height <= 250, `hover is ${box.height} px tall`);
    await h.screenshot('hover-boot2docker.png', { element: true });
    await editor.screenshot('hover-boot2docker-window.png');
    if (process.env.ATLAS_UPDATE_SCREENSHOTS) copyFileSync(join(OUT, 'hover-and-fixes', 'hover-boot2docker-window.png'), join(ROOT, 'media', 'hover-card.png'));
  });

  it("the card's links open the entry page, Suggest Alternative and the quick fixes", async () => {
    await editor.openFile('Dockerfile');
    let h = await editor.hover('java:8', { waitFor: 'Fix' });
    await h.locator.locator('a[data-href^="command:containerAtlas.fixAt"]').click();
    const fix = page().locator('.action-widget', { hasText: 'Replace with eclipse-temurin:8-jdk' });
    await fix.waitFor({ timeout: 20000 });
    await editor.screenshot('hover-fix-link.png');
    await page().keyboard.press('Escape');
    await fix.waitFor({ state: 'hidden', timeout: 20000 });
    h = await editor.hover('java:8', { waitFor: 'Alternatives' });
    await h.locator.locator('a[data-href^="command:containerAtlas.suggestAlternative"]').click();
    const pick = page().locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'eclipse-temurin:8-jdk' });
    await pick.first().waitFor({ timeout: 20000 });
    assert.match(await page().locator('.quick-input-widget input').getAttribute('placeholder'), /Alternatives to java:8/);
    await page().keyboard.press('Escape');
    await pick.first().waitFor({ state: 'hidden', timeout: 20000 });
    h = await editor.hover('boot2docker/boot2docker', { waitFor: 'Open entry' });
    await h.locator.locator('a[data-href^="command:containerAtlas.openEntry"]').click();
    const frame = page().frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await frame.locator('h1', { hasText: 'boot2docker' }).waitFor({ timeout: 30000 });
    await editor.screenshot('hover-open-entry.png');
    // Back to the Dockerfile's tab, so the keyboard reaches the workbench again (not the page's frame).
    await page().locator('.tabs-container .tab', { hasText: 'Dockerfile' }).first().click();
    await page().locator('.editor-group-container.active .tab.active', { hasText: 'Dockerfile' }).waitFor({ timeout: 20000 });
  });

  it('a healthy apiVersion gets a small card', async () => {
    await editor.openFile('k8s/modern.yaml');
    const h = await editor.hover('apps/v1', { waitFor: 'stable since Kubernetes' });
    assert.match(h.text, /apps\/v1 \w+ — stable since Kubernetes 1\.\d+/);
    await h.screenshot('hover-served-api.png', { element: true });
  });

  it('activates quickly and records its activation time', async () => {
    let ms;
    const end = Date.now() + 30000;
    while (ms === undefined && Date.now() < end) {
      for (const f of editor.logFiles().filter((p) => p.includes('Container Atlas'))) {
        const m = /activated in ([\d.]+) ms/.exec(readFileSync(f, 'utf8'));
        if (m) ms = Number(m[1]);
      }
      if (ms === undefined) await editor.page.waitForTimeout(200);
    }
    assert.ok(ms !== undefined, `no activation line in ${editor.logFiles().join(', ')}`);
    // The figure for bench/RESULTS.md (not a timed assertion).
    writeFileSync(join(OUT, 'activation.json'), JSON.stringify({ activationMs: ms, at: new Date().toISOString() }));
  });

  it('the Problems panel shows the deprecation warning', async () => {
    const rows = await editor.problems({ filter: 'boot2docker', waitFor: 'boot2docker is deprecated since 2020-05-22' });
    const row = rows.find((r) => r.includes('boot2docker is deprecated'));
    // The action comes first, so a Problems row at a normal width shows it.
    assert.match(row, /Use Docker Desktop: boot2docker is deprecated since 2020-05-22/);
    assert.match(row, /deprecated-technology/);
    await editor.screenshot('problems.png');
  });

  it('a quick fix on a Compose file drops the obsolete version key', async () => {
    await editor.openFile('compose.yaml');
    const h = await editor.hover('jwilder/nginx-proxy', { waitFor: 'nginxproxy/nginx-proxy' });
    assert.match(h.text, /nginxproxy\/nginx-proxy:1\.0/);
    await h.screenshot('hover-compose.png', { element: true });
    await editor.setCursorOn('version', { at: 'start' });
    await editor.quickFix('Remove the obsolete version key');
    await editor.waitForEditorText('x-defaults');
    const text = await editor.editorText();
    assert.ok(!/^version:/m.test(text), text);
    await editor.setCursorOn('jwilder/nginx-proxy');
    await editor.quickFix('Replace with nginxproxy/nginx-proxy:1.0');
    await editor.waitForEditorText('image: nginxproxy/nginx-proxy:1.0');
    await editor.screenshot('compose-fixed.png');
  });

  it('a quick fix on a Kubernetes manifest rewrites a removed apiVersion', async () => {
    await editor.openFile('k8s/legacy.yaml');
    const h = await editor.hover('extensions/v1beta1', { waitFor: 'removed in Kubernetes 1.16' });
    assert.match(h.text, /apps\/v1/);
    await h.screenshot('hover-k8s.png', { element: true });
    await editor.setCursorOn('extensions/v1beta1');
    await editor.quickFix('Change apiVersion to apps/v1');
    await editor.waitForEditorText('apiVersion: apps/v1');
    const removed = (r) => r.includes('Replace Deployment extensions/v1beta1 with apps/v1');
    const before = await editor.problems({ filter: 'v1beta1', waitFor: 'Replace CronJob batch/v1beta1' });
    assert.ok(before.some((r) => r.includes('Replace CronJob batch/v1beta1 with batch/v1')), JSON.stringify(before));
    const rows = await editor.problems({ filter: 'v1beta1', until: (t) => !t.some(removed) });
    assert.ok(!rows.some(removed), JSON.stringify(rows));
    await editor.screenshot('k8s-fixed.png');
  });
});
