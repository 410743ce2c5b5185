import { strict as assert } from 'node:assert';
import { z } from 'zod';
import type { VBoxCommand } from '../../../src/vbox/command';
import { isVBoxError } from '../../../src/vbox/errors';
import { silentLogger } from '../../../src/vbox/logger';
import type { VBoxManage } from '../../../src/vbox/runner';
import { effectOf, runOperation, type Operation, type OperationContext } from '../../../src/operations/operation';
import { vmOperations } from '../../../src/operations/vm';

/** A VBoxManage that spawns nothing: it records each call and fails it, so a test can prove that none was made. */
class RecordingVBoxManage implements VBoxManage {
    readonly calls: string[][] = [];
    run<T>(command: VBoxCommand<T>): Promise<T> {
        this.calls.push([...command.args]);
        return Promise.reject(new Error(`unit test: VBoxManage ${command.args.join(' ')} must not be called`));
    }
}

function context(vbox: VBoxManage): OperationContext {
    return { vbox, signal: new AbortController().signal, progress: () => undefined, log: silentLogger };
}

function operation(id: string): Operation {
    const found = vmOperations.find((op) => op.id === id);
    assert.ok(found, `operation ${id} exists`);
    return found;
}

/** Invalid inputs per operation: each must be refused with INVALID_INPUT before a single call. */
const INVALID: Record<string, unknown[]> = {
    list_vms: [null, 'all'],
    get_vm_config: [{}, { vm: '' }, { vm: '   ' }, { vm: 42 }, { vm: '-x' }, { vm: '--help' }],
    create_vm: [
        {},
        { name: 'a', osType: 'Other', memoryMb: 512 },
        { name: 'a', osType: 'Ubuntu 64', memoryMb: 512, cpus: 1 },
        { name: 'a', osType: 'Other', memoryMb: 2, cpus: 1 },
        { name: 'a', osType: 'Other', memoryMb: 512, cpus: 0 },
        { name: 'a', osType: 'Other', memoryMb: 512.5, cpus: 1 },
        { name: 'a\nb', osType: 'Other', memoryMb: 512, cpus: 1 },
        { name: 'a', osType: 'Other', memoryMb: 512, cpus: 1, diskSizeMb: 0 },
        { name: 'a', osType: 'Other', memoryMb: 512, cpus: 1, isoPath: 'relative/boot.iso' },
        { name: 'a', osType: 'Other', memoryMb: 512, cpus: 1, baseFolder: 'machines' },
        { name: 'a', osType: 'Other', memoryMb: 512, cpus: 1, group: 'Team' },
        { name: 'a', osType: 'Other', memoryMb: 512, cpus: 1, group: '/Team/' },
        { name: 'a', osType: 'Other', memoryMb: 512, cpus: 1, group: '/a,/b' },
        { name: 'a', osType: 'Other', memoryMb: 512, cpus: 1, group: '/a//b' },
    ],
    start_vm: [{}, { vm: 'x', type: 'sdl' }],
    stop_vm: [{ vm: 'x', timeoutSeconds: 0 }, { vm: 'x', timeoutSeconds: 1.5 }, { vm: 'x', force: 'yes' }],
    pause_vm: [{}],
    resume_vm: [{ vm: '' }],
    save_vm_state: [{ vm: null }],
    power_off_vm: [{}],
    reset_vm: [{ vm: 'x' }, { vm: 'x', mode: 'soft' }, { vm: 'x', mode: 'snapshot', snapshot: '' }],
    clone_vm: [{ vm: 'x' }, { vm: 'x', newName: 'y', mode: 'thin' }, { vm: 'x', newName: 'y', baseFolder: './clones' }, { vm: 'x', newName: 'y', register: 'no' }],
    update_vm_config: [
        { vm: 'x' },
        { vm: 'x', patch: {} },
        { vm: 'x', patch: { memory: 512 } },
        { vm: 'x', patch: { firmware: 'uefi' } },
        { vm: 'x', patch: { bootOrder: [] } },
        { vm: 'x', patch: { bootOrder: ['disk', 'dvd', 'net', 'floppy', 'none'] } },
        { vm: 'x', patch: { bootOrder: ['usb'] } },
        { vm: 'x', patch: { groups: [] } },
        { vm: 'x', patch: { groups: ['nogroup'] } },
        { vm: 'x', patch: { graphicsController: 'vga' } },
        { vm: 'x', patch: { chipset: 'q35' } },
        { vm: 'x', patch: { vramMb: -1 } },
    ],
    set_cpu_count: [{ vm: 'x' }, { vm: 'x', cpus: 0 }, { vm: 'x', cpus: '2' }],
    set_memory: [{ vm: 'x', memoryMb: 3 }, { vm: 'x', memoryMb: 1024.5 }],
    get_resource_usage: [{}],
    start_metrics_collection: [{}, { vm: '' }],
    take_screenshot: [
        { vm: 'x' },
        { vm: 'x', path: 'shot.png' },
        { vm: 'x', folder: 'shots' },
        { vm: 'x', path: '/tmp/a.png', folder: '/tmp' },
    ],
    list_os_types: [{ search: '' }, { search: 3 }],
    delete_vm: [{}, { vm: 'x', deleteFiles: 'true' }],
};

