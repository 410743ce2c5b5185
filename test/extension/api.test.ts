// The public API another extension gets from activate(): versioned, the operation catalogue, the operations
// themselves (checked against VBoxManage) and the event when VMs change.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { VirtualBoxApi, VmsChangeEvent } from '../../src/api';
import { allOperations } from '../../src/operations';
import { createTestVm, EXTENSION_ID, findVmNode, removeTestVm, vbox, vmInfo } from './machinesHelpers';
import { waitFor } from './support/waitFor';

const unique = (label: string) => `ext-api-${label}-${Math.random().toString(16).slice(2, 8)}`;

/** What another extension does: getExtension(...).activate() and use what it resolves to. */
async function api(): Promise<VirtualBoxApi> {
    const extension = vscode.extensions.getExtension<VirtualBoxApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    const exports = await extension.activate();
    assert.ok(exports, 'activate() returned nothing: extension.ts does not return the API');
    return exports;
}

/** Collects the events fired while `body` runs and until `until` holds (at most 30 s), running `poll` meanwhile. */
async function eventsDuring(
    source: VirtualBoxApi,
    body: () => Promise<unknown>,
    until: (events: VmsChangeEvent[]) => boolean,
    poll: () => Thenable<unknown> = () => Promise.resolve(),
): Promise<VmsChangeEvent[]> {
    const events: VmsChangeEvent[] = [];
    const subscription = source.onDidChangeVms((event) => events.push(event));
    try {
        await body();
        await waitFor(
            async () => {
                if (until(events)) return true;
                await poll();
                return until(events);
            },
            30_000,
            250,
        );
        return events;
    } finally {
        subscription.dispose();
    }
}

describe('(extension) public API', function () {
    this.timeout(180_000);
    const vm = unique('vm');
    let uuid = '';

    before(async () => {
        await api();
        uuid = await createTestVm(vm, { memoryMb: 64 });
    });

    after(async () => {
        await removeTestVm(uuid);
    });

    it('is version 1 and lists every operation with its effect, tool name and JSON Schema', async () => {
        const { apiVersion, listOperations } = await api();
        assert.equal(apiVersion, 1);
        const listed = listOperations();
        assert.deepEqual(
            listed.map((entry) => entry.id),
            allOperations.map((operation) => operation.id),
        );
        for (const entry of listed) {
            assert.match(entry.effect, /^(read|change|destroy|varies)$/);
            assert.equal(entry.toolName, `virtualbox_${entry.id}`);
            assert.equal(entry.inputSchema.type, 'object');
        }
        // Each call returns a copy: one caller's changes do not reach another.
        listed[0].inputSchema.type = 'changed';
        assert.equal(listOperations()[0].inputSchema.type, 'object');
    });

    it('operations.list_vms returns the VM created through VBoxManage', async () => {
        const vms = (await (await api()).operations.list_vms({})) as { uuid: string; name: string }[];
        assert.equal(vms.find((row) => row.uuid === uuid)?.name, vm);
    });

    it('operations.set_memory changes the VM as VirtualBox reports it and fires onDidChangeVms for the operation', async () => {
        const source = await api();
        const events = await eventsDuring(
            source,
            () => source.operations.set_memory({ vm, memoryMb: 80 }),
            (seen) => seen.some((event) => event.reason === 'operation'),
        );
        assert.equal((await vmInfo(uuid)).get('memory'), '80');
        assert.ok(events.some((event) => event.reason === 'operation' && event.operationId === 'set_memory'), JSON.stringify(events));
    });

    it('rejects invalid input with a VBoxError whose code is INVALID_INPUT', async () => {
        await assert.rejects((await api()).operations.set_memory({ vm, memoryMb: 1 }), (error: { code?: string; message?: string }) => {
            assert.equal(error.code, 'INVALID_INPUT');
            assert.match(error.message ?? '', /memoryMb/);
            return true;
        });
    });

    it('fires onDidChangeVms with reason "refresh" when a refresh finds a VM that appeared outside the extension', async () => {
        const source = await api();
        // The first list a refresh reads is the baseline later ones are compared with: wait until the Machines view has
        // read one (a refresh can fail for a moment while other VMs power off), so that the new VM is a difference.
        const refreshed = async () => {
            await vscode.commands.executeCommand('virtualbox.refresh');
            return (await findVmNode(vm)) !== undefined;
        };
        assert.ok(await waitFor(refreshed, 60_000, 1_000), 'the Machines view never showed the test VM');
        const other = unique('outside');
        let otherUuid = '';
        try {
            const events = await eventsDuring(
                source,
                async () => {
                    otherUuid = await createTestVm(other);
                },
                (seen) => seen.some((event) => event.reason === 'refresh'),
                () => vscode.commands.executeCommand('virtualbox.refresh'),
            );
            assert.ok(events.some((event) => event.reason === 'refresh'), JSON.stringify(events));
        } finally {
            if (otherUuid) await removeTestVm(otherUuid);
            else await vbox('unregistervm', other, '--delete').catch(() => undefined);
        }
    });
});
