import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type EntryDetails, type EntrySummary } from '../../server/src/common/protocol';

const esc = (s: string | undefined): string => (s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const safeUrl = (u: string | undefined): string | undefined => (u && /^https?:\/\/[^\s"'<>]+$/.test(u) ? u : undefined);

/** The lineage as an SVG: predecessors → entry → successors, one box per entry, arrows between steps. */
export function lineageSvg(before: EntrySummary[], self: EntrySummary, after: EntrySummary[][]): string {
  const steps: EntrySummary[][] = [...before.map((e) => [e]), [self], ...after];
  const W = 170, H = 46, GX = 50, GY = 14;
  const height = Math.max(...steps.map((s) => s.length)) * (H + GY) - GY + 20;
  const width = steps.length * (W + GX) - GX + 20;
  const parts: string[] = [];
  steps.forEach((step, i) => {
    const x = 10 + i * (W + GX);
    step.forEach((e, j) => {
      const y = 10 + j * (H + GY);
      const inactive = e.status !== 'active';
      const isSelf = e.id === self.id;
      parts.push(`<g class="node${inactive ? ' inactive' : ''}${isSelf ? ' self' : ''}" data-id="${esc(e.id)}"><rect x="${x}" y="${y}" width="${W}" height="${H}" rx="6"/>` +
        `<text x="${x + W / 2}" y="${y + 19}" text-anchor="middle" class="name">${esc(e.name.length > 24 ? e.name.slice(0, 23) + '…' : e.name)}</text>` +
        `<text x="${x + W / 2}" y="${y + 36}" text-anchor="middle" class="status">${esc(e.status === 'active' ? 'active' : `${e.status}${e.since ? ' ' + e.since : ''}`)}</text></g>`);
      if (i > 0) {
        const py = 10 + H / 2;
        parts.push(`<line x1="${x - GX + 2}" y1="${py}" x2="${x - 4}" y2="${y + H / 2}" class="arrow" marker-end="url(#head)"/>`);
      }
    });
  });
  return `<svg role="img" aria-label="Lineage of ${esc(self.name)}" class="lineage" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<defs><marker id="head" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" class="head"/></marker></defs>${parts.join('')}</svg>`;
}

/** The entry page: the entry card (rendered by the server), the lineage picture, and where the workspace uses the entry. No network, strict CSP. */
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
    const self: EntrySummary = { id: e.id, name: e.name, kind: e.kind, layer: e.layer, category: e.category, status: e.status.value, since: e.status.since, summary: e.summary };
    const entryLink = (x: { id: string; name?: string }) => `<a href="#" data-id="${esc(x.id)}">${esc(x.name ?? d.names[x.id] ?? x.id)}</a>`;
    const usages = d.usages.length
      ? `<ul>${d.usages.map((u) => `<li><a href="#" data-uri="${esc(u.uri)}" data-line="${u.range.start.line}" data-character="${u.range.start.character}">${esc(decodeURIComponent(u.uri.replace(/^file:\/\//, '')))}:${u.range.start.line + 1}</a> <code>${esc(u.text)}</code></li>`).join('')}</ul>`
      : '<p class="muted">Not used in this workspace.</p>';
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
</style></head><body>
${d.html}
<h2>Lineage</h2>
${lineageSvg(d.lineage.before, self, d.lineage.after)}
${d.parts.length ? `<h2>Parts</h2><p>${d.parts.map(entryLink).join(', ')}</p>` : ''}
<h2>In this workspace</h2>${usages}
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
