import serverProcess from './serverProcess.json';

/*
 * How the language server process is started. The lists are in serverProcess.json, which
 * bench/serverEnvironment.mjs reads too, so the benchmark starts the server exactly as VS Code does.
 */

/**
 * The environment the language server process starts with: the extension host's, without the
 * variables that only slow the server down. NODE_EXTRA_CA_CERTS makes Node read and parse a
 * certificate bundle before running any code (about 60 ms on the benchmark machine); the server
 * never opens a network connection (test/lsp/network.test.ts), so it has no use for certificates.
 */
export const DROPPED_VARIABLES: readonly string[] = serverProcess.droppedVariables;

/**
 * Node flags for the server process. A young generation of at most 1 MB (instead of 16), one V8
 * worker thread and compiling functions only when first called (--max-lazy) keep the idle server
 * near 55 MB instead of about 67 MB once its analysis code is compiled (server/src/lsp/warmUp.ts),
 * with no measurable cost on 10 MB files (bench/run.mjs).
 * --expose-gc lets the server collect the warm-up's garbage when it is done, so that the collection
 * does not land in the middle of the first large file (500 KB Compose file: ~20 ms less).
 */
export const SERVER_EXEC_ARGV: string[] = serverProcess.execArgv;

/**
 * The variables to give the server process. The dropped ones are set to undefined rather than
 * deleted: vscode-languageclient lays these over the extension host's own environment, and Node
 * leaves undefined values out of a child's environment.
 */
export function serverEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const name of DROPPED_VARIABLES) out[name] = undefined;
  return out;
}
