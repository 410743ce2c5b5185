import { execa } from 'execa';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';

/**
 * The testbed's real Linux guest (scripts/testbed/guest/, booted once by `testbed.sh up` into the snapshot "booted"
 * of the VM "testbed-guest"). A test gets a running guest in seconds: a clone of that snapshot, started (VirtualBox
 * restores its saved state), with an SSH forward on a free loopback port. Nothing here is a product code path: tests
 * use it to set the stage and to read results back independently of the product.
 */
export const GOLDEN_GUEST_VM = 'testbed-guest';
export const GOLDEN_GUEST_SNAPSHOT = 'booted';

const credentialsSchema = z.object({
    root: z.object({ user: z.string().min(1), password: z.string().min(1) }),
    user: z.object({ user: z.string().min(1), password: z.string().min(1) }),
    hostname: z.string().min(1),
});

export interface GuestFiles {
    dir: string;
    keyFile: string;
    hostKey: string;
    credentials: z.infer<typeof credentialsSchema>;
}

/** The guest's files in a testbed's data folder (<testbed>/data, the folder its shim's VMs live under). */
export function guestFiles(testbedData: string): GuestFiles {
    const dir = path.join(testbedData, 'guest');
    const credentialsFile = path.join(dir, 'credentials.json');
    if (!existsSync(credentialsFile)) {
        throw new Error(`the testbed has no real guest (${dir} is empty): run \`npm run testbed:up\``);
    }
    return {
        dir,
        keyFile: path.join(dir, 'id_ed25519'),
        hostKey: readFileSync(path.join(dir, 'host_key.pub'), 'utf8').trim(),
        credentials: credentialsSchema.parse(JSON.parse(readFileSync(credentialsFile, 'utf8'))),
    };
}

export async function freeLoopbackPort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
        });
    });
}

export type Vbox = (...args: string[]) => Promise<string>;

export interface RunningGuest {
    name: string;
    sshPort: number;
    files: GuestFiles;
    /** A known_hosts file that pins the guest's host key for [127.0.0.1]:sshPort. */
    knownHostsFile: string;
    /** Runs a command in the guest over SSH as the unprivileged user (the test key); resolves its stdout. */
    ssh(command: string, user?: 'user' | 'root'): Promise<string>;
    /**
     * A private (0600) file holding the user's password, for `guestcontrol --passwordfile`; it lies in the testbed's
     * data folder, which VBoxManage sees at the same path.
     */
    passwordFile(user?: 'user' | 'root'): string;
    /** Ends the shared SSH connection and deletes the files above (not the VM). */
    dispose(): Promise<void>;
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value !== undefined) return value;
        } catch (error) {
            last = error;
        }
        if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s${last ? `: ${String(last)}` : ''}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
    }
}

