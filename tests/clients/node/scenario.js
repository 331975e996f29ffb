// The editor scenario with the protocol library VS Code's own client is built on
// (vscode-languageserver-protocol): start the real `helder lsp`, open a plain-text and a Markdown letter,
// wait for the officialese diagnostic at its UTF-16 range, apply the preferred quick fix, check the text,
// send the change back and check the new diagnostics, then shut down and expect exit code 0.
//
// Usage: node scenario.js --helder BIN --fixtures DIR --work DIR [--diagnostics push|pull]
// The npm packages come from NODE_PATH (installed in the build tree by ../npm_install.sh).
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const lsp = require('vscode-languageserver-protocol/node');

const TIMEOUT_MS = 45000;  // the whole scenario; ctest's TIMEOUT is a little longer

function parseArgs(argv) {
  const args = { diagnostics: 'push' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!['helder', 'fixtures', 'work', 'diagnostics'].includes(key) || i + 1 >= argv.length)
      throw new Error(`unknown or incomplete argument: ${argv[i]}`);
    args[key] = argv[i + 1];
  }
  for (const key of ['helder', 'fixtures', 'work'])
    if (!args[key]) throw new Error(`--${key} is missing`);
  if (!['push', 'pull'].includes(args.diagnostics)) throw new Error('--diagnostics must be push or pull');
  return args;
}

// --- Failure reporting: what the scenario was doing, and what the server said -----------------------

let step = 'starting';
const serverLog = [];  // window/logMessage, window/showMessage and stderr lines
let server = null;

function fail(message) {
  process.stderr.write(`FAIL (${step}): ${message}\n`);
  if (serverLog.length) process.stderr.write(`server output (last lines):\n  ${serverLog.slice(-25).join('\n  ')}\n`);
  if (server && server.exitCode === null) server.kill('SIGKILL');
  process.exit(1);
}

function check(condition, message) {
  if (!condition) fail(message);
}

const show = (value) => JSON.stringify(value);

// --- Text helpers (JavaScript strings count UTF-16 code units, as LSP does by default) --------------

function offsetAt(text, position) {
  let start = 0;
  for (let line = 0; line < position.line; ++line) {
    const next = text.indexOf('\n', start);
    if (next < 0) return text.length;
    start = next + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  return Math.min(start + position.character, end);
}

function positionOf(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

// The range of the first `word` on the line that holds `marker`.
function rangeOf(text, marker, word) {
  const at = text.indexOf(word, text.indexOf(marker));
  check(at >= 0, `the fixture has no "${word}" after "${marker}"`);
  return { start: positionOf(text, at), end: positionOf(text, at + word.length) };
}

const sameRange = (a, b) => a.start.line === b.start.line && a.start.character === b.start.character &&
  a.end.line === b.end.line && a.end.character === b.end.character;

// Applies LSP TextEdits; returns the new text. Edits do not overlap (LSP says so); apply back to front.
function applyEdits(text, edits) {
  const located = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), e }));
  located.sort((a, b) => b.start - a.start);
  for (const { start, end, e } of located) text = text.slice(0, start) + e.newText + text.slice(end);
  return text;
}

// The TextEdits of a WorkspaceEdit for one document, in either shape the server may send.
function editsFor(edit, doc) {
  const edits = [];
  if (edit.documentChanges) {
    for (const change of edit.documentChanges) {
      check(!change.kind, `the quick fix also wants a resource operation: ${show(change)}`);
      check(change.textDocument.uri === doc.uri, `the quick fix edits another document: ${change.textDocument.uri}`);
      check(change.textDocument.version === null || change.textDocument.version === doc.version,
        `the quick fix is for version ${change.textDocument.version}, the document is at ${doc.version}`);
      edits.push(...change.edits);
    }
  } else if (edit.changes) {
    for (const [uri, list] of Object.entries(edit.changes)) {
      check(uri === doc.uri, `the quick fix edits another document: ${uri}`);
      edits.push(...list);
    }
  }
  check(edits.length > 0, `the quick fix has no edits: ${show(edit)}`);
  return edits;
}

