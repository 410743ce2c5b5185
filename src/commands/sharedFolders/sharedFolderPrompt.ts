import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { z } from 'zod';
import { addSharedFolderInput } from '../../operations/sharedFolders/addSharedFolder';
import { autoMountPoint, hostFolderPath, sharedFolderName } from '../../operations/sharedFolders/sharedFolderRules';
import { UserCancelledError } from '../registerCommand';
import { askInput } from '../storage/pickItem';

export type SharedFolderAnswers = Pick<z.input<typeof addSharedFolderInput>, 'name' | 'hostPath' | 'readOnly' | 'autoMount' | 'autoMountPoint'>;

/** The first problem the operation's own schema finds in a value, as the input box shows it. */
function problem(schema: z.ZodType, value: unknown): string | undefined {
    const parsed = schema.safeParse(value);
    return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

async function hostPathProblem(text: string): Promise<string | undefined> {
    const invalid = problem(hostFolderPath, text);
    if (invalid) return invalid;
    const info = await stat(text.trim()).catch(() => undefined);
    if (!info) return vscode.l10n.t('No such folder on the host.');
    return info.isDirectory() ? undefined : vscode.l10n.t('This is a file; choose a folder.');
}

/** A share name from the folder's name: VirtualBox refuses whitespace, and slashes would be read as paths in the guest. */
function suggestedName(hostPath: string, taken: readonly string[]): string {
    const base = path.basename(hostPath).replace(/[\s/\\]+/g, '_').slice(0, 60) || 'share';
    let name = base;
    for (let n = 2; taken.includes(name); n++) name = `${base}${n}`;
    return name;
}

/**
 * The steps of a new shared folder (host folder, share name, access, mounting, then the mount point when
 * auto-mounted), each checked as typed against the add_shared_folder operation's schema; `taken` are the VM's names.
 */
export async function askSharedFolder(title: string, taken: readonly string[]): Promise<SharedFolderAnswers> {
    const step = (n: number) => `${title} (${n}/4)`;
    const hostPath = (
        await askInput({
            title: step(1),
            prompt: vscode.l10n.t('The host folder to share (an absolute path)'),
            value: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
            validateInput: hostPathProblem,
        })
    ).trim();
    const name = (
        await askInput({
            title: step(2),
            prompt: vscode.l10n.t('Share name the guest sees (mount -t vboxsf NAME, \\\\vboxsvr\\NAME)'),
            value: suggestedName(hostPath, taken),
            validateInput: (text) =>
                problem(sharedFolderName, text) ?? (taken.includes(text.trim()) ? vscode.l10n.t('This VM already has a shared folder named "{0}".', text.trim()) : undefined),
        })
    ).trim();
    const access = await vscode.window.showQuickPick(
        [
            { label: vscode.l10n.t('Writable'), detail: vscode.l10n.t('The guest can change files in the host folder'), readOnly: false },
            { label: vscode.l10n.t('Read-only'), detail: vscode.l10n.t('The guest can only read them'), readOnly: true },
        ],
        { title: step(3), placeHolder: vscode.l10n.t('Access') },
    );
    if (!access) throw new UserCancelledError();
    const mounting = await vscode.window.showQuickPick(
        [
            { label: vscode.l10n.t('Mount manually'), detail: vscode.l10n.t('The guest mounts it when told to'), autoMount: false },
            { label: vscode.l10n.t('Auto-mount'), detail: vscode.l10n.t('The Guest Additions mount it at boot'), autoMount: true },
        ],
        { title: step(4), placeHolder: vscode.l10n.t('Mounting') },
    );
    if (!mounting) throw new UserCancelledError();
    let mountPoint: string | undefined;
    if (mounting.autoMount) {
        const text = await askInput({
            title: step(4),
            prompt: vscode.l10n.t('Mount point in the guest (optional, e.g. /mnt/{0} or a drive letter such as S:); empty lets the guest choose', name),
            validateInput: (value) => (value.trim() === '' ? undefined : problem(autoMountPoint, value)),
        });
        mountPoint = text.trim() || undefined;
    }
    return { hostPath, name, readOnly: access.readOnly, autoMount: mounting.autoMount, ...(mountPoint ? { autoMountPoint: mountPoint } : {}) };
}