describe('(unit) vm operations: input validation', () => {
    it('has a list of invalid inputs for every vm operation', () => {
        assert.deepEqual(Object.keys(INVALID).sort(), vmOperations.map((op) => op.id).sort());
    });

    for (const [id, inputs] of Object.entries(INVALID)) {
        it(`${id}: refuses ${inputs.length} invalid input(s) with INVALID_INPUT and no VBoxManage call`, async () => {
            for (const input of inputs) {
                const vbox = new RecordingVBoxManage();
                await assert.rejects(
                    runOperation(operation(id), context(vbox), input),
                    (error) => isVBoxError(error, 'INVALID_INPUT') && error.message.includes('Invalid input'),
                    `${id} ${JSON.stringify(input)} is refused`,
                );
                assert.deepEqual(vbox.calls, [], `${id} ${JSON.stringify(input)} spawned nothing`);
            }
        });
    }

    it('names the offending field in the message', async () => {
        const vbox = new RecordingVBoxManage();
        await assert.rejects(
            runOperation(operation('update_vm_config'), context(vbox), { vm: 'x', patch: { cpus: 0 } }),
            /patch\.cpus: Too small/,
        );
    });

    it('says "missing" and "not a number" rather than "received undefined" and "received NaN"', async () => {
        const create = operation('create_vm');
        await assert.rejects(runOperation(create, context(new RecordingVBoxManage()), { osType: 'Other', memoryMb: 64, cpus: 1 }), /name: missing \(expected string\)$/);
        await assert.rejects(runOperation(create, context(new RecordingVBoxManage()), { name: 'a', osType: 'Other', memoryMb: NaN, cpus: 1 }), /memoryMb: not a number/);
    });

    it('refuses a VM reference that VBoxManage would read as an option, pointing to the UUID', async () => {
        await assert.rejects(runOperation(operation('start_vm'), context(new RecordingVBoxManage()), { vm: '--help' }), /vm: must not start with "-".*UUID/);
    });

    it('refuses a relative screenshot path on the path, saying it must be absolute', async () => {
        await assert.rejects(runOperation(operation('take_screenshot'), context(new RecordingVBoxManage()), { vm: 'x', path: 'a.png' }), /path: must be an absolute path/);
    });
});

describe('(unit) vm operations: catalogue', () => {
    it('has unique snake_case ids and a title and description for each', () => {
        const ids = vmOperations.map((op) => op.id);
        assert.equal(new Set(ids).size, ids.length);
        for (const op of vmOperations) {
            assert.match(op.id, /^[a-z]+(?:_[a-z]+)*$/);
            assert.ok(op.title.length > 3 && op.description.length > 20, op.id);
        }
    });

    it('describes every input field (the schemas become tool schemas and docs)', () => {
        const undescribed: string[] = [];
        const visit = (schema: Record<string, unknown>, path: string) => {
            for (const option of [...((schema.anyOf as object[]) ?? []), ...((schema.oneOf as object[]) ?? [])]) visit(option as Record<string, unknown>, path);
            const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
            for (const [name, property] of Object.entries(properties)) {
                if (typeof property.description !== 'string' || !property.description) undescribed.push(`${path}.${name}`);
                visit(property, `${path}.${name}`);
            }
        };
        for (const op of vmOperations) visit(z.toJSONSchema(op.input, { io: 'input' }) as Record<string, unknown>, op.id);
        assert.deepEqual(undescribed, []);
    });

    it('marks deletion, power-off and resets as destroying, a forced stop too', () => {
        const effect = (id: string, input: unknown) => effectOf(operation(id), operation(id).input.parse(input));
        assert.equal(effect('delete_vm', { vm: 'x' }), 'destroy');
        assert.equal(effect('power_off_vm', { vm: 'x' }), 'destroy');
        assert.equal(effect('reset_vm', { vm: 'x', mode: 'hard' }), 'destroy');
        assert.equal(effect('stop_vm', { vm: 'x' }), 'change');
        assert.equal(effect('stop_vm', { vm: 'x', force: true }), 'destroy');
        assert.equal(effect('list_vms', {}), 'read');
        assert.equal(effect('get_vm_config', { vm: 'x' }), 'read');
    });
});
