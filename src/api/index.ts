import * as vscode from 'vscode';
import { allOperations } from '../operations';
import type { Operation } from '../operations/operation';
import type { Services } from '../services/services';
import { toolName } from '../lm/toolNames';
import { inputJsonSchema } from './inputSchema';
import type { CallOptions, OperationInfo, VirtualBoxApi, VmListEntry, VmsChangeEvent } from './types';

export type { CallOptions, OperationInfo, VirtualBoxApi, VmListEntry, VmsChangeEvent } from './types';

/** The public API plus what only the extension itself may call; `activate()` returns `api`, never this object. */
export interface PublicApiHost extends vscode.Disposable {
    readonly api: VirtualBoxApi;
    /**
     * Tells API users that the VMs changed outside an operation (the Machines view's refresh noticed it). With the
     * current list, the event fires only when the set of VMs, a name or a state differs from the last list given.
     */
    notifyVmsChanged(vms?: readonly VmListEntry[]): void;
}

export function createPublicApi(services: Services): PublicApiHost {
    const changed = new vscode.EventEmitter<VmsChangeEvent>();
    const subscription = services.vbox.onDidChangeState((operation) => changed.fire({ reason: 'operation', operationId: operation.id }));
    let lastList: string | undefined;

    const operations = Object.fromEntries(
        allOperations.map((operation) => [
            operation.id,
            (input: unknown, options: CallOptions = {}) => services.vbox.execute(operation, input, { signal: options.signal }),
        ]),
    ) as VirtualBoxApi['operations'];

    let catalogue: OperationInfo[] | undefined;
    const api: VirtualBoxApi = Object.freeze({
        apiVersion: 1 as const,
        operations: Object.freeze(operations),
        listOperations: () => {
            catalogue ??= allOperations.map(describeOperation);
            // A copy each time: callers may modify what they get without affecting other callers.
            return structuredClone(catalogue);
        },
        onDidChangeVms: changed.event,
    });

    return {
        api,
        notifyVmsChanged(vms) {
            if (vms) {
                const list = JSON.stringify(vms.map(({ uuid, name, state }) => [uuid, name, state]).sort());
                const first = lastList === undefined;
                const same = list === lastList;
                lastList = list;
                // The first list is the baseline, not a change.
                if (first || same) return;
            }
            changed.fire({ reason: 'refresh' });
        },
        dispose() {
            subscription.dispose();
            changed.dispose();
        },
    };
}

function describeOperation(operation: Operation): OperationInfo {
    return {
        id: operation.id,
        title: operation.title,
        description: operation.description,
        effect: typeof operation.effect === 'function' ? 'varies' : operation.effect,
        toolName: toolName(operation.id),
        inputSchema: inputJsonSchema(operation.input),
    };
}
