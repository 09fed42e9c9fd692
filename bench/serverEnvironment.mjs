// The environment and Node flags the extension starts the language server with (mirrors client/src/serverEnvironment.ts,
// which test/unit/serverEnvironment.test.ts checks against this copy).
export const DROPPED_VARIABLES = ['NODE_EXTRA_CA_CERTS'];
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=1', '--v8-pool-size=1', '--max-lazy', '--expose-gc'];

export function serverEnvironment(env) {
  const out = { ...env };
  for (const name of DROPPED_VARIABLES) out[name] = undefined; // spawn leaves undefined values out
  return out;
}
