// The environment and Node flags the extension starts the language server with: the same lists as
// client/src/serverEnvironment.ts, read from the same file.
import { readFileSync } from 'node:fs';

const serverProcess = JSON.parse(readFileSync(new URL('../client/src/serverProcess.json', import.meta.url), 'utf8'));
export const DROPPED_VARIABLES = serverProcess.droppedVariables;
export const SERVER_EXEC_ARGV = serverProcess.execArgv;

export function serverEnvironment(env) {
  const out = { ...env };
  for (const name of DROPPED_VARIABLES) out[name] = undefined; // spawn leaves undefined values out
  return out;
}
