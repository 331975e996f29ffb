// Loads an unpacked extension's extension.js outside VS Code, with a stand-in for the `vscode` module,
// so every package it requires must resolve from the extension's own node_modules: a .vsix that lacks a
// runtime dependency fails here. Checks that activate and deactivate are exported; calls neither.
// Usage: node load_extension.js EXTENSION_DIR
'use strict';

const Module = require('module');
const path = require('path');

// Any property, call or `new` on the stand-in gives the stand-in (or an empty object): enough for
// module-level code such as `class X extends vscode.Disposable` or `vscode.CodeActionKind.QuickFix`.
const standIn = new Proxy(function vscode() {}, {
  get(target, prop) {
    if (prop === 'prototype') return target.prototype;
    if (prop === '__esModule') return false;
    if (prop === Symbol.toPrimitive) return () => '';
    return standIn;
  },
  apply: () => standIn,
  construct: () => ({}),
});
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: standIn };

const dir = path.resolve(process.argv[2]);
const manifest = require(path.join(dir, 'package.json'));
// Only the extension's own folder may supply packages: no NODE_PATH, no node_modules further up (the
// build tree has one with everything in it).
Module.globalPaths.length = 0;
const lookIn = Module._nodeModulePaths;
Module._nodeModulePaths = (from) => lookIn(from).filter((p) => p.startsWith(dir + path.sep));
const extension = require(path.join(dir, manifest.main));
for (const name of ['activate', 'deactivate']) {
  if (typeof extension[name] !== 'function') {
    console.error(`FAIL: ${manifest.main} does not export ${name}()`);
    process.exit(1);
  }
}
console.log(`ok: ${manifest.main} loads with its packaged dependencies`);
