// What a first run (`npm start`) opens, shared with the walkthrough test so that it tests the same:
// the user settings and where the sample workspace is copied to.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The editor's user settings: the sample's README shows on start; Git never offers a parent folder's repository. */
export const START_SETTINGS = {
  'workbench.startupEditor': 'readme',
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/** Whether dir (which need not exist yet) or a folder above it holds a `.git`. */
export function insideGitRepository(dir) {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return true;
    if (dirname(d) === d) return false;
  }
}

/** Where the sample is copied: beside the editor's state when that is outside Git, else a folder of the system's temp dir named after the state folder. */
export function sampleWorkspaceDir(state) {
  if (!insideGitRepository(state)) return join(state, 'sample-workspace');
  const id = createHash('sha256').update(resolve(state)).digest('hex').slice(0, 8);
  return join(tmpdir(), `container-atlas-sample-${id}`, 'sample-workspace');
}
