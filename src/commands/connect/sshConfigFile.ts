import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { INCLUDE_LINE, MANAGED_CONFIG_FILE, hasInclude, parseManagedConfig, renderManagedConfig, withEntry, withInclude, type SshHostEntry } from '../../operations/connect/sshConfigText';
import { VBoxError } from '../../vbox/errors';
import { UserCancelledError } from '../registerCommand';

/** `~/.ssh` of the user VS Code runs as (the machine the ssh client and Remote-SSH run on). */
const sshDir = () => path.join(homedir(), '.ssh');

async function readIfAny(file: string): Promise<string | undefined> {
    try {
        return await readFile(file, 'utf8');
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw fileError(file, error);
    }
}

function fileError(file: string, error: unknown): VBoxError {
    const code = (error as NodeJS.ErrnoException).code;
    return new VBoxError('FILE_ERROR', `Could not use ${file} (${code ?? String(error)}). Check that you may read and write it.`, { cause: error });
}

/** The entries of the extension's own file (none when it does not exist yet). */
export async function readHostEntries(): Promise<SshHostEntry[]> {
    return parseManagedConfig((await readIfAny(path.join(sshDir(), MANAGED_CONFIG_FILE))) ?? '');
}

/** Writes this VM's entry into the extension's own file (0600, in a 0700 ~/.ssh it creates when missing). */
export async function writeHostEntry(entry: SshHostEntry): Promise<SshHostEntry> {
    const dir = sshDir();
    const file = path.join(dir, MANAGED_CONFIG_FILE);
    try {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        const entries = withEntry(parseManagedConfig((await readIfAny(file)) ?? ''), entry);
        await writeFile(file, renderManagedConfig(entries), { mode: 0o600 });
        await chmod(file, 0o600);
        return entries.find((written) => written.uuid === entry.uuid) ?? entry;
    } catch (error) {
        throw error instanceof VBoxError ? error : fileError(file, error);
    }
}

/** Drops the entries of these VMs (deleted) from the extension's own file; a file without them is left untouched. */
export async function removeHostEntries(uuids: readonly string[]): Promise<void> {
    const file = path.join(sshDir(), MANAGED_CONFIG_FILE);
    const text = await readIfAny(file);
    if (text === undefined) return;
    const entries = parseManagedConfig(text);
    const gone = new Set(uuids);
    const kept = entries.filter((entry) => !gone.has(entry.uuid));
    if (kept.length === entries.length) return;
    try {
        await writeFile(file, renderManagedConfig(kept), { mode: 0o600 });
    } catch (error) {
        throw fileError(file, error);
    }
}

/**
 * Makes `~/.ssh/config` include the extension's file, only with the user's consent (asked once each time it is
 * missing), after copying the file to `config.vscode-virtualbox.bak`. Declining cancels the caller silently.
 */
export async function ensureInclude(): Promise<void> {
    const file = path.join(sshDir(), 'config');
    const current = await readIfAny(file);
    if (current !== undefined && hasInclude(current)) return;
    const add = vscode.l10n.t('Add the Line');
    const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t(
            'Remote-SSH finds hosts in {0}. Add the line "{1}" at its top, so that it finds the VMs\' entries (in {2})? Nothing else in it changes; a copy is kept as {3}.',
            file,
            INCLUDE_LINE,
            path.join(sshDir(), MANAGED_CONFIG_FILE),
            `${file}.vscode-virtualbox.bak`,
        ),
        { modal: true },
        add,
    );
    if (choice !== add) throw new UserCancelledError();
    try {
        if (current !== undefined) await copyFile(file, `${file}.vscode-virtualbox.bak`);
        await writeFile(file, withInclude(current ?? ''), { mode: 0o600 });
    } catch (error) {
        throw fileError(file, error);
    }
}
