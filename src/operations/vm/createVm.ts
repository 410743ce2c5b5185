import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError, invalidInput } from '../../vbox/errors';
import { defineOperation, type OperationContext } from '../operation';
import { checkResourceLimits } from './resourceLimits';
import { runOptions } from '../shared/runOptions';
import { firstUuid } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { requireKnownOsType } from './osTypes';
import { absolutePath, cpuCount, groupPath, memoryMb, newVmName, osTypeId } from './vmSchemas';
import { requireNameFree, restated } from './vmQueries';

export const createVmInput = z.object({
    name: newVmName.describe('Name of the new VM; no other VM may have it.'),
    osType: osTypeId,
    memoryMb,
    cpus: cpuCount,
    diskSizeMb: z
        .number()
        .int()
        .min(1)
        .max(2 * 1024 * 1024 * 1024)
        .optional()
        .describe('Size of a new, dynamically growing VDI disk in MB, created in the VM folder on a SATA controller. Omit for no disk.'),
    isoPath: absolutePath.optional().describe('Absolute path of an ISO image to insert into a DVD drive on the SATA controller.'),
    baseFolder: absolutePath.optional().describe("Absolute folder in which the VM's folder is created; VirtualBox's default machine folder if omitted."),
    group: groupPath.optional(),
});

export type CreateVmInput = z.infer<typeof createVmInput>;

export interface CreateVmResult {
    readonly name: string;
    readonly uuid: string;
    readonly settingsFile: string;
    readonly diskPath?: string;
}

const CONTROLLER = 'SATA';

/** The calls after `createvm`, in order; each one is undone by deleting the VM if a later one fails. */
export function configureSteps(uuid: string, input: CreateVmInput, diskPath: string): { label: string; args: string[] }[] {
    const steps = [{ label: 'setting memory and CPUs', args: ['modifyvm', uuid, '--memory', String(input.memoryMb), '--cpus', String(input.cpus)] }];
    if (input.diskSizeMb === undefined && input.isoPath === undefined) return steps;
    steps.push({
        label: 'adding the SATA controller',
        args: ['storagectl', uuid, '--name', CONTROLLER, '--add', 'sata', '--controller', 'IntelAhci', '--portcount', '2', '--bootable', 'on'],
    });
    if (input.diskSizeMb !== undefined) {
        steps.push({
            label: 'creating the disk',
            args: ['createmedium', 'disk', '--filename', diskPath, '--size', String(input.diskSizeMb), '--format', 'VDI'],
        });
        steps.push({ label: 'attaching the disk', args: attach(uuid, 0, 'hdd', diskPath) });
    }
    if (input.isoPath !== undefined) {
        steps.push({ label: 'inserting the ISO image', args: attach(uuid, input.diskSizeMb === undefined ? 0 : 1, 'dvddrive', input.isoPath) });
    }
    return steps;
}

const attach = (uuid: string, port: number, type: string, medium: string) =>
    ['storageattach', uuid, '--storagectl', CONTROLLER, '--port', String(port), '--device', '0', '--type', type, '--medium', medium];

export function createVmArgs(input: CreateVmInput): string[] {
    const args = ['createvm', '--name', input.name, '--ostype', input.osType, '--register'];
    if (input.baseFolder) args.push('--basefolder', input.baseFolder);
    if (input.group) args.push('--groups', input.group);
    return args;
}

async function checkIso(path: string | undefined): Promise<void> {
    if (path === undefined) return;
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw invalidInput(`isoPath: no ISO file at ${path}.`);
}

export const createVm = defineOperation({
    id: 'create_vm',
    title: 'Create VM',
    description:
        'Creates and registers a new VM with the given OS type, memory and CPUs, optionally with a new disk and an ISO in a ' +
        'DVD drive. If a step fails, the partly created VM is deleted again.',
    input: createVmInput,
    effect: 'change',
    async run(ctx, input): Promise<CreateVmResult> {
        await requireKnownOsType(ctx, input.osType);
        await checkResourceLimits(ctx, { cpus: input.cpus, memoryMb: input.memoryMb });
        await checkIso(input.isoPath);
        await requireNameFree(ctx, input.name);

        ctx.progress({ message: 'Creating the VM' });
        const uuid = await ctx.vbox.run(command(createVmArgs(input), (o) => firstUuid(o.stdout)), { signal: ctx.signal });
        if (!uuid) throw new VBoxError('PARSE_ERROR', `VBoxManage createvm did not report the UUID of "${input.name}".`);
        let diskPath = '';
        let diskCreated = false;
        let step = 'reading the new VM back';
        try {
            const settingsFile = (await readVmInfo(ctx, uuid)).cfgFile;
            // The VM folder and file name are VirtualBox's sanitised form of the name: the disk takes the same.
            diskPath = join(dirname(settingsFile), `${basename(settingsFile, '.vbox')}.vdi`);
            for (const next of configureSteps(uuid, input, diskPath)) {
                step = next.label;
                ctx.progress({ message: next.label[0].toUpperCase() + next.label.slice(1) });
                await ctx.vbox.run(command(next.args, ignoreOutput, { vm: uuid, timeoutMs: 600_000 }), runOptions(ctx));
                if (next.args[0] === 'createmedium') diskCreated = true;
            }
            return { name: input.name, uuid, settingsFile, diskPath: diskCreated ? diskPath : undefined };
        } catch (error) {
            throw await rollBack(ctx, uuid, input.name, step, diskCreated ? diskPath : undefined, error);
        }
    },
});

/**
 * Deletes what a failed create left behind (the VM, its files, a disk that never got attached) and returns the
 * error to throw: the original code, with a message that says which step failed and what was cleaned up.
 */
async function rollBack(ctx: OperationContext, uuid: string, name: string, step: string, diskPath: string | undefined, error: unknown): Promise<VBoxError> {
    // Cleanup ignores the (possibly aborted) signal: a cancelled create must not leave a VM behind either.
    const cleanup = (args: string[]) => ctx.vbox.run(command(args, ignoreOutput, { vm: uuid, timeoutMs: 120_000 }));
    const problems: string[] = [];
    await cleanup(['unregistervm', uuid, '--delete']).catch((e: unknown) => problems.push(String(e instanceof Error ? e.message : e)));
    // A disk created but not attached is not deleted with the VM; closing an absent medium fails harmlessly.
    if (diskPath) await cleanup(['closemedium', 'disk', diskPath, '--delete']).catch(() => undefined);
    const cleaned = problems.length
        ? `Removing the partly created VM failed too (${problems.join('; ')}): delete "${name}" (${uuid}) by hand.`
        : 'The partly created VM was unregistered and its files deleted.';
    return restated(error, (message) => `Creating VM "${name}" failed while ${step}: ${message} ${cleaned}`);
}
