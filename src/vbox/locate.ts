import { access, constants, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { VBoxError } from './errors';

/** Where to look, and how to check a candidate: injected so that every platform's rules can be unit-tested. */
export interface LocateEnvironment {
    readonly platform: NodeJS.Platform;
    readonly env: Readonly<Record<string, string | undefined>>;
    /** True when the path is an existing file this process may execute. */
    readonly isExecutable: (file: string) => Promise<boolean>;
}

export const nodeLocateEnvironment: LocateEnvironment = {
    platform: process.platform,
    env: process.env,
    isExecutable: async (file) => {
        try {
            const info = await stat(file);
            if (!info.isFile()) return false;
            await access(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
            return true;
        } catch {
            return false;
        }
    },
};

const DEFAULT_FOLDERS: Partial<Record<NodeJS.Platform, string[]>> = {
    win32: ['C:\\Program Files\\Oracle\\VirtualBox'],
    darwin: ['/Applications/VirtualBox.app/Contents/MacOS', '/usr/local/bin'],
    linux: ['/usr/bin', '/usr/lib/virtualbox', '/opt/VirtualBox', '/usr/local/bin'],
};

function executableNames(platform: NodeJS.Platform): string[] {
    return platform === 'win32' ? ['VBoxManage.exe'] : ['VBoxManage', 'vboxmanage'];
}

/** The folders of the PATH variable (Path on Windows), in order. */
function pathFolders({ platform, env }: Pick<LocateEnvironment, 'platform' | 'env'>): string[] {
    return (env.PATH ?? env.Path ?? '')
        .split(platform === 'win32' ? ';' : ':')
        .map((folder) => folder.trim())
        .filter(Boolean);
}

/**
 * The candidates in the order they are tried: the user's setting, PATH, VBOX_MSI_INSTALL_PATH and VBOX_INSTALL_PATH
 * (install folders, possibly `;`-separated lists with a trailing separator), then the platform's default folders.
 */
export function candidatePaths(setting: string | undefined, environment: Pick<LocateEnvironment, 'platform' | 'env'>): string[] {
    const { platform, env } = environment;
    const p = platform === 'win32' ? path.win32 : path.posix;
    const names = executableNames(platform);
    const inFolders = (folders: string[]) => folders.flatMap((folder) => names.map((name) => p.join(folder, name)));
    const listed = (value: string | undefined, separator: string) =>
        (value ?? '')
            .split(separator)
            .map((folder) => folder.trim())
            .filter(Boolean);

    const candidates: string[] = [];
    if (setting?.trim()) candidates.push(setting.trim());
    candidates.push(...inFolders(pathFolders(environment)));
    candidates.push(...inFolders(listed(env.VBOX_MSI_INSTALL_PATH, ';')));
    candidates.push(...inFolders(listed(env.VBOX_INSTALL_PATH, platform === 'win32' ? ';' : ':')));
    candidates.push(...inFolders(DEFAULT_FOLDERS[platform] ?? []));
    return [...new Set(candidates)];
}

/**
 * Finds VBoxManage. A configured path that does not work is an error of its own (the user asked for that file),
 * rather than silently falling back to another VirtualBox.
 */
export async function locateVBoxManage(setting: string | undefined, environment: LocateEnvironment = nodeLocateEnvironment): Promise<string> {
    if (setting?.trim()) {
        const configured = setting.trim();
        if (await environment.isExecutable(configured)) return configured;
        throw new VBoxError(
            'VBOXMANAGE_MISSING',
            `The VBoxManage set in "virtualbox.vboxManagePath" (${configured}) does not exist or cannot be run. Fix the setting or clear it to search the usual places.`,
            { details: `checked: ${configured}` },
        );
    }
    const candidates = candidatePaths(undefined, environment);
    for (const candidate of candidates) {
        if (await environment.isExecutable(candidate)) return candidate;
    }
    throw new VBoxError(
        'VBOXMANAGE_MISSING',
        'VBoxManage was not found. Install VirtualBox 7, or set "virtualbox.vboxManagePath" to your VBoxManage.',
        { details: `looked in: ${candidates.join(', ')}` },
    );
}

const SSH_FOLDERS: Partial<Record<NodeJS.Platform, string[]>> = {
    win32: ['C:\\Windows\\System32\\OpenSSH'],
    darwin: ['/usr/bin', '/usr/local/bin', '/opt/homebrew/bin'],
    linux: ['/usr/bin', '/usr/local/bin'],
};

/** Where the OpenSSH client is looked for: the setting alone when set, else PATH, then the platform's usual folders. */
export function sshClientCandidates(setting: string | undefined, environment: Pick<LocateEnvironment, 'platform' | 'env'>): string[] {
    if (setting?.trim()) return [setting.trim()];
    const p = environment.platform === 'win32' ? path.win32 : path.posix;
    const name = environment.platform === 'win32' ? 'ssh.exe' : 'ssh';
    return [...new Set([...pathFolders(environment), ...(SSH_FOLDERS[environment.platform] ?? [])].map((folder) => p.join(folder, name)))];
}

/**
 * Finds the system OpenSSH client that terminals run (the `virtualbox.sshPath` setting, else PATH). Its absence is an
 * error a person can act on, rather than a terminal that closes at once.
 */
export async function locateSshClient(setting: string | undefined, environment: LocateEnvironment = nodeLocateEnvironment): Promise<string> {
    const candidates = sshClientCandidates(setting, environment);
    for (const candidate of candidates) {
        if (await environment.isExecutable(candidate)) return candidate;
    }
    throw new VBoxError(
        'SSH_CLIENT_MISSING',
        setting?.trim()
            ? `The ssh set in "virtualbox.sshPath" (${setting.trim()}) does not exist or cannot be run. Fix the setting, or clear it to use the ssh on PATH.`
            : 'The OpenSSH client (ssh) was not found. Install it (for example the openssh-client package, or the OpenSSH Client feature of Windows), or set "virtualbox.sshPath" to it.',
        { details: `looked in: ${candidates.join(', ')}` },
    );
}
