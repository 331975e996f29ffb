// The VS Code extension for helder: starts `helder lsp` for plain-text and Markdown documents and passes
// the settings on. Everything else (diagnostics, quick fixes, hovers) comes from the language server.
// Plain JavaScript, so there is no build step.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

const SECTION = 'helder';
let client = null;

function settings() {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    path: config.get('path') || 'helder',
    pack: config.get('pack') || '',
    minimumSeverity: config.get('minimumSeverity') || 'hint',
  };
}

function createClient() {
  const { path, pack, minimumSeverity } = settings();
  // The client adds "--stdio" itself for this transport.
  const serverOptions = { command: path, args: ['lsp'], transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    // Settings reach the server at the start and after every change (workspace/configuration is
    // answered from the same section).
    initializationOptions: { helder: { pack, minimumSeverity } },
    synchronize: { configurationSection: SECTION },
    outputChannelName: 'helder',
  };
  return new LanguageClient('helder', 'helder', serverOptions, clientOptions);
}

async function start() {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    const failed = client;
    client = null;
    await failed.dispose().catch(() => undefined);
    const open = 'Instelling openen';
    const choice = await vscode.window.showErrorMessage(
      `helder start niet (${settings().path}). Staat het programma op deze computer? ` +
        'Zet het pad in de instelling helder.path.',
      open);
    if (choice === open) vscode.commands.executeCommand('workbench.action.openSettings', 'helder.path');
    console.error('helder: the language server did not start:', error);
  }
}

async function stop() {
  if (!client) return;
  const running = client;
  client = null;
  await running.stop().catch(() => undefined);
}

async function restart() {
  await stop();
  await start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('helder.restart', restart),
    // Another program needs another server; the other settings go to the running server.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('helder.path')) restart();
    }));
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
