// Starts code-server (real VS Code 1.100.3, served to a browser) on 127.0.0.1 with everything it writes kept under
// one work folder, and stops it again by its process group. Used by the extension-test harness and by `npm start`.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CODE_SERVER_ENTRY } from './paths.mjs';

/** A port nobody listens on right now, on the loopback interface. */
export function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.unref();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

/** Where code-server keeps what it writes, all under workDir (also where to collect its logs after a failure). */
export function workLayout(workDir) {
    return {
        dirs: {
            userData: path.join(workDir, 'user-data'),
            extensions: path.join(workDir, 'extensions'),
            workspace: path.join(workDir, 'workspace'),
            tmp: path.join(workDir, 'tmp'),
            xdgConfig: path.join(workDir, 'xdg', 'config'),
            xdgData: path.join(workDir, 'xdg', 'data'),
            xdgCache: path.join(workDir, 'xdg', 'cache'),
            home: path.join(workDir, 'home'),
        },
        logFile: path.join(workDir, 'code-server.log'),
        /** VS Code's own logs: server, extension host, and each extension's log channels. */
        vscodeLogs: path.join(workDir, 'user-data', 'logs'),
    };
}

/** True when nothing listens on 127.0.0.1:port. */
export function portIsFree(port) {
    return new Promise((resolve) => {
        const server = createServer();
        server.unref();
        server.once('error', () => resolve(false));
        server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
}

/**
 * Lays out workDir (user data, extensions, XDG folders, TMPDIR, a workspace), writes the user settings, starts
 * code-server and waits for /healthz. The returned handle's stop() ends code-server and every process it spawned.
 *
 * @param {{ workDir: string, userSettings?: Record<string, unknown>, port?: number }} options
 */
export async function startCodeServer({ workDir, userSettings = {}, port, isolateHome = false }) {
    const { dirs, logFile } = workLayout(workDir);
    for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
    mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });

    const settings = {
        // Quiet, deterministic workbench: nothing pops up over what a test or a person wants to see.
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
        ...userSettings,
    };
    writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify(settings, null, 4)}\n`);
    // The extension's machine-scoped settings (virtualbox.vboxManagePath) are read from the server's Machine
    // settings in code-server; a value only in User settings is dropped once any setting is written.
    mkdirSync(path.join(dirs.userData, 'Machine'), { recursive: true });
    writeFileSync(path.join(dirs.userData, 'Machine', 'settings.json'), `${JSON.stringify(userSettings, null, 4)}\n`);

    port ??= await freePort();
    const config = path.join(workDir, 'code-server.yaml');
    writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

    const logFd = openSync(logFile, 'a');
    const args = [
        CODE_SERVER_ENTRY,
        '--config', config,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--extensions-dir', dirs.extensions,
        '--user-data-dir', dirs.userData,
        dirs.workspace,
    ];
    // detached: its own process group, so that stop() reaches the extension host and code-server's other children.
    const child = spawn(process.execPath, args, {
        detached: true,
        stdio: ['ignore', logFd, logFd],
        env: {
            ...process.env,
            TMPDIR: dirs.tmp,
            XDG_CONFIG_HOME: dirs.xdgConfig,
            XDG_DATA_HOME: dirs.xdgData,
            XDG_CACHE_HOME: dirs.xdgCache,
            // Tests: what the extension writes to the user's home (~/.ssh) goes to the work folder, never to the
            // home of whoever runs them. `npm start` keeps the real home: a person's own keys and SSH config.
            ...(isolateHome ? { HOME: dirs.home } : {}),
        },
    });
    closeSync(logFd);
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    // Backstop for an exit that skips stop() (a signal during start-up, an uncaught error): 'exit' handlers run
    // synchronously on every exit but a SIGKILL of this process.
    const killOnExit = () => signalGroup(child.pid, 'SIGKILL');
    process.once('exit', killOnExit);
    let stopped = false;

    const origin = `http://127.0.0.1:${port}`;
    const handle = {
        pid: child.pid,
        port,
        origin,
        dirs,
        logFile,
        /** Settles with { code, signal } when code-server's main process ends. */
        exited,
        /** Ends code-server's whole process group: TERM, a grace period, then KILL for anything left. Idempotent. */
        async stop() {
            if (stopped) return;
            stopped = true;
            signalGroup(child.pid, 'SIGTERM');
            await Promise.race([exited, sleep(5_000)]);
            // The group can outlive its leader (extension host, pty host, file watcher): sweep it.
            signalGroup(child.pid, 'SIGKILL');
            await Promise.race([exited, sleep(2_000)]);
            process.off('exit', killOnExit);
        },
    };

    try {
        await waitForHealth(origin, exited, 60_000);
    } catch (error) {
        await handle.stop();
        throw new Error(`${error instanceof Error ? error.message : error} (log: ${logFile})`, { cause: error });
    }
    return handle;
}

function signalGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
    } catch (error) {
        if (error.code !== 'ESRCH') throw error;
    }
}

async function waitForHealth(origin, exited, timeoutMs) {
    let exit;
    void exited.then((result) => (exit = result));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (exit) throw new Error(`code-server exited during start-up (code ${exit.code}, signal ${exit.signal})`);
        try {
            const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
            if (response.ok) return;
        } catch {
            // Not listening yet.
        }
        await sleep(200);
    }
    throw new Error(`code-server did not answer ${origin}/healthz within ${timeoutMs / 1000} s`);
}

/**
 * The workbench URL. code-server's CLI rejects --extensionDevelopmentPath; the web workbench reads the same options
 * from the `payload` parameter, as vscode-remote URIs on this server's authority.
 *
 * @param {{ origin: string, port: number, dirs: { workspace: string } }} server
 * @param {{ extensionDevelopmentPath?: string, extensionTestsPath?: string, folder?: string }} options
 */
export function workbenchUrl(server, { extensionDevelopmentPath, extensionTestsPath, folder } = {}) {
    const remote = (file) => `vscode-remote://127.0.0.1:${server.port}${encodePath(file)}`;
    const payload = [['skipWelcome', 'true']];
    if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
    if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
    const url = new URL(server.origin);
    url.searchParams.set('folder', folder ?? server.dirs.workspace);
    url.searchParams.set('payload', JSON.stringify(payload));
    return url.toString();
}

function encodePath(file) {
    return file.split(path.sep).map(encodeURIComponent).join('/');
}
