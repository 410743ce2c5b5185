import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { launchChromium, type LaunchedChromium } from '../../../scripts/harness/browser.mjs';
import { startCodeServer, workbenchUrl, workLayout, type CodeServer } from '../../../scripts/harness/codeServer.mjs';
import { REPO, TEST_OUTPUT } from '../../../scripts/harness/paths.mjs';
import { ensureVirtualBox } from '../../../scripts/harness/virtualBox.mjs';
import { VBoxManageCli } from './vboxManage';
import { Workbench } from './workbench';

const run = promisify(execFile);

/** Where this run's screenshots and, after a failure, its logs go: .test-output/e2e/<time>/. */
export const OUTPUT_DIR = path.join(TEST_OUTPUT, 'e2e', new Date().toISOString().replace(/[:.]/g, '-'));

/**
 * User settings of the journeys' workbench. A short stop timeout: the testbed's guests have no OS, so they ignore
 * the ACPI power button, and journey 3 waits that long before it is offered Power Off.
 */
const SETTINGS = {
    'virtualbox.stopTimeoutSeconds': 3,
    'workbench.colorTheme': 'Default Dark Modern',
    'workbench.activityBar.location': 'default',
    'window.commandCenter': false,
    'editor.minimap.enabled': false,
    // Other programs' ports on this machine must not pop up "Your application ... is available" over the journeys.
    'remote.autoForwardPorts': false,
    // The DOM renderer, so that a terminal's text can be read from the page (journey 11).
    'terminal.integrated.gpuAcceleration': 'off',
};

/** One code-server and one browser page for every journey; the extension loaded in development mode. */
export interface E2eSession {
    readonly vbox: VBoxManageCli;
    readonly workbench: Workbench;
    readonly server: CodeServer;
    readonly chromium: LaunchedChromium;
    readonly workDir: string;
    /** The workbench's console (and the extension host's, which it relays), for the evidence of a failure. */
    readonly consoleLines: string[];
    /** The file code-server reads machine-scoped settings from (virtualbox.vboxManagePath lives there). */
    readonly machineSettingsFile: string;
}

let current: E2eSession | undefined;
const say = (message: string) => console.log(`  [e2e] ${message}`);

export function session(): E2eSession {
    if (!current) throw new Error('The e2e session has not started (test/e2e/support/setup.ts starts it).');
    return current;
}

export async function startSession(): Promise<E2eSession> {
    const started = Date.now();
    await run(process.execPath, ['scripts/build.mjs'], { cwd: REPO });
    await run('bash', ['test-tools/install.sh'], { cwd: REPO });
    const { vboxManage, source } = await ensureVirtualBox({ log: say });
    say(`VBoxManage (${source}): ${vboxManage}`);
    const vbox = new VBoxManageCli(vboxManage);

    const workDir = mkdtempSync(path.join(tmpdir(), 'vscode-virtualbox-e2e-'));
    const cleanupOnError: (() => Promise<void>)[] = [async () => rmSync(workDir, { recursive: true, force: true })];
    try {
        const server = await startCodeServer({ workDir, userSettings: { 'virtualbox.vboxManagePath': vboxManage, ...SETTINGS }, isolateHome: true });
        cleanupOnError.unshift(() => server.stop());
        const chromium = await launchChromium({ viewport: { width: 1440, height: 900 } });
        cleanupOnError.unshift(() => chromium.close());
        const consoleLines: string[] = [];
        chromium.page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
        chromium.page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.stack ?? error.message}`));
        chromium.page.setDefaultTimeout(30_000);

        await chromium.page.goto(workbenchUrl(server, { extensionDevelopmentPath: REPO }));
        await chromium.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        const workbench = new Workbench(chromium.page);
        await workbench.showVirtualBox();
        await widenSideBar(workbench);
        current = {
            vbox,
            workbench,
            server,
            chromium,
            workDir,
            consoleLines,
            machineSettingsFile: path.join(server.dirs.userData, 'Machine', 'settings.json'),
        };
        say(`workbench ready after ${((Date.now() - started) / 1000).toFixed(1)} s (code-server ${server.origin})`);
        return current;
    } catch (error) {
        for (const cleanup of cleanupOnError) await cleanup().catch(() => undefined);
        throw error;
    }
}

/** Drags the side bar's edge so tree rows show their full descriptions in the screenshots. */
async function widenSideBar(workbench: Workbench): Promise<void> {
    const box = await workbench.page.locator('.part.sidebar').boundingBox();
    if (!box) return;
    const { mouse } = workbench.page;
    await mouse.move(box.x + box.width - 1, box.y + box.height / 2);
    await mouse.down();
    await mouse.move(box.x + 460, box.y + box.height / 2, { steps: 5 });
    await mouse.up();
}

export async function stopSession(): Promise<void> {
    const ending = current;
    current = undefined;
    if (!ending) return;
    await ending.chromium.close().catch((error) => say(`closing Chromium failed: ${error}`));
    await ending.server.stop().catch((error) => say(`stopping code-server failed: ${error}`));
    if (process.env.KEEP_WORK_DIR === '1') say(`work folder kept: ${ending.workDir}`);
    else rmSync(ending.workDir, { recursive: true, force: true });
}

const safe = (name: string) => name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120);

/**
 * Saves a screenshot of the whole workbench under this run's output folder. With E2E_UPDATE_IMAGES=1 a shot given a
 * `docsImage` name is also copied to docs/images (the README's pictures; look at them before committing).
 */
export async function screenshot(name: string, options: { docsImage?: string; hideToasts?: boolean } = {}): Promise<string> {
    const { page } = session().workbench;
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const file = path.join(OUTPUT_DIR, `${safe(name)}.png`);
    // Notifications already read (they name this machine's paths) are put away, as a person would.
    if (options.hideToasts) await session().workbench.runCommand('Notifications: Clear All Notifications');
    // No blinking cursor or hover leftovers in the picture: the pointer rests on the title bar, where nothing hovers.
    await page.mouse.move(720, 12);
    await page.waitForTimeout(500);
    await page.screenshot({ path: file });
    if (options.docsImage && process.env.E2E_UPDATE_IMAGES === '1') {
        mkdirSync(path.join(REPO, 'docs', 'images'), { recursive: true });
        cpSync(file, path.join(REPO, 'docs', 'images', options.docsImage));
    }
    return file;
}

/** After a failed journey: a screenshot, the workbench console, code-server's and VS Code's logs. */
export async function keepEvidence(testTitle: string): Promise<string> {
    const dir = path.join(OUTPUT_DIR, `FAILED-${safe(testTitle)}`);
    mkdirSync(dir, { recursive: true });
    const active = current;
    if (!active) return dir;
    await active.workbench.page.screenshot({ path: path.join(dir, 'workbench.png') }).catch((error) => say(`no screenshot: ${error}`));
    writeFileSync(path.join(dir, 'workbench-console.log'), `${active.consoleLines.join('\n')}\n`);
    const { logFile, vscodeLogs } = workLayout(active.workDir);
    if (existsSync(logFile)) cpSync(logFile, path.join(dir, 'code-server.log'));
    // VS Code's logs include the extension's "VirtualBox" output channel (every VBoxManage call and error).
    if (existsSync(vscodeLogs)) cpSync(vscodeLogs, path.join(dir, 'vscode-logs'), { recursive: true });
    return dir;
}
