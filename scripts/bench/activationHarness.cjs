// Loads a built extension bundle under plain Node with a minimal `vscode` stub and prints, as JSON, how long
// loading the bundle (require) and calling activate() took. Run in a fresh process per measurement, so that the
// module cache is cold, as in a new extension host. The stub only has to let activate() run: every API it calls
// returns an object that accepts any further call.
'use strict';
const Module = require('node:module');
const { performance } = require('node:perf_hooks');

const bundle = process.argv[2];

/** Anything: callable, constructible, every property another such object; `event(listener)` returns a disposable. */
function anything() {
    const values = new Map();
    return new Proxy(function () {}, {
        get(_target, key) {
            if (key === 'then') return undefined;
            if (key === Symbol.toPrimitive) return () => '';
            if (!values.has(key)) values.set(key, anything());
            return values.get(key);
        },
        set(_target, key, value) {
            values.set(key, value);
            return true;
        },
        apply: () => anything(),
        construct: () => anything(),
    });
}

const configuration = { get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined };
/** The names the extension uses (the bundle copies the module's own keys, so each must be there). */
const NAMES = [
    'commands', 'env', 'l10n', 'languages', 'lm', 'window', 'workspace', 'extensions', 'Uri', 'Disposable', 'EventEmitter',
    'MarkdownString', 'ThemeColor', 'ThemeIcon', 'TreeItem', 'TreeItemCollapsibleState', 'StatusBarAlignment', 'ProgressLocation',
    'ConfigurationTarget', 'ExtensionMode', 'QuickInputButtons', 'QuickPickItemKind', 'ViewColumn', 'LanguageModelTextPart',
    'LanguageModelToolResult', 'CancellationTokenSource',
];
const vscodeStub = Object.fromEntries(NAMES.map((name) => [name, anything()]));
vscodeStub.workspace = new Proxy({ getConfiguration: () => configuration }, { get: (t, key) => (key in t ? t[key] : anything()) });
vscodeStub.l10n = { t: (message) => (typeof message === 'string' ? message : message.message) };

const load = Module._load;
Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscodeStub : load.call(this, request, ...rest);
};

const context = { subscriptions: [], extensionUri: anything(), extensionPath: '', globalState: anything(), workspaceState: anything(), extension: anything() };
const loadStarted = performance.now();
const extension = require(bundle);
const loadMs = performance.now() - loadStarted;
const activateStarted = performance.now();
extension.activate(context);
const activateMs = performance.now() - activateStarted;
process.stdout.write(`${JSON.stringify({ loadMs, activateMs })}\n`);
// activate() started the first refresh; nothing of it is measured here.
process.exit(0);
