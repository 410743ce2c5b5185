import { command } from '../../vbox/command';
import { VBoxError, isVBoxError } from '../../vbox/errors';
import { sleep } from '../../vbox/sleep';
import { parseHostInfo } from '../../vbox/parsers/hostInfo';
import { parseOsTypes } from '../../vbox/parsers/osTypes';
import { parseSystemProperties } from '../../vbox/parsers/systemProperties';
import type { VmInfo } from '../../vbox/parsers/vmInfo';
import { parseVmList } from '../../vbox/parsers/vmList';
import type { OperationContext } from '../operation';
import { readVmInfo } from '../shared/vmInfoQuery';
import { ACTIVE_STATES, type AnyVmState } from '../shared/vmStates';

/** The reads the vm operations share beyond those in ../shared, and the checks built on them. */

export const listVmsCommand = command(['list', 'vms'], (o) => parseVmList(o.stdout));
export const listOsTypesCommand = command(['list', 'ostypes'], (o) => parseOsTypes(o.stdout));
export const systemPropertiesCommand = command(['list', 'systemproperties'], (o) => parseSystemProperties(o.stdout));
export const hostInfoCommand = command(['list', 'hostinfo'], (o) => parseHostInfo(o.stdout));

/** A registered VM with this exact name or UUID, if any (for "already exists" checks before creating). */
export async function findRegisteredVm(ctx: OperationContext, nameOrUuid: string): Promise<{ name: string; uuid: string } | undefined> {
    const vms = await ctx.vbox.run(listVmsCommand, { signal: ctx.signal });
    return vms.find((vm) => vm.name === nameOrUuid || vm.uuid === nameOrUuid);
}

export async function requireNameFree(ctx: OperationContext, name: string): Promise<void> {
    const existing = await findRegisteredVm(ctx, name);
    if (existing) throw new VBoxError('ALREADY_EXISTS', `A VM named "${name}" is already registered (UUID ${existing.uuid}). Choose another name.`);
}

/**
 * Reads the VM every half second until `done(state)` or the timeout; returns the last reading. Honours
 * cancellation between readings.
 */
export function waitForState(ctx: OperationContext, vm: string, done: (state: AnyVmState) => boolean, timeoutMs: number): Promise<VmInfo> {
    return waitUntil(ctx, vm, (info) => done(info.state), timeoutMs, 500);
}

async function waitUntil(ctx: OperationContext, vm: string, done: (info: VmInfo) => boolean, timeoutMs: number, intervalMs: number): Promise<VmInfo> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const info = await readVmInfo(ctx, vm);
        if (done(info) || Date.now() >= deadline) return info;
        await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())), ctx.signal);
    }
}

// After a VM process ends, its session stays locked for a second or two; calls on the VM then fail.
const SESSION_RELEASE_MS = 10_000;

/**
 * After powering off or saving: waits until the VM's session is released (no `SessionName`), so that what the
 * caller does next (start, change settings, delete) does not meet a lock. Returns the last reading either way.
 */
export function waitForSessionRelease(ctx: OperationContext, vm: string): Promise<VmInfo> {
    return waitUntil(ctx, vm, (info) => !ACTIVE_STATES.has(info.state) && info.sessionName === undefined, SESSION_RELEASE_MS, 250);
}

/**
 * The error a rolled-back step throws: the original code and VirtualBox's details, with a message that tells what
 * failed and what was cleaned up (`describe` gets the original message).
 */
export function restated(error: unknown, describe: (originalMessage: string) => string): VBoxError {
    const original = isVBoxError(error) ? error : new VBoxError('VBOX_ERROR', error instanceof Error ? error.message : String(error));
    return new VBoxError(original.code, describe(original.message), {
        details: original.details,
        args: original.args,
        exitCode: original.exitCode,
        resultCode: original.resultCode,
        cause: error,
    });
}
