import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtBundle } from '../helpers';

// Neovim's own LSP client against the stand-alone server (.ci/run installs Debian's neovim).
describe('the stdio server in Neovim', function () {
  this.timeout(60000);
  it('publishes the boot2docker warning and answers hover', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-nvim-'));
    try {
      writeFileSync(join(dir, 'Dockerfile'), 'FROM boot2docker/boot2docker\n');
      const out = join(dir, 'out.json');
      // Works from Neovim 0.7 (vim.lsp.start_client); the README shows the 0.11 vim.lsp.config form.
      writeFileSync(join(dir, 'init.lua'), `
local id = vim.lsp.start_client({ name = 'container_atlas', cmd = { '${process.execPath}', '${builtBundle('server.js')}', '--stdio' }, root_dir = '${dir}' })
vim.cmd('edit ${join(dir, 'Dockerfile')}')
vim.lsp.buf_attach_client(0, id)
local ok = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local diags = vim.diagnostic.get(0)
local params = { textDocument = { uri = vim.uri_from_fname('${join(dir, 'Dockerfile')}') }, position = { line = 0, character = 10 } }
local res = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 10000) or {}
local hover = ''
for _, r in pairs(res) do if r.result and r.result.contents then hover = r.result.contents.value or '' end end
local f = io.open('${out}', 'w')
f:write(vim.json.encode({ ok = ok, diagnostics = vim.tbl_map(function(d) return { message = d.message, lnum = d.lnum, col = d.col, code = d.code } end, diags), hover = hover }))
f:close()
vim.cmd('qa!')
`);
      const r = spawnSync('nvim', ['--headless', '--clean', '-u', join(dir, 'init.lua')], { encoding: 'utf8', timeout: 50000 });
      assert.equal(r.error, undefined, `nvim could not run: ${r.error}`);
      const result = JSON.parse(readFileSync(out, 'utf8'));
      assert.equal(result.ok, true, r.stderr);
      assert.equal(result.diagnostics[0].code, 'deprecated-technology');
      assert.equal(result.diagnostics[0].lnum, 0);
      assert.equal(result.diagnostics[0].col, 5);
      assert.match(result.diagnostics[0].message, /boot2docker is deprecated/);
      assert.match(result.hover, /Docker Desktop/);
      // Neovim renders neither VS Code's codicons nor its command links: the card is plain Markdown there.
      assert.doesNotMatch(result.hover, /\$\([a-z-]+\)|\]\(command:/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
