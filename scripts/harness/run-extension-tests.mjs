// `npm run test:extension`: the mocha suites of test/extension inside real VS Code (code-server 4.100.3 = VS Code
// 1.100.3), loaded through the web workbench's `payload` parameter in headless Debian Chromium.
//
//   builds the extension and the tests -> installs test-tools if needed -> finds VirtualBox (VBOXMANAGE, PATH, testbed)
//   -> code-server on 127.0.0.1:<free port> with isolated user data and XDG folders under a temp folder, and the user
//   setting virtualbox.vboxManagePath -> Chromium opens the workbench -> the extension host runs the suites; their
//   console output comes back through codeAutomationLog and the exit code through codeAutomationExit.
//
// Exit code: mocha's (0 all passed, 1 failures), 1 on timeout or a harness error, 130/143 when interrupted.
// Appends "passed failed" to $TEST_SUMMARY_FILE when set. On failure leaves a screenshot and the logs under
// .test-output/extension-tests/<time>/. Always stops the code-server and Chromium it started, by PID.
//
// Environment: EXTENSION_TEST_TIMEOUT_MS (default 2400000: all suites on a busy 2-core machine, with room to spare),
// MOCHA_GREP (reaches the extension host through code-server's environment), KEEP_WORK_DIR=1 keeps the temp folder.
import { execa } from 'execa';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { format } from 'node:util';
import * as path from 'node:path';
import { launchChromium } from './browser.mjs';
import { startCodeServer, workbenchUrl, workLayout } from './codeServer.mjs';
import { REPO, TEST_OUTPUT } from './paths.mjs';
import { ensureVirtualBox } from './virtualBox.mjs';

// Printed by test/extension/index.ts: {"event":"start"} before mocha runs, {"event":"end",passed,failed} after.
const EVENT_MARKER = 'vscode-virtualbox-extension-tests:';
const TIMEOUT_MS = Number(process.env.EXTENSION_TEST_TIMEOUT_MS ?? 2_400_000);

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[extension tests] ${message}`);

/** Everything to undo, newest first; run exactly once whatever happens. */
const cleanups = [];
let cleaningUp;
function cleanUp() {
    cleaningUp ??= (async () => {
        for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => say(`cleanup failed: ${error}`));
    })();
    return cleaningUp;
}
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    process.once(signal, () => {
        say(`${signal}: stopping`);
        void cleanUp().finally(() => process.exit(code));
    });
}

async function run(command, args) {
    await execa(command, args, { cwd: REPO, stdio: 'inherit' });
}

/**
 * The console lines of the workbench and the extension host. Those after the runner's start event (mocha's report)
 * are printed as they arrive; the workbench's start-up chatter before it only goes to the evidence log.
 */
function createLogCollector() {
    const lines = [];
    let testsStarted = false;
    let counts;
    return {
        lines,
        get counts() {
            return counts;
        },
        add(type, args) {
            const text = format(...(Array.isArray(args) ? args : [args]));
            lines.push(`[${type}] ${text}`);
            const marker = text.indexOf(EVENT_MARKER);
            if (marker < 0) {
                if (testsStarted) process.stdout.write(`${text}\n`);
                return;
            }
            const event = JSON.parse(text.slice(marker + EVENT_MARKER.length));
            if (event.event === 'start') testsStarted = true;
            if (event.event === 'end') counts = { passed: event.passed, failed: event.failed, skipped: event.skipped ?? 0 };
        },
    };
}

/** What exists so far, for the evidence a failure leaves behind. */
const state = { workDir: undefined, page: undefined, log: createLogCollector() };

async function main() {
    say('building the extension and the tests');
    await run(process.execPath, ['scripts/build.mjs']);
    await run(process.execPath, ['scripts/build-tests.mjs']);
    await run('bash', ['test-tools/install.sh']);

    const { vboxManage, source } = await ensureVirtualBox({ log: say });
    say(`VBoxManage (${source}): ${vboxManage}`);

    const workDir = mkdtempSync(path.join(tmpdir(), 'vscode-virtualbox-exttest-'));
    state.workDir = workDir;
    cleanups.push(async () => {
        if (process.env.KEEP_WORK_DIR === '1') say(`work folder kept: ${workDir}`);
        else rmSync(workDir, { recursive: true, force: true });
    });

    const server = await startCodeServer({ workDir, userSettings: { 'virtualbox.vboxManagePath': vboxManage }, isolateHome: true });
    cleanups.push(() => server.stop());
    say(`code-server ${server.origin} (pid ${server.pid}) ready after ${elapsed()}`);

    const chromium = await launchChromium();
    cleanups.push(() => chromium.close());
    state.page = chromium.page;

    const { log } = state;
    let finish;
    const exitCode = new Promise((resolve) => (finish = resolve));
    await chromium.page.exposeFunction('codeAutomationLog', (type, args) => log.add(type, args));
    await chromium.page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));

    const url = workbenchUrl(server, {
        extensionDevelopmentPath: REPO,
        extensionTestsPath: path.join(REPO, 'out', 'test', 'extension', 'index.js'),
    });
    await chromium.page.goto(url);

    let timer;
    const timeout = new Promise((resolve) => (timer = setTimeout(resolve, TIMEOUT_MS, 'timeout')));
    const outcome = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);

    const timedOut = outcome === 'timeout';
    const code = timedOut ? 1 : outcome;
    const { counts } = log;
    if (timedOut) say(`timed out after ${TIMEOUT_MS / 1000} s`);
    if (counts && process.env.TEST_SUMMARY_FILE) {
        appendFileSync(process.env.TEST_SUMMARY_FILE, `${counts.passed} ${counts.failed} ${counts.skipped}\n`);
    }
    if (code !== 0 || !counts) await keepEvidence();
    say(`${counts ? `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped` : 'no test result'}; exit ${code} after ${elapsed()}`);
    // A run that printed no counts (the runner never loaded) must not look green.
    return counts ? code : code || 1;
}

/** Screenshot of the workbench plus every log, for a failure nobody watched happen. */
async function keepEvidence() {
    const dir = path.join(TEST_OUTPUT, 'extension-tests', new Date().toISOString().replace(/[:.]/g, '-'));
    mkdirSync(dir, { recursive: true });
    if (state.page) {
        await state.page.screenshot({ path: path.join(dir, 'workbench.png') }).catch((error) => say(`no screenshot: ${error}`));
    }
    writeFileSync(path.join(dir, 'workbench-console.log'), `${state.log.lines.join('\n')}\n`);
    if (state.workDir) {
        const { logFile, vscodeLogs } = workLayout(state.workDir);
        if (existsSync(logFile)) cpSync(logFile, path.join(dir, 'code-server.log'));
        if (existsSync(vscodeLogs)) cpSync(vscodeLogs, path.join(dir, 'vscode-logs'), { recursive: true });
    }
    say(`evidence kept in ${path.relative(REPO, dir)}`);
}

let exitCode = 1;
try {
    exitCode = await main();
} catch (error) {
    say(`error: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    await keepEvidence().catch((evidenceError) => say(`no evidence kept: ${evidenceError}`));
} finally {
    await cleanUp();
}
process.exit(exitCode);
