import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { SERVER_EXEC_ARGV, serverEnvironment } from './serverEnvironment';
import { registerViews } from './views';
import { HoverCommands, Requests } from '../../server/src/common/protocol';
import { DOCUMENT_SELECTOR, WATCH_GLOB } from '../../server/src/common/fileKinds';

let client: LanguageClient | undefined;


/** Starts the language server (dist/server.js over IPC) and registers the commands, views and status bar. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Container Atlas', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env: serverEnvironment(process.env), execArgv: SERVER_EXEC_ARGV } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env: serverEnvironment(process.env), execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6029'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher(WATCH_GLOB);
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    // Any scheme: in virtual workspaces (vscode-vfs://, …) open documents are analysed too; only the
    // workspace scan needs files on disk.
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'containerAtlas', fileEvents: watcher },
    outputChannel: output,
    traceOutputChannel: output,
    // editorMarkup: this client renders codicons and command links in hover cards (other editors get plain Markdown).
    initializationOptions: { trusted: vscode.workspace.isTrusted, editorMarkup: true },
    // Hover cards link to the extension's own commands and only those; every other command URI stays inert.
    markdown: { isTrusted: { enabledCommands: Object.values(HoverCommands) } },
    middleware: {
      // The cards' status and command links use codicons ($(warning)); the client converter does not turn them on.
      provideHover: async (document, position, token, next) => {
        const h = await next(document, position, token);
        for (const c of h?.contents ?? []) if (c instanceof vscode.MarkdownString) c.supportThemeIcons = true;
        return h;
      },
    },
  };
  client = new LanguageClient('containerAtlas', 'Container Atlas', serverOptions, clientOptions);
  registerCommands(context, client, output);
  registerViews(context, client);
  // Organisation catalogs outside the workspace are read only once the workspace is trusted.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(Requests.trustChanged, { trusted: true })));
  // The server starts in the background: activation does not wait for it, so the editor is never held up.
  const starting = performance.now();
  client.start().then(
    () => output.info(`language server ready in ${Math.round(performance.now() - starting)} ms`),
    (err: unknown) => output.error(`the language server did not start: ${(err as Error)?.message ?? err}. Run "Container Atlas: Show Output" for details; the extension retries on the next restart.`),
  );
  output.info(`activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
