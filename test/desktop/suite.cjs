// Runs inside the VS Code extension host (desktop). Uses the vscode API directly.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

async function waitFor(fn, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

exports.run = async function run() {
  const ws = vscode.workspace.workspaceFolders[0].uri;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(ws, 'Dockerfile'));
  await vscode.window.showTextDocument(doc);
  const diags = await waitFor(() => { const d = vscode.languages.getDiagnostics(doc.uri); return d.length ? d : null; });
  assert.ok(diags.some((d) => d.code === 'deprecated-technology' && /boot2docker/.test(d.message)));
  const line = doc.getText().split('\n').findIndex((l) => l.includes('boot2docker/boot2docker'));
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 10));
  const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  assert.match(text, /Docker Desktop/);
  console.log(`desktop: ${path.basename(doc.fileName)} hover and diagnostics OK`);
};
