// `npm start`: try the extension in real VS Code (code-server 4.100.3 = VS Code 1.100.3) in your browser.
//
//   1. builds the extension, then keeps rebuilding on change (esbuild watch; "Developer: Reload Window" picks it up;
//      pass --no-watch to build once);
//   2. VirtualBox: $VBOXMANAGE, else a local VBoxManage on PATH, else (Linux, root) the testbed, brought up if needed,
//      with demo VMs created if missing: demo-running (started), demo-snapshots (2 snapshots), demo-disks (2 extra
//      disks, NAT port forwards 2222->22 and 8080->80 on 127.0.0.1);
//   3. installs test-tools (code-server, playwright-core) if needed;
//   4. starts code-server on 127.0.0.1 (PORT, else 8765 if free, else any free port) with the extension loaded through
//      the workbench's `payload` URL parameter (code-server rejects --extensionDevelopmentPath) and the user setting
//      virtualbox.vboxManagePath pointing at the VBoxManage in use, and prints the URL to open.
//
// Ctrl-C / SIGTERM stops what this run started, and only that:
//   - code-server (its whole process group) and the esbuild watcher, by PID; its temporary user-data folder is deleted;
//   - demo-running, its state saved if this run started it (an emulated VM costs CPU for nothing once nobody looks at it;
//     the next start restores it in seconds).
// The demo VMs stay registered (the next start is quick) and the testbed stays up even if this run brought it up: it
// is shared with the test suites, and bringing it down is a deliberate `npm run testbed:down`.
import { execa } from 'execa';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort, portIsFree, startCodeServer, workbenchUrl } from './harness/codeServer.mjs';
import { demoMachines } from './harness/demoVms.mjs';
import { REPO } from './harness/paths.mjs';
import { ensureVirtualBox } from './harness/virtualBox.mjs';

const DEFAULT_PORT = 8765;
const watch = !process.argv.includes('--no-watch');
const say = (message) => console.log(`[start] ${message}`);

const cleanups = [];
let cleaningUp;
function cleanUp() {
    cleaningUp ??= (async () => {
        for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => say(`cleanup failed: ${error}`));
    })();
    return cleaningUp;
}

async function choosePort() {
    if (process.env.PORT) return Number(process.env.PORT);
    return (await portIsFree(DEFAULT_PORT)) ? DEFAULT_PORT : freePort();
}

function startWatcher() {
    const child = spawn(process.execPath, ['scripts/build.mjs', '--watch'], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    return async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
    };
}

async function main() {
    say('building the extension');
    await execa(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'inherit' });

    const { vboxManage, source, testbedWasDown } = await ensureVirtualBox({ log: say });
    say(`VirtualBox (${source}${testbedWasDown ? ', brought up now' : ''}): ${vboxManage}`);
    if (source === 'testbed') {
        const demos = demoMachines(vboxManage, { log: say });
        const { startedDemoRunning } = await demos.ensure();
        if (startedDemoRunning) cleanups.push(() => demos.saveDemoRunning());
    }

    await execa('bash', ['test-tools/install.sh'], { cwd: REPO, stdio: 'inherit' });

    const workDir = mkdtempSync(path.join(tmpdir(), 'vscode-virtualbox-start-'));
    cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));
    const server = await startCodeServer({
        workDir,
        port: await choosePort(),
        userSettings: { 'virtualbox.vboxManagePath': vboxManage },
    });
    cleanups.push(() => server.stop());
    void server.exited.then(({ code, signal }) => {
        if (cleaningUp) return;
        say(`code-server stopped on its own (code ${code}, signal ${signal}); the end of its log:`);
        console.log(readFileSync(server.logFile, 'utf8').split('\n').slice(-20).join('\n'));
        void cleanUp().finally(() => process.exit(1));
    });
    if (watch) cleanups.push(startWatcher());

    const url = workbenchUrl(server, { extensionDevelopmentPath: REPO });
    say(`code-server pid ${server.pid}, log ${server.logFile}`);
    say('open this URL in a browser on this machine (Ctrl-C to stop):');
    console.log(`\n    ${url}\n`);
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    process.once(signal, () => {
        say(`${signal}: stopping what this run started`);
        void cleanUp().finally(() => process.exit(code));
    });
}

try {
    await main();
} catch (error) {
    say(`error: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    await cleanUp();
    process.exit(1);
}
// Runs until a signal: code-server and the watcher are children; the signal handlers above end them.