/** Connects to a guest already running with an SSH forward on `sshPort`. */
export function connectGuest(name: string, sshPort: number, files: GuestFiles, testbedData: string): RunningGuest {
    const dir = mkdtempSync(path.join(testbedData, 'guest-session-'));
    const knownHostsFile = path.join(dir, 'known_hosts');
    writeFileSync(knownHostsFile, `[127.0.0.1]:${sshPort} ${files.hostKey}\n`, { mode: 0o600 });
    // One connection per user, shared by every command (ControlMaster): each new SSH handshake costs the emulated
    // guest CPU seconds.
    const sshOptions = (user: 'user' | 'root') => [
        '-i', files.keyFile, '-p', String(sshPort), '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes',
        '-o', 'ConnectTimeout=60', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHostsFile}`,
        '-o', 'LogLevel=ERROR', '-o', 'ControlMaster=auto', '-o', `ControlPath=${path.join(dir, `ssh-${user}`)}`,
        '-o', 'ControlPersist=300', `${files.credentials[user].user}@127.0.0.1`,
    ];
    return {
        name,
        sshPort,
        files,
        knownHostsFile,
        async ssh(command, user = 'user') {
            const { stdout } = await execa('ssh', [...sshOptions(user), command], { timeout: 120_000, stdin: 'ignore' });
            return stdout;
        },
        passwordFile(user = 'user') {
            const file = path.join(dir, `${user}.password`);
            writeFileSync(file, files.credentials[user].password, { mode: 0o600 });
            return file;
        },
        async dispose() {
            for (const user of ['user', 'root'] as const) {
                await execa('ssh', [...sshOptions(user), '-O', 'exit'], { timeout: 10_000, stdin: 'ignore', reject: false });
            }
            rmSync(dir, { recursive: true, force: true });
        },
    };
}

/**
 * A running real guest named `name`: a clone of the golden snapshot, started, with an SSH forward on a free loopback
 * port, ready when SSH answers. The caller deletes the VM, and calls `dispose`.
 */
export async function startGuestClone(vbox: Vbox, testbedData: string, name: string): Promise<RunningGuest> {
    const files = guestFiles(testbedData);
    await vbox('clonevm', GOLDEN_GUEST_VM, '--snapshot', GOLDEN_GUEST_SNAPSHOT, '--name', name, '--register');
    // Out of the golden VM's group /testbed, an ordinary VM (clonevm's --groups / keeps the source's groups).
    await vbox('modifyvm', name, '--groups', '/');
    await vbox('startvm', name, '--type', 'headless');
    const sshPort = await freeLoopbackPort();
    await vbox('controlvm', name, 'natpf1', `ssh,tcp,127.0.0.1,${sshPort},,22`);
    const guest = connectGuest(name, sshPort, files, testbedData);
    await waitFor(`the guest ${name} answers SSH on 127.0.0.1:${sshPort}`, 180_000,
        async () => ((await guest.ssh('echo ready')).trim() === 'ready' ? true : undefined));
    return guest;
}

/** VBoxManage's answers that mean the guest was too slow to open a Guest Control session (an emulated CPU). */
const SESSION_TOO_SLOW = /Error starting guest session \(current status is: starting\)|VERR_DUPLICATE|guest execution service is not ready/;

/**
 * Runs `VBoxManage guestcontrol …` with its stdout and stderr in files (VBoxManage cannot hand a socket, Node's default
 * stdio, to the guest process). VBoxManage waits a fixed 30 s for the guest to open a session; on the testbed's
 * emulated CPU a busy guest can take longer; and right after a session ends the guest's control service can be "not
 * ready" for a few seconds (VBoxService, restarted by the guest's init should it end, reports in again). Those refusals
 * are tried again, 5 s apart, up to six times in all.
 */
export async function guestControl(
    vboxManage: string,
    env: Record<string, string>,
    args: readonly string[],
    timeoutMs = 180_000,
): Promise<{ stdout: string; stderr: string }> {
    const dir = mkdtempSync(path.join(tmpdir(), 'vbox-guestcontrol-'));
    try {
        for (let attempt = 1; ; attempt++) {
            const stdoutFile = path.join(dir, `stdout-${attempt}`);
            const stderrFile = path.join(dir, `stderr-${attempt}`);
            const out = openSync(stdoutFile, 'w', 0o600);
            const err = openSync(stderrFile, 'w', 0o600);
            const code = await new Promise<number | null>((resolve, reject) => {
                const child = spawn(vboxManage, ['guestcontrol', ...args], {
                    stdio: ['ignore', out, err],
                    env: { ...process.env, LC_ALL: 'C', ...env },
                    timeout: timeoutMs,
                });
                child.once('error', reject);
                child.once('exit', (exitCode) => resolve(exitCode));
            }).finally(() => {
                closeSync(out);
                closeSync(err);
            });
            const result = { stdout: readFileSync(stdoutFile, 'utf8'), stderr: readFileSync(stderrFile, 'utf8') };
            if (code === 0) return result;
            if (attempt < 6 && SESSION_TOO_SLOW.test(result.stderr)) {
                await new Promise((resolve) => setTimeout(resolve, 5_000));
                continue;
            }
            throw new Error(`VBoxManage guestcontrol ${args.slice(0, 2).join(' ')} failed (exit ${code}): ${result.stderr.trim()}`);
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
