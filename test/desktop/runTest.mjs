// Runs the extension's tests inside desktop VS Code, downloaded by @vscode/test-electron.
// For machines that can download VS Code; where they cannot, `npm test` runs the same
// workbench through code-server (test/e2e).
import { runTests } from '@vscode/test-electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'test/desktop/suite.cjs'),
    launchArgs: [join(root, 'samples/workspace'), '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (err) {
  console.error(`desktop tests failed: ${err?.message ?? err}`);
  process.exit(1);
}
