import { strict as assert } from 'node:assert';
import { runOperation, type OperationContext } from '../../../src/operations/operation';
import { listVms } from '../../../src/operations/vm/listVms';
import type { VBoxCommand } from '../../../src/vbox/command';
import { silentLogger } from '../../../src/vbox/logger';

describe('(unit) vm list_vms with an inaccessible VM', () => {
    it('lists it as inaccessible without asking showvminfo (which VirtualBox refuses for it)', async () => {
        const asked: string[][] = [];
        const ctx: OperationContext = {
            signal: new AbortController().signal,
            progress: () => undefined,
            log: silentLogger,
            vbox: {
                run: async <T>(cmd: VBoxCommand<T>): Promise<T> => {
                    asked.push([...cmd.args]);
                    // Shape of a recorded `list vms` line for an inaccessible VM.
                    return cmd.parse({ stdout: '"<inaccessible>" {5c19c571-db10-4b97-9f2d-4004f715809b}\n', stderr: '', exitCode: 0 });
                },
            },
        };
        const rows = await runOperation(listVms, ctx, {});
        assert.deepEqual(asked, [['list', 'vms']]);
        assert.equal(rows.length, 1);
        assert.equal(rows[0].uuid, '5c19c571-db10-4b97-9f2d-4004f715809b');
        assert.equal(rows[0].accessible, false);
        assert.equal(rows[0].state, 'unknown');
    });
});
