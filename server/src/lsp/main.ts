import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// Transport comes from the command line: --stdio (other editors), --node-ipc (VS Code), --socket=N.
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
process.on('uncaughtException', (err) => { process.stderr.write(`container-atlas-language-server: uncaught ${err?.stack ?? err}\n`); });
process.on('unhandledRejection', (err) => { process.stderr.write(`container-atlas-language-server: unhandled ${(err as Error)?.stack ?? err}\n`); });
startServer(createConnection(ProposedFeatures.all));