// --- The scenario -----------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const pull = args.diagnostics === 'pull';
  const timer = setTimeout(() => fail(`no result after ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS);

  // A fresh copy of the letters, in a project with its own .helder.toml so no file further up counts.
  fs.rmSync(args.work, { recursive: true, force: true });
  fs.mkdirSync(args.work, { recursive: true });
  fs.writeFileSync(path.join(args.work, '.helder.toml'), 'packs = ["rijksoverheid"]\n');
  const docs = [['brief.txt', 'plaintext'], ['brief.md', 'markdown']].map(([name, languageId]) => {
    const file = path.join(args.work, name);
    fs.copyFileSync(path.join(args.fixtures, name), file);
    return { name, languageId, uri: pathToFileURL(file).href, version: 1, text: fs.readFileSync(file, 'utf8') };
  });

  step = 'starting the server';
  server = spawn(args.helder, ['lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  server.on('error', (e) => fail(`cannot start ${args.helder}: ${e.message}`));
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (chunk) => serverLog.push(...chunk.split('\n').filter(Boolean).map((l) => `stderr: ${l}`)));
  const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));

  const connection = lsp.createProtocolConnection(
    new lsp.StreamMessageReader(server.stdout), new lsp.StreamMessageWriter(server.stdin));
  connection.onError(([error]) => fail(`connection error: ${error && error.message}`));

  // Diagnostics as the server pushes them, by URI; waiters look again after every notification.
  const published = new Map();
  let waiters = [];
  connection.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
    published.set(p.uri, p);
    waiters = waiters.filter((w) => !w());
  });
  connection.onNotification(lsp.LogMessageNotification.type, (p) => serverLog.push(`log: ${p.message}`));
  connection.onNotification(lsp.ShowMessageNotification.type, (p) => serverLog.push(`show: ${p.message}`));
  // What VS Code answers for the extension's settings (their defaults, see lsp/vscode/package.json).
  connection.onRequest(lsp.ConfigurationRequest.type, (p) =>
    p.items.map((item) => (item.section === 'helder' ? { path: 'helder', pack: '', minimumSeverity: 'hint' } : null)));
  connection.onRequest(lsp.RegistrationRequest.type, () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.listen();

  step = 'initialize';
  const capabilities = {
    general: { positionEncodings: ['utf-16'] },
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      codeAction: {
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } },
        isPreferredSupport: true, dataSupport: true,
      },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
    },
    workspace: { workspaceEdit: { documentChanges: true }, configuration: true, workspaceFolders: true },
  };
  const root = pathToFileURL(args.work).href;
  const init = await connection.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'brieven' }], capabilities,
    clientInfo: { name: 'helder node client test' }, initializationOptions: { debounceMs: 0 },
  });
  const caps = init.capabilities;
  check(!caps.positionEncoding || caps.positionEncoding === 'utf-16', `position encoding ${caps.positionEncoding}`);
  check(caps.codeActionProvider, 'the server offers no code actions');
  check(caps.textDocumentSync && caps.textDocumentSync.change === lsp.TextDocumentSyncKind.Incremental,
    `text sync is not incremental: ${show(caps.textDocumentSync)}`);
  check(pull === Boolean(caps.diagnosticProvider),
    `diagnosticProvider ${show(caps.diagnosticProvider)} does not fit a ${args.diagnostics} client`);
  connection.sendNotification(lsp.InitializedNotification.type, {});

  for (const doc of docs)
    connection.sendNotification(lsp.DidOpenTextDocumentNotification.type,
      { textDocument: { uri: doc.uri, languageId: doc.languageId, version: doc.version, text: doc.text } });

  // The diagnostics of the document's current version.
  const diagnosticsOf = (doc) => {
    if (pull) {
      return connection.sendRequest(lsp.DocumentDiagnosticRequest.type, { textDocument: { uri: doc.uri } }).then((r) => {
        check(r.kind === 'full', `pulled a "${r.kind}" report, expected "full"`);
        return r.items;
      });
    }
    return new Promise((resolve) => {
      const done = () => {
        const p = published.get(doc.uri);
        if (!p || p.version !== doc.version) return false;
        resolve(p.diagnostics);
        return true;
      };
      if (!done()) waiters.push(done);
    });
  };

  for (const doc of docs) {
    const label = `${doc.name} (${doc.languageId})`;
    step = `diagnostics of ${label}`;
    const diagnostics = await diagnosticsOf(doc);
    const want = rangeOf(doc.text, '😀', 'Indien');
    const line = doc.text.split('\n')[want.start.line];
    // The fixture must make UTF-16 differ from bytes and code points, or the range proves nothing.
    const prefix = line.slice(0, want.start.character);
    check([...prefix].length !== prefix.length && Buffer.byteLength(prefix) !== prefix.length,
      'the fixture line has no character outside the BMP before "Indien"');
    const officialese = diagnostics.filter((d) => d.code === 'rijksoverheid.officialese');
    const diag = officialese.find((d) => sameRange(d.range, want));
    check(diag, `no rijksoverheid.officialese diagnostic at ${show(want)}; got ${show(officialese.map((d) => d.range))}`);
    check(diag.source === 'helder', `source is ${show(diag.source)}`);
    check(diag.severity === lsp.DiagnosticSeverity.Warning, `severity is ${diag.severity}`);
    check(/Indien/.test(diag.message), `the message does not name the word: ${diag.message}`);

    step = `code actions of ${label}`;
    const actions = await connection.sendRequest(lsp.CodeActionRequest.type, {
      textDocument: { uri: doc.uri }, range: diag.range,
      context: { diagnostics: [diag], only: [lsp.CodeActionKind.QuickFix], triggerKind: 1 },
    });
    check(Array.isArray(actions) && actions.length > 0, `no code actions: ${show(actions)}`);
    const fix = actions.find((a) => a.isPreferred && a.kind === lsp.CodeActionKind.QuickFix && a.edit);
    check(fix, `no preferred quick fix among ${show(actions.map((a) => a.title))}`);
    check((fix.diagnostics || []).some((d) => d.data && diag.data && d.data.id === diag.data.id),
      'the quick fix does not name the diagnostic it fixes');

    step = `applying "${fix.title}" to ${label}`;
    const before = doc.text;
    const edits = editsFor(fix.edit, doc);
    doc.text = applyEdits(doc.text, edits);
    const at = offsetAt(before, want.start);
    const expected = before.slice(0, at) + 'Als' + before.slice(at + 'Indien'.length);
    check(doc.text === expected, `after the quick fix the text is\n${doc.text}\nexpected\n${expected}`);

    // Tell the server, as an editor does: the same edits as incremental changes, last first.
    step = `diagnostics of ${label} after the fix`;
    doc.version += 1;
    const changes = [...edits]
      .sort((a, b) => offsetAt(before, b.range.start) - offsetAt(before, a.range.start))
      .map((e) => ({ range: e.range, text: e.newText }));
    connection.sendNotification(lsp.DidChangeTextDocumentNotification.type,
      { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: changes });
    const after = (await diagnosticsOf(doc)).filter((d) => d.code === 'rijksoverheid.officialese');
    check(!after.some((d) => sameRange(d.range, { start: want.start, end: { line: want.start.line, character: want.start.character + 3 } })) &&
      !after.some((d) => /Indien/.test(d.message)), `"Indien" is still reported: ${show(after)}`);
    // "thans" moved three code units to the left: the server applied the change where the client did.
    const thans = rangeOf(doc.text, '😀', 'thans');
    check(after.some((d) => sameRange(d.range, thans)),
      `no diagnostic for "thans" at ${show(thans)} after the change; got ${show(after.map((d) => d.range))}`);
    fs.writeFileSync(path.join(args.work, doc.name), doc.text);
    process.stdout.write(`ok: ${label}: ${fix.title}; ${after.length} officialese diagnostic(s) left\n`);
  }

  step = 'shutdown';
  await connection.sendRequest(lsp.ShutdownRequest.type);
  connection.sendNotification(lsp.ExitNotification.type);
  const { code, signal } = await exited;
  check(code === 0, `the server ended with exit code ${code}${signal ? ` (signal ${signal})` : ''}`);
  clearTimeout(timer);
  connection.dispose();
  process.stdout.write(`ok: ${args.diagnostics} client done, server exit code 0\n`);
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
