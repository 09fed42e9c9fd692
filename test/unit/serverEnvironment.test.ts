import { strict as assert } from 'node:assert';
import { DROPPED_VARIABLES, serverEnvironment } from '../../client/src/serverEnvironment';

describe('the language server process environment', () => {
  it('drops NODE_EXTRA_CA_CERTS (the server makes no connections) and keeps everything else', () => {
    const env = { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', HTTPS_PROXY: 'http://proxy:3128' };
    const out = serverEnvironment(env);
    assert.deepEqual(out, { PATH: '/usr/bin', HTTPS_PROXY: 'http://proxy:3128' });
    assert.equal(env.NODE_EXTRA_CA_CERTS, '/etc/ssl/certs/ca-certificates.crt', 'the extension host environment is not changed');
  });
});

describe('the benchmark starts the server as the extension does', () => {
  it('bench/serverEnvironment.mjs drops the same variables as the client', async () => {
    const bench = await import('../../bench/serverEnvironment.mjs');
    assert.deepEqual(bench.DROPPED_VARIABLES, DROPPED_VARIABLES);
  });
});
