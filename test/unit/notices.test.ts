import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';

describe('third-party notices', function () {
  this.timeout(60_000);
  it('THIRD-PARTY-NOTICES.md lists every package bundled into dist/ with its licence text (scripts/notices.mjs --check)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'notices.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    const text = readFileSync(join(ROOT, 'THIRD-PARTY-NOTICES.md'), 'utf8');
    for (const p of ['yaml', 'dockerfile-ast', 'vscode-languageserver', 'vscode-languageclient', 'vscode-jsonrpc']) assert.match(text, new RegExp(`^\\| ${p} \\| [\\d.]+ \\| (MIT|ISC) \\|$`, 'm'));
    assert.ok(!/warning: no licence/.test(r.stderr), r.stderr);
    assert.match(readFileSync(join(ROOT, '.vscodeignore'), 'utf8'), /^!THIRD-PARTY-NOTICES\.md$/m, 'the notices ship in the VSIX');
  });
});
