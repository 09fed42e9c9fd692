import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { DROPPED_VARIABLES, SERVER_EXEC_ARGV, serverEnvironment } from '../../client/src/serverEnvironment';

describe('the language server process environment', () => {
  it('drops NODE_EXTRA_CA_CERTS (the server makes no connections) and keeps everything else', () => {
    const env = { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', HTTPS_PROXY: 'http://proxy:3128' };
    const out = serverEnvironment(env);
    assert.deepEqual(out, { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: undefined, HTTPS_PROXY: 'http://proxy:3128' });
    // As vscode-languageclient does: the extension host's environment with these laid over it; the
    // child process then has no NODE_EXTRA_CA_CERTS.
    const child = execFileSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(Object.keys(process.env)))'], { env: { ...env, ...out }, encoding: 'utf8' });
    assert.ok(!JSON.parse(child).includes('NODE_EXTRA_CA_CERTS'), child);
    assert.ok(JSON.parse(child).includes('HTTPS_PROXY'));
    assert.equal(env.NODE_EXTRA_CA_CERTS, '/etc/ssl/certs/ca-certificates.crt', 'the extension host environment is not changed');
  });
});

describe('the benchmark starts the server as the extension does', () => {
  it('bench/serverEnvironment.mjs drops the same variables and passes the same Node flags as the client', async () => {
    const bench = await import('../../bench/serverEnvironment.mjs');
    assert.deepEqual(bench.DROPPED_VARIABLES, DROPPED_VARIABLES);
    assert.deepEqual(bench.SERVER_EXEC_ARGV, SERVER_EXEC_ARGV);
  });
});
