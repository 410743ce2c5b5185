import type * as vscode from 'vscode';
import type { allOperations } from '../operations';
import type { Operation, OperationEffect, OperationInput, OperationResult } from '../operations/operation';
import type { JsonSchema } from './inputSchema';

/**
 * What `activate()` returns to other extensions. Versioned: a breaking change gets a new apiVersion, and the old
 * shape stays available for as long as reasonable. Documented in docs/api.md.
 */
export interface VirtualBoxApi {
    readonly apiVersion: 1;
    /** Every operation by id, e.g. `operations.start_vm({ vm: 'web01' })`; the same handlers as the commands and tools. */
    readonly operations: OperationFunctions<typeof allOperations>;
    /** The catalogue: ids, what each does, whether it changes anything, and its input as JSON Schema. */
    listOperations(): OperationInfo[];
    /** Fires when VMs were added or removed, or a VM's state or settings may have changed. Re-read what you show. */
    readonly onDidChangeVms: vscode.Event<VmsChangeEvent>;
}

export interface CallOptions {
    /** Aborting kills the VBoxManage call; the promise then rejects with code CANCELLED. */
    readonly signal?: AbortSignal;
}

/**
 * One function per operation. Typed per operation as far as the catalogue's types carry ids and results; with the
 * catalogue typed as `Operation[]` it is a string-keyed map of `(input: unknown) => Promise<unknown>`.
 */
export type OperationFunctions<Ops extends readonly Operation[]> = {
    readonly [O in Ops[number] as O['id']]: (input: OperationInput<O>, options?: CallOptions) => Promise<OperationResult<O>>;
};

export interface OperationInfo {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    /** `varies`: depends on the input (e.g. port_forwarding lists with action "list" and changes with "add"). */
    readonly effect: OperationEffect | 'varies';
    /** The language-model tool that runs the same operation. */
    readonly toolName: string;
    readonly inputSchema: JsonSchema;
}

export interface VmsChangeEvent {
    /** `operation`: an operation that changes state finished (even if it failed); `refresh`: a re-read found a difference. */
    readonly reason: 'operation' | 'refresh';
    /** For `operation`: which one. */
    readonly operationId?: string;
}

/** What the Machines view knows of a VM; enough to tell whether the set of VMs or their states changed. */
export interface VmListEntry {
    readonly uuid: string;
    readonly name: string;
    readonly state: string;
}
