// Preloaded with `node --require` (through NODE_OPTIONS) by test/lsp/network.test.ts: every way a
// Node.js program can reach the network records the attempt in $ATLAS_NET_LOG and throws. stdio
// pipes do not connect, so an LSP session over --stdio still works.
'use strict';
const fs = require('node:fs');
const log = process.env.ATLAS_NET_LOG;
function blocked(what, detail) {
  const line = `${process.pid} ${what} ${(() => { try { return JSON.stringify(detail); } catch { return String(detail); } })()}\n`;
  if (log) fs.appendFileSync(log, line);
  const err = new Error(`network access blocked by the test: ${what}`);
  err.code = 'EACCES';
  throw err;
}
const net = require('node:net');
const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // A local IPC path (named pipe or Unix socket) is not the network, but the server has no reason to use one either.
  return blocked('net.Socket.connect', args[0] && typeof args[0] === 'object' ? { host: args[0].host, port: args[0].port, path: args[0].path } : args.slice(0, 2));
};
void origConnect;
for (const m of ['node:http', 'node:https']) {
  const mod = require(m);
  mod.request = (...a) => blocked(`${m}.request`, String(a[0] && (a[0].href ?? a[0].host ?? a[0])));
  mod.get = (...a) => blocked(`${m}.get`, String(a[0] && (a[0].href ?? a[0].host ?? a[0])));
}
const tls = require('node:tls');
tls.connect = (...a) => blocked('tls.connect', a[0] && a[0].host);
const http2 = require('node:http2');
http2.connect = (...a) => blocked('http2.connect', String(a[0]));
const dns = require('node:dns');
for (const f of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveTxt', 'resolveSrv', 'reverse']) {
  dns[f] = (...a) => blocked(`dns.${f}`, a[0]);
  if (dns.promises[f]) dns.promises[f] = async (...a) => blocked(`dns.promises.${f}`, a[0]);
}
const dgram = require('node:dgram');
dgram.createSocket = (...a) => blocked('dgram.createSocket', a[0]);
if (typeof globalThis.fetch === 'function') globalThis.fetch = async (input) => blocked('fetch', String(input && (input.url ?? input)));
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = function () { blocked('WebSocket', arguments[0]); };
if (typeof globalThis.EventSource === 'function') globalThis.EventSource = function () { blocked('EventSource', arguments[0]); };
if (log) fs.appendFileSync(log, `${process.pid} preloaded ${process.argv.slice(1).join(' ')}\n`);
