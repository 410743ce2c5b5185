import * as vscode from 'vscode';
import { z } from 'zod';
import { createVmInput } from '../../../operations/vm/createVm';
import type { OsType } from '../../../vbox/parsers/osTypes';
import type { HostLimits } from '../hostLimits';
import { validateCount } from '../hostLimits';
import type { MultiStepInput, WizardStep } from './multiStepInput';
import { clamp, osDefaults } from './osDefaults';

/** What the wizard has collected so far; going Back keeps it, so each step shows the earlier answer. */
export interface CreateVmState {
    name?: string;
    os?: OsType;
    memoryMb?: number;
    cpus?: number;
    /** 0 means no disk. */
    diskGb?: number;
    /** null: the user chose "no ISO". */
    isoPath?: string | null;
}

/** What the steps need from VirtualBox, read once when the wizard opens. */
export interface CreateVmFacts {
    readonly takenNames: ReadonlySet<string>;
    readonly osTypes: Promise<readonly OsType[]>;
    readonly limits: HostLimits;
}

const title = () => vscode.l10n.t('Create VM');
const MAX_DISK_GB = 2 * 1024 * 1024;

function defaultsFor(state: CreateVmState, limits: HostLimits) {
    const d = osDefaults(state.os);
    return {
        memoryMb: clamp(d.memoryMb, limits.minMemoryMb, Math.max(limits.minMemoryMb, Math.floor(limits.maxMemoryMb / 2))),
        cpus: clamp(d.cpus, limits.minCpus, Math.max(limits.minCpus, Math.floor(limits.maxCpus / 2))),
        diskGb: d.diskGb,
    };
}

export function createVmSteps(facts: CreateVmFacts): WizardStep<CreateVmState>[] {
    return [nameStep(facts), osStep(facts), memoryStep(facts), cpuStep(facts), diskStep(facts), isoStep()];
}

const nameStep = (facts: CreateVmFacts): WizardStep<CreateVmState> => ({
    async run(input: MultiStepInput, state) {
        const name = await input.showInputBox({
            title: title(),
            prompt: vscode.l10n.t('Name of the new VM'),
            value: state.name ?? '',
            placeholder: vscode.l10n.t('e.g. ubuntu-dev'),
            validate: (value) => {
                if (value.trim() === '') return vscode.l10n.t('Enter a name.');
                const parsed = createVmInput.shape.name.safeParse(value);
                if (!parsed.success) return parsed.error.issues[0]?.message;
                return facts.takenNames.has(parsed.data) ? vscode.l10n.t('A VM named "{0}" already exists.', parsed.data) : undefined;
            },
        });
        state.name = name.trim();
    },
});

interface OsItem extends vscode.QuickPickItem {
    readonly os?: OsType;
}

const osStep = (facts: CreateVmFacts): WizardStep<CreateVmState> => ({
    async run(input, state) {
        const types = await facts.osTypes;
        const items: OsItem[] = [];
        let family = '';
        for (const os of [...types].sort((a, b) => a.familyDescription.localeCompare(b.familyDescription))) {
            if (os.familyDescription !== family) {
                family = os.familyDescription;
                items.push({ label: family, kind: vscode.QuickPickItemKind.Separator });
            }
            items.push({ label: os.description, description: os.id, detail: os.subtype ? `${os.subtype} · ${os.architecture}` : os.architecture, os });
        }
        const preferred = state.os?.id ?? 'Ubuntu_64';
        const picked = await input.showQuickPick({
            title: title(),
            placeholder: vscode.l10n.t('Guest OS type (type to search)'),
            items,
            active: items.find((item) => item.os?.id === preferred),
            matchOnDescription: true,
            matchOnDetail: true,
        });
        // Another OS type: its own defaults for the next steps, not the previous one's.
        if (picked.os?.id !== state.os?.id) {
            state.memoryMb = undefined;
            state.cpus = undefined;
            state.diskGb = undefined;
        }
        state.os = picked.os;
    },
});

const memoryStep = ({ limits }: CreateVmFacts): WizardStep<CreateVmState> => ({
    async run(input, state) {
        const text = await input.showInputBox({
            title: title(),
            prompt: vscode.l10n.t('Memory in MB ({0} to {1} MB; this host has {2} MB)', limits.minMemoryMb, limits.maxMemoryMb, limits.hostMemoryMb),
            value: String(state.memoryMb ?? defaultsFor(state, limits).memoryMb),
            validate: (value) => validateCount(value, createVmInput.shape.memoryMb, limits.minMemoryMb, limits.maxMemoryMb, ' MB'),
        });
        state.memoryMb = Number(text.trim());
    },
});

const cpuStep = ({ limits }: CreateVmFacts): WizardStep<CreateVmState> => ({
    async run(input, state) {
        const text = await input.showInputBox({
            title: title(),
            prompt: vscode.l10n.t('Virtual CPUs ({0} to {1}; this host has {2} logical CPUs)', limits.minCpus, limits.maxCpus, limits.hostCpus),
            value: String(state.cpus ?? defaultsFor(state, limits).cpus),
            validate: (value) => validateCount(value, createVmInput.shape.cpus, limits.minCpus, limits.maxCpus),
        });
        state.cpus = Number(text.trim());
    },
});

const diskStep = ({ limits }: CreateVmFacts): WizardStep<CreateVmState> => ({
    async run(input, state) {
        const text = await input.showInputBox({
            title: title(),
            prompt: vscode.l10n.t('Size of a new, dynamically growing disk in GB (0 for no disk)'),
            value: String(state.diskGb ?? defaultsFor(state, limits).diskGb),
            validate: (value) => {
                const problem = validateCount(value, z.number().int(), 0, MAX_DISK_GB, ' GB');
                if (problem || Number(value) === 0) return problem;
                // The operation takes megabytes: its schema has the last word.
                return createVmInput.shape.diskSizeMb.safeParse(Number(value) * 1024).error?.issues[0]?.message;
            },
        });
        state.diskGb = Number(text.trim());
    },
});

interface IsoItem extends vscode.QuickPickItem {
    readonly choice: 'none' | 'browse' | 'keep';
}

const isoStep = (): WizardStep<CreateVmState> => ({
    async run(input, state) {
        for (;;) {
            const items: IsoItem[] = [
                { choice: 'none', label: vscode.l10n.t('$(circle-slash) No ISO'), detail: vscode.l10n.t('Insert one later from the Storage node.') },
                { choice: 'browse', label: vscode.l10n.t('$(folder-opened) Choose an ISO image…') },
            ];
            if (state.isoPath) items.unshift({ choice: 'keep', label: `$(record) ${state.isoPath}` });
            const picked = await input.showQuickPick({ title: title(), placeholder: vscode.l10n.t('Optional: an installation ISO for the DVD drive'), items });
            if (picked.choice === 'keep') return;
            if (picked.choice === 'none') {
                state.isoPath = null;
                return;
            }
            const files = await vscode.window.showOpenDialog({
                title: vscode.l10n.t('Installation ISO image'),
                canSelectMany: false,
                filters: { [vscode.l10n.t('Disk images')]: ['iso'], [vscode.l10n.t('All files')]: ['*'] },
            });
            if (files?.[0]) {
                state.isoPath = files[0].fsPath;
                return;
            }
            // Dialog dismissed: ask again rather than leave the wizard.
        }
    },
});
