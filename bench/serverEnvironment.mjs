// The environment the extension starts the language server with (mirrors client/src/serverEnvironment.ts,
// which test/unit/serverEnvironment.test.ts checks against this copy).
export const DROPPED_VARIABLES = ['NODE_EXTRA_CA_CERTS'];

export function serverEnvironment(env) {
  const out = { ...env };
  for (const name of DROPPED_VARIABLES) delete out[name];
  return out;
}
