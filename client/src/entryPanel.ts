import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type EntryDetails } from '../../server/src/common/protocol';

const safeUrl = (u: string | undefined): string | undefined => (u && /^https?:\/\/[^\s"'<>]+$/.test(u) ? u : undefined);
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The entry page: its body (card, versions, lineage, usages by file) comes rendered by the server (features/entryPage.ts); this adds the styles and the script that turns clicks into messages. No network, strict CSP. */
export class EntryPanel {
  private static current: EntryPanel | undefined;
  private constructor(private readonly panel: vscode.WebviewPanel, private readonly client: LanguageClient) {
    panel.onDidDispose(() => { if (EntryPanel.current === this) EntryPanel.current = undefined; });
    panel.webview.onDidReceiveMessage(async (m: { type: string; id?: string; uri?: string; line?: number; character?: number; url?: string }) => {
      if (m.type === 'open' && m.id) await this.load(m.id);
      else if (m.type === 'reveal' && m.uri) {
        const pos = new vscode.Position(m.line ?? 0, m.character ?? 0);
        await vscode.window.showTextDocument(vscode.Uri.parse(m.uri), { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One });
      } else if (m.type === 'link' && safeUrl(m.url)) await vscode.env.openExternal(vscode.Uri.parse(m.url!));
    });
  }

  static async show(client: LanguageClient, id: string): Promise<void> {
    if (!EntryPanel.current) {
      const panel = vscode.window.createWebviewPanel('containerAtlas.entry', 'Container Atlas', vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
      EntryPanel.current = new EntryPanel(panel, client);
    }
    EntryPanel.current.panel.reveal(undefined, true);
    await EntryPanel.current.load(id);
  }

  private async load(id: string): Promise<void> {
    const d = await this.client.sendRequest<EntryDetails | null>(Requests.entry, { id });
    if (!d) { void vscode.window.showWarningMessage(`Container Atlas: no catalog entry '${id}'.`); return; }
    this.panel.title = `${d.entry.name} · Container Atlas`;
    this.panel.webview.html = this.html(d);
  }

  private html(d: EntryDetails): string {
    const nonce = [...Array(32)].map(() => Math.floor(Math.random() * 36).toString(36)).join('');
    const e = d.entry;
    return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:;">
<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>${esc(e.name)}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 20px 20px; line-height: 1.5; }
h1 { font-weight: 600; margin-bottom: 0; } .sub { color: var(--vscode-descriptionForeground); margin-top: 2px; }
a { color: var(--vscode-textLink-foreground); cursor: pointer; } code { font-family: var(--vscode-editor-font-family); }
.warn { border-left: 3px solid var(--vscode-editorWarning-foreground); padding: 4px 10px; background: var(--vscode-inputValidation-warningBackground); }
.muted { color: var(--vscode-descriptionForeground); }
svg.lineage rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-focusBorder); stroke-width: 1; }
svg.lineage .self rect { stroke-width: 2.5; } svg.lineage .inactive rect { stroke: var(--vscode-editorWarning-foreground); stroke-dasharray: 4 3; }
svg.lineage text { fill: var(--vscode-foreground); font-size: 12px; } svg.lineage text.status { fill: var(--vscode-descriptionForeground); font-size: 11px; }
svg.lineage .arrow { stroke: var(--vscode-descriptionForeground); stroke-width: 1.5; } svg.lineage .head { fill: var(--vscode-descriptionForeground); }
svg.lineage g.node { cursor: pointer; }
table { border-collapse: collapse; margin: 4px 0 8px; } th, td { text-align: left; padding: 2px 12px 2px 0; vertical-align: top; }
th { font-weight: 600; color: var(--vscode-descriptionForeground); border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-focusBorder)); }
table.versions td { white-space: nowrap; } table.versions tr.ended td { color: var(--vscode-descriptionForeground); }
table.versions tr.used td { background: var(--vscode-editor-findMatchHighlightBackground); color: var(--vscode-foreground); }
table.versions tr.used.ended td:nth-child(3) { color: var(--vscode-editorWarning-foreground); font-weight: 600; }
.badge { font-size: 10px; border: 1px solid var(--vscode-descriptionForeground); border-radius: 3px; padding: 0 3px; }
table.files tr.file { cursor: pointer; } table.files tr.file:hover td { background: var(--vscode-list-hoverBackground); } td.count { text-align: right; }
</style></head><body>
${d.html}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (ev) => {
  const t = ev.target.closest('[data-id],[data-uri],[data-url]');
  if (!t) return;
  ev.preventDefault();
  if (t.dataset.uri) vscode.postMessage({ type: 'reveal', uri: t.dataset.uri, line: Number(t.dataset.line), character: Number(t.dataset.character) });
  else if (t.dataset.url) vscode.postMessage({ type: 'link', url: t.dataset.url });
  else if (t.dataset.id) vscode.postMessage({ type: 'open', id: t.dataset.id });
});
</script></body></html>`;
  }
}
