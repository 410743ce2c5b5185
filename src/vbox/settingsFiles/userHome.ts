import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

/** What VirtualBox's home depends on, injected so that every platform's rule can be unit-tested. */
export interface HomeEnvironment {
    readonly platform: NodeJS.Platform;
    readonly env: Readonly<Record<string, string | undefined>>;
    /** The user's home folder (os.homedir()). */
    readonly userDir: string;
    readonly cwd: string;
}

/**
 * Where VirtualBox keeps VirtualBox.xml, by VirtualBox's own rule (GetVBoxUserHomeDirectory): VBOX_USER_HOME made
 * absolute, else the first existing folder of the platform's list, else the last one of the list (which
 * VirtualBox would create):
 * - Linux and the other Unixes: ~/.VirtualBox (legacy), then $XDG_CONFIG_HOME/VirtualBox or ~/.config/VirtualBox;
 * - macOS: ~/Library/VirtualBox;  Windows: %USERPROFILE%\.VirtualBox.
 * The extension's VBoxManage inherits the same environment, so both look at the same home.
 */
export function userHomeCandidates(environment: HomeEnvironment): string[] {
    const { platform, env, userDir, cwd } = environment;
    const p = platform === 'win32' ? path.win32 : path.posix;
    if (env.VBOX_USER_HOME) return [p.resolve(cwd, env.VBOX_USER_HOME)];
    if (platform === 'darwin') return [p.join(userDir, 'Library', 'VirtualBox')];
    if (platform === 'win32') return [p.join(userDir, '.VirtualBox')];
    const xdg = env.XDG_CONFIG_HOME ? p.resolve(userDir, env.XDG_CONFIG_HOME, 'VirtualBox') : p.join(userDir, '.config', 'VirtualBox');
    return [p.join(userDir, '.VirtualBox'), xdg];
}

export function resolveUserHome(environment: HomeEnvironment, isDirectory: (dir: string) => boolean): string {
    const candidates = userHomeCandidates(environment);
    return candidates.find(isDirectory) ?? candidates[candidates.length - 1];
}

/** This process's VirtualBox home (which the VBoxManage it starts inherits). */
export function nodeUserHome(): string {
    const environment: HomeEnvironment = { platform: process.platform, env: process.env, userDir: homedir(), cwd: process.cwd() };
    return resolveUserHome(environment, (dir) => {
        try {
            return statSync(dir).isDirectory();
        } catch {
            return false;
        }
    });
}
