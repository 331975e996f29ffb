// Checks that the VS Code extension's package.json and extension.js agree: the activation languages,
// every setting and command the code uses is declared (and the other way round), helder.path can only
// be set by the user, and LICENSE is the project's own.
// The extension's version is the project's (project(helder VERSION ...) in the top CMakeLists.txt), like the
// Debian package's.
// Usage: node check_manifest.js EXTENSION_DIR TOP_LEVEL_LICENSE PROJECT_VERSION
'use strict';

const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const code = fs.readFileSync(path.join(dir, manifest.main), 'utf8');
const problems = [];
const expect = (ok, message) => { if (!ok) problems.push(message); };
const sameSet = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));

for (const language of ['plaintext', 'markdown'])
  expect((manifest.activationEvents || []).includes(`onLanguage:${language}`), `no activation on ${language}`);

const declared = manifest.contributes.configuration.properties;
const declaredSettings = new Set(Object.keys(declared));
const usedSettings = new Set([...code.matchAll(/config\.get\('([A-Za-z]+)'\)/g)].map((m) => `helder.${m[1]}`));
expect(usedSettings.size > 0, 'extension.js reads no settings (the pattern config.get(\'name\') changed?)');
expect(sameSet(usedSettings, declaredSettings),
  `settings read ${[...usedSettings].join(', ')}; declared ${[...declaredSettings].join(', ')}`);
for (const setting of ['helder.path', 'helder.pack', 'helder.minimumSeverity'])
  expect(setting in declared, `${setting} is not declared`);
// A workspace must not choose the program VS Code runs (docs/editors.md).
expect(declared['helder.path'] && declared['helder.path'].scope === 'machine', 'helder.path is not machine-scoped');
// The words the server takes for minimumSeverity (lsp/src/server.cpp, apply_settings).
expect(JSON.stringify(declared['helder.minimumSeverity'].enum) === JSON.stringify(['error', 'warning', 'info', 'hint']),
  'helder.minimumSeverity does not offer error, warning, info, hint');

const usedCommands = new Set([...code.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]));
const declaredCommands = new Set((manifest.contributes.commands || []).map((c) => c.command));
expect(sameSet(usedCommands, declaredCommands),
  `commands registered ${[...usedCommands].join(', ')}; declared ${[...declaredCommands].join(', ')}`);

expect(manifest.version === process.argv[4],
  `version is ${manifest.version}, the project's (CMakeLists.txt) is ${process.argv[4]}: change both together`);
expect(manifest.license === 'EUPL-1.2', `license is ${manifest.license}`);
expect(fs.readFileSync(path.join(dir, 'LICENSE'), 'utf8') === fs.readFileSync(process.argv[3], 'utf8'),
  'LICENSE is not a copy of the top-level LICENSE');
expect(Boolean(manifest.dependencies['vscode-languageclient']), 'vscode-languageclient is not a dependency');

if (problems.length) {
  for (const p of problems) console.error(`FAIL: ${p}`);
  process.exit(1);
}
console.log(`ok: ${path.join(dir, 'package.json')} fits ${manifest.main}`);
