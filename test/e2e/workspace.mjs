// Shared set-up for the editor tier: the packaged VSIX and a fresh copy of the sample workspace.
import { cpSync, mkdtempSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
export const VSIX = join(ROOT, `container-atlas-${VERSION}.vsix`);
export const OUT = join(ROOT, '.test-output', 'editor');
mkdirSync(OUT, { recursive: true });

/** A writable copy of samples/workspace (quick fixes edit it). */
export function sampleWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-sample-'));
  cpSync(join(ROOT, 'samples', 'workspace'), dir, { recursive: true });
  return dir;
}

export const SETTINGS = { 'containerAtlas.asOf': '2026-11-22', 'editor.hover.delay': 150 };

/** Runs Suggest Alternative with the cursor on `text` in `file` and returns the picker's rows (whitespace squashed); the picker stays open. */
export async function suggestAlternativeRows(editor, file, text) {
  await editor.openFile(file);
  await editor.setCursorOn(text);
  await editor.runCommand('Container Atlas: Suggest Alternative', { opensQuickInput: true });
  const rows = editor.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: 20000 });
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}
