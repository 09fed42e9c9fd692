// Export Inventory… in the In This Workspace view writes what `container-atlas inventory` prints.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { poll, startEditor } from './harness.mjs';
import { OUT, ROOT, SETTINGS, VSIX, sampleWorkspace } from './workspace.mjs';

describe('Export Inventory…', function () {
  let editor;
  let ws;
  before(async () => {
    ws = sampleWorkspace();
    editor = await startEditor({ vsix: VSIX, workspace: ws, outDir: join(OUT, 'export-inventory'), settings: SETTINGS });
  });
  after(async () => { await editor?.close(); });

  it('writes the same CSV as the CLI, in the format the file name asks for', async () => {
    await editor.openFile('Dockerfile');
    await editor.problems({ filter: 'flocker', waitFor: 'Flocker' });
    await editor.runCommand('Container Atlas: Export Inventory…', { opensQuickInput: true });
    const input = editor.page.locator('.quick-input-widget .quick-input-box input');
    const target = join(ws, 'inventory.csv');
    await input.fill(target);
    await input.press('Enter');
    await poll(() => existsSync(target), { timeout: 30000, what: `${target} to be written` });
    await editor.notifications({ waitFor: 'written to inventory.csv' });
    const cli = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'inventory', '--format', 'csv', '--as-of', SETTINGS['containerAtlas.asOf'], '.'], { cwd: ws, encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    // The same rows; the editor's workspace scan and the CLI's walk may list files in another order.
    const rows = (t) => t.split('\r\n').filter(Boolean).sort();
    const exported = readFileSync(target, 'utf8');
    assert.deepEqual(rows(exported), rows(cli.stdout));
    assert.match(exported, /^entry,name,kind,status,since,release,eol,file,line,reference\r\n/);
    assert.match(exported, /postgresql,PostgreSQL,.*,PostgreSQL 9\.6,2021-11-11,compose\.yaml,\d+,postgres:9\.6/);
  });
});
