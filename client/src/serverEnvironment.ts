/**
 * The environment the language server process starts with: the extension host's, without the
 * variables that only slow the server down. NODE_EXTRA_CA_CERTS makes Node read and parse a
 * certificate bundle before running any code (about 60 ms on the benchmark machine); the server
 * never opens a network connection (test/lsp/network.test.ts), so it has no use for certificates.
 * bench/run.mjs starts the server with the same environment.
 */
export const DROPPED_VARIABLES = ['NODE_EXTRA_CA_CERTS'];

export function serverEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const name of DROPPED_VARIABLES) delete out[name];
  return out;
}
