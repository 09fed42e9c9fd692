// Every context-menu item of both sidebar views, run on the node it is invoked on, in a real VS Code;
// the In This Workspace groups (Needs attention, Not in the catalog, Group by File) and the
// Ecosystem filter's message and expansion.
import { strict as assert } from 'node:assert';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { poll, startEditor } from './harness.mjs';
import { OUT, ROOT, SETTINGS, VSIX, sampleWorkspace } from './workspace.mjs';

const OUTDIR = join(OUT, 'view-menus');

describe('Context menus and groups of the sidebar views in a real VS Code', function () {
  let editor;
  let page;
  before(async () => {
    editor = await startEditor({ vsix: VSIX, workspace: sampleWorkspace(), outDir: OUTDIR, settings: SETTINGS });
    page = editor.page;
    await editor.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: editor.url });
    await page.locator('.activitybar .action-item a[aria-label^="Container Atlas"]').first().click({ force: true });
  });
  after(async () => { await editor?.close(); });
  // What the page showed when a step failed, to read beside the error.
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await editor?.screenshot(`failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}.png`).catch(() => undefined);
  });

  const squash = (t) => t.replace(/\s+/g, ' ').trim();
  const rows = (view) => page.locator(`.pane:has(.pane-header[aria-label^="${view}"]) .monaco-list-row`);
  // The row whose label (not its description) has the text.
  const row = (view, text) => rows(view).filter({ has: page.locator('.label-name', { hasText: text }) }).first();
  // A row as the user reads it: the label, then its description.
  // In the order shown (the list reuses its row elements, so document order is not screen order).
  const labelled = (list) => list.evaluateAll((els) => [...els].sort((a, b) => Number(a.dataset.index ?? 0) - Number(b.dataset.index ?? 0)).map((el) => [...el.querySelectorAll('.label-name, .label-description')].map((e) => e.textContent.trim()).filter(Boolean).join(' ')));
  const rowTexts = (view) => labelled(rows(view));
  const waitRows = (view, pred, what) =>
    poll(async () => { const t = await rowTexts(view); return pred(t) ? t : false; }, { timeout: 60000, what: `${what} in ${view}`, describe: async () => JSON.stringify(await rowTexts(view)) });
  /** A view's title-bar action (they show when the pointer is over the view). */
  async function titleAction(view, label) {
    const pane = page.locator(`.pane:has(.pane-header[aria-label^="${view}"])`);
    await pane.locator('.pane-header').hover();
    await pane.locator(`.pane-header .actions .action-label[aria-label^="${label}"]`).click();
  }
  const activeTab = () => page.locator('.tabs-container .tab.active');

  /** Right-click the row and pick the menu item: the menu shows exactly the items the node should have. */
  async function menu(view, rowText, item, expected) {
    await row(view, rowText).click({ button: 'right' });
    const items = page.locator('.monaco-menu .action-item:not(.disabled) .action-label');
    await items.first().waitFor({ timeout: 20000 });
    if (expected) {
      const labels = (await items.allInnerTexts()).map(squash).filter(Boolean);
      for (const e of expected) assert.ok(labels.includes(e), `menu of ${rowText} in ${view} has ${e}: ${JSON.stringify(labels)}`);
    }
    // Picked with the keyboard, as a menu opened a moment ago ignores a quick mouse click.
    const focused = page.locator('.monaco-menu .action-item.focused .action-label');
    await poll(async () => {
      if (squash((await focused.allInnerTexts())[0] ?? '') === item) return true;
      await page.keyboard.press('ArrowDown');
      return false;
    }, { timeout: 10000, what: `${item} focused in the menu` });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-menu').waitFor({ state: 'hidden', timeout: 10000 });
  }
  async function quickPick(placeholderPart) {
    const input = page.locator(`.quick-input-widget input[placeholder*="${placeholderPart}"]`);
    await input.waitFor({ timeout: 20000 });
    const list = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await list.first().waitFor({ timeout: 20000 });
    return labelled(list);
  }
  const closeQuickPick = async () => { await page.keyboard.press('Escape'); await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 }); };
  const clearClipboard = () => page.evaluate(() => navigator.clipboard.writeText(''));
  const clipboard = () => poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 10000, what: 'clipboard text' });

  /** Open or close a group row (a click on a row without a command toggles it) and wait for its children to show or go. */
  async function toggle(view, text, child) {
    const was = (await rowTexts(view)).some((x) => child.test(x));
    await row(view, text).click();
    await waitRows(view, (r) => r.some((x) => child.test(x)) !== was, `${text} to ${was ? 'close' : 'open'}`);
  }

  it('In This Workspace starts with what needs attention, by file, with severity icons', async () => {
    const t = await waitRows('In This Workspace', (r) => r.some((x) => x.startsWith('Needs attention')) && r.some((x) => x.startsWith('Inactive technologies')), 'the groups');
    assert.ok(t[0].startsWith('Needs attention 17'), JSON.stringify(t));
    // The files, the one with errors first; more than ten findings: the files start closed.
    assert.deepEqual(t.slice(1, 4), ['k8s/legacy.yaml 5', 'compose.yaml 7', 'Dockerfile 5'], JSON.stringify(t));
    assert.equal(await row('In This Workspace', /^k8s\/legacy\.yaml/).locator('.codicon-error').count(), 1, `error icon on ${/^k8s\/legacy\.yaml/}`);
    await toggle('In This Workspace', /^k8s\/legacy\.yaml/, /^Replace Deployment/);
    const open = await rowTexts('In This Workspace');
    // Its findings by line, each starting with what to do.
    assert.match(open[2], /^Replace Deployment extensions\/v1beta1 with apps\/v1 .*line 1$/);
    assert.equal(await row('In This Workspace', 'Replace Deployment extensions/v1beta1').locator('.codicon-error').count(), 1, `error icon on ${'Replace Deployment extensions/v1beta1'}`);
    assert.equal(await row('In This Workspace', 'Use registry.k8s.io/pause:3.2').locator('.codicon-warning').count(), 1, `warning icon on ${'Use registry.k8s.io/pause:3.2'}`);
    await editor.screenshot('needs-attention.png');
    if (process.env.ATLAS_UPDATE_SCREENSHOTS) copyFileSync(join(OUTDIR, 'needs-attention.png'), join(ROOT, 'media', 'needs-attention.png'));
    // An active technology used through an end-of-life tag gets the warning icon, not its kind's.
    await toggle('In This Workspace', /^Needs attention/, /^k8s\/legacy\.yaml/);
    await toggle('In This Workspace', /^Inactive technologies/, /^boot2docker/);
    await waitRows('In This Workspace', (r) => r.some((x) => /^Python \d/.test(x)), 'Python');
    assert.equal(await row('In This Workspace', /^Python$/).locator('.codicon-warning').count(), 1, `warning icon on ${/^Python$/}`);
    await toggle('In This Workspace', /^Inactive technologies/, /^boot2docker/);
  });

  it('a finding opens its file at the line; its menu suggests alternatives for that token and reveals its entry', async () => {
    await toggle('In This Workspace', /^Needs attention/, /^k8s\/legacy\.yaml/);
    await row('In This Workspace', 'Use registry.k8s.io/pause:3.2').click();
    await activeTab().filter({ hasText: 'legacy.yaml' }).waitFor({ timeout: 20000 });
    await menu('In This Workspace', 'Use registry.k8s.io/pause:3.2', 'Suggest Alternative', ['Open Entry', 'Suggest Alternative', 'Reveal in Ecosystem Tree']);
    const options = await quickPick('Alternatives to k8s.gcr.io/pause');
    assert.ok(options.some((o) => o.includes('registry.k8s.io/pause:3.2')), JSON.stringify(options));
    await closeQuickPick();
    await toggle('In This Workspace', /^Dockerfile$/, /^Use Compose V2/);
    await menu('In This Workspace', 'Use Compose V2', 'Reveal in Ecosystem Tree');
    await poll(async () => (await page.locator('.pane:has(.pane-header[aria-label^="Ecosystem"]) .monaco-list-row.selected').allInnerTexts()).some((x) => x.startsWith('Docker Compose')), { timeout: 20000, what: 'Docker Compose selected in Ecosystem' });
    await toggle('In This Workspace', /^Needs attention/, /^k8s\/legacy\.yaml/);
  });

  it('an entry: Open Entry, Suggest Alternative, Show Where Used, Reveal and Copy Name act on the clicked entry, not on the editor', async () => {
    // The cursor is in legacy.yaml (on a pause image): no command may use it.
    const all = ['Open Entry', 'Open Homepage', 'Suggest Alternative', 'Show Where Used', 'Reveal in Ecosystem Tree', 'Copy Name'];
    await menu('In This Workspace', /^Docker Machine$/, 'Suggest Alternative', all);
    const options = await quickPick('Alternatives to Docker Machine');
    assert.ok(options.length > 0 && !options.some((o) => o.includes('registry.k8s.io')), JSON.stringify(options));
    await closeQuickPick();
    await menu('In This Workspace', /^Docker Machine$/, 'Show Where Used');
    assert.deepEqual((await quickPick('Where Docker Machine is used')).map((o) => o.split(' ')[0]), ['Dockerfile:8']);
    await closeQuickPick();
    await clearClipboard();
    await menu('In This Workspace', /^Docker Machine$/, 'Copy Name');
    await poll(async () => (await clipboard()) === 'Docker Machine', { timeout: 10000, what: 'Docker Machine on the clipboard' });
    await menu('In This Workspace', /^Docker Machine$/, 'Open Entry');
    await activeTab().filter({ hasText: 'Docker Machine · Container Atlas' }).waitFor({ timeout: 20000 });
    await menu('In This Workspace', /^Docker Machine$/, 'Reveal in Ecosystem Tree');
    await poll(async () => (await page.locator('.pane:has(.pane-header[aria-label^="Ecosystem"]) .monaco-list-row.selected').allInnerTexts()).some((x) => x.startsWith('Docker Machine')), { timeout: 20000, what: 'Docker Machine selected in Ecosystem' });
  });

  it('Open Homepage opens the entry\'s own site (In This Workspace and Ecosystem)', async () => {
    // code-server asks before opening an external site: the dialog names the URL.
    await menu('In This Workspace', /^Docker Machine$/, 'Open Homepage');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 20000 });
    assert.match(squash(await dialog.innerText()), /github\.com\/docker\/machine/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 10000 });
  });

  it('clicking an entry opens its page in both views', async () => {
    await row('In This Workspace', /^boot2docker/).click();
    await activeTab().filter({ hasText: 'boot2docker · Container Atlas' }).waitFor({ timeout: 20000 });
    await row('Ecosystem', /^Docker Machine$/).click();
    await activeTab().filter({ hasText: 'Docker Machine · Container Atlas' }).waitFor({ timeout: 20000 });
  });

  it('the Ecosystem entry menu acts on that entry', async () => {
    // Docker Machine is shown under VM management (revealed earlier from In This Workspace), beside Lima.
    await menu('Ecosystem', /^Lima$/, 'Show Where Used', ['Open Entry', 'Open Homepage', 'Suggest Alternative', 'Show Where Used', 'Copy Name']);
    await page.locator('.notifications-toasts', { hasText: 'Lima is not used in this workspace' }).waitFor({ timeout: 20000 });
    await editor.dismissNotifications();
    await menu('Ecosystem', /^Docker Machine$/, 'Show Where Used');
    assert.deepEqual((await quickPick('Where Docker Machine is used')).map((o) => o.split(' ')[0]), ['Dockerfile:8']);
    await closeQuickPick();
    await menu('Ecosystem', /^Lima$/, 'Suggest Alternative');
    const options = await quickPick('Alternatives to Lima');
    assert.ok(options.length > 0 && !options.some((o) => o.includes('registry.k8s.io')), JSON.stringify(options));
    await closeQuickPick();
    await clearClipboard();
    await menu('Ecosystem', /^Lima$/, 'Copy Name');
    await poll(async () => (await clipboard()) === 'Lima', { timeout: 10000, what: 'Lima on the clipboard' });
    await menu('Ecosystem', /^Lima$/, 'Open Entry');
    await activeTab().filter({ hasText: 'Lima · Container Atlas' }).waitFor({ timeout: 20000 });
  });

  it('images the catalog does not know are listed under Not in the catalog; Copy Name copies the repository', async () => {
    await titleAction('In This Workspace', 'Collapse All');
    await row('In This Workspace', /^Not in the catalog/).click();
    const t = await waitRows('In This Workspace', (r) => r.some((x) => x.startsWith('ghcr.io/example/app')), 'the unknown repository');
    assert.ok(t.some((x) => /^ghcr\.io\/example\/app 1 reference$/.test(x)), JSON.stringify(t));
    await clearClipboard();
    await menu('In This Workspace', /^ghcr\.io\/example\/app/, 'Copy Name', ['Copy Name']);
    await poll(async () => (await clipboard()) === 'ghcr.io/example/app', { timeout: 10000, what: 'the repository on the clipboard' });
  });

  it('Group by File lists workspace-relative paths, sorted', async () => {
    await titleAction('In This Workspace', 'Group by File');
    const t = await waitRows('In This Workspace', (r) => r.some((x) => x.startsWith('k8s/legacy.yaml') && / references?$/.test(x)), 'file rows');
    const files = t.filter((x) => / \d+ references?$/.test(x)).map((x) => x.replace(/ \d+ references?$/, ''));
    assert.ok(files.includes('.devcontainer/devcontainer.json') && files.includes('Dockerfile'), JSON.stringify(files));
    assert.deepEqual(files, [...files].sort((a, b) => a.localeCompare(b)));
    assert.equal(new Set(files).size, files.length);
    await editor.screenshot('group-by-file.png');
  });

  it('a filter opens the categories holding its matches, says when nothing matches, and clearing it restores the tree', async () => {
    // The tree's first rows, scrolled to the top.
    const top = async () => { await page.locator('.pane:has(.pane-header[aria-label^="Ecosystem"]) .pane-body').hover(); await page.mouse.wheel(0, -20000); return rowTexts('Ecosystem'); };
    await waitRows('Ecosystem', (r) => r.length > 0, 'the tree');
    const before = await poll(async () => { const a = await top(); return a[0]?.startsWith('Core container technologies') ? a : false; }, { timeout: 10000, what: 'the Ecosystem tree at its top', describe: async () => JSON.stringify(await rowTexts('Ecosystem')) });
    assert.ok(before.includes('Docker Machine archived 2021'), `VM management is open before the filter: ${JSON.stringify(before)}`);
    await titleAction('Ecosystem', 'Filter Ecosystem');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 20000 });
    await page.keyboard.type('rkt');
    await page.keyboard.press('Enter');
    await waitRows('Ecosystem', (r) => r.some((x) => x.startsWith('rkt')), 'rkt visible without expanding anything');
    const message = page.locator('.pane:has(.pane-header[aria-label^="Ecosystem"]) .message');
    await poll(async () => /\d+ entr(y|ies) match "rkt"/.test(await message.innerText().catch(() => '')), { timeout: 10000, what: 'the match count' });
    await titleAction('Ecosystem', 'Filter Ecosystem');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 20000 });
    await page.keyboard.press('Control+a');
    await page.keyboard.type('no-such-technology-xyz');
    await page.keyboard.press('Enter');
    await poll(async () => (await message.innerText().catch(() => '')).includes('No catalog entry matches "no-such-technology-xyz"'), { timeout: 10000, what: 'the no-match message' });
    await editor.screenshot('filter-no-match.png');
    await titleAction('Ecosystem', 'Clear Filter');
    // Back as the user left it before filtering: not everything opened.
    const first = (r) => JSON.stringify(r.slice(0, 15));
    await poll(async () => first(await top()) === first(before), { timeout: 20000, what: 'the tree as it was before the filter', describe: async () => JSON.stringify(await rowTexts('Ecosystem')) });
    assert.equal(await message.isVisible().catch(() => false), false);
  });
});
