import { z } from 'zod';
import { invalidInput } from '../vbox/errors';
import type { HostNetwork } from '../vbox/hostNetwork';
import type { Logger } from '../vbox/logger';
import type { VBoxManage } from '../vbox/runner';
import type { VirtualBoxSettingsFiles } from '../vbox/settingsFiles/settingsFiles';
import type { AnyVmState } from './shared/vmStates';

/** What an operation may use: the runner, cancellation, progress and the log. Nothing of vscode. */
export interface OperationContext {
    readonly vbox: VBoxManage;
    readonly signal: AbortSignal;
    /** Reports progress of long work: a percentage (0–100) and/or a short message. */
    readonly progress: (update: { percent?: number; message?: string }) => void;
    readonly log: Logger;
    /**
     * VirtualBox's own settings files (VirtualBox.xml, the .vbox files) in the home VBoxManage uses. Reads that can
     * use them (list_vms) are much faster; without it they ask VBoxManage for everything.
     */
    readonly settingsFiles?: VirtualBoxSettingsFiles;
    /** The network of the host VirtualBox runs on (free ports, SSH banners); operations that need it refuse without. */
    readonly hostNetwork?: HostNetwork;
}

/** How an operation affects VirtualBox: drives confirmations in the UI and in the language-model tools. */
export type OperationEffect = 'read' | 'change' | 'destroy';

/**
 * One operation, defined once: the tree, the palette, the webviews and the language-model tools all call it.
 * The input schema is the single source of truth for validation, forms, tool schemas and the docs.
 */
export interface Operation<Schema extends z.ZodType = z.ZodType, Result = unknown> {
    /** Stable snake_case id, e.g. `start_vm`; the language-model tool is `virtualbox_<id>`. */
    readonly id: string;
    readonly title: string;
    /** One or two sentences: what it does and when to use it (also the tool's model description). */
    readonly description: string;
    readonly input: Schema;
    readonly effect: OperationEffect | ((input: z.infer<Schema>) => OperationEffect);
    /**
     * The VM states it acts in (for this input); its `run` refuses others with INVALID_VM_STATE. Omitted: any state.
     * The one source of the rule: the commands' pickers and the menus' `when` clauses (generated into package.json)
     * derive from it.
     */
    readonly states?: ReadonlySet<AnyVmState> | ((input: z.infer<Schema>) => ReadonlySet<AnyVmState> | undefined);
    run(ctx: OperationContext, input: z.infer<Schema>): Promise<Result>;
}

const defined: Operation[] = [];

/** Every operation defined so far, in or out of the catalogue: what the integration suites' coverage counts. */
export const definedOperations: readonly Operation[] = defined;

export function defineOperation<Schema extends z.ZodType, Result>(operation: Operation<Schema, Result>): Operation<Schema, Result> {
    defined.push(operation as unknown as Operation);
    return operation;
}

export type OperationInput<O> = O extends Operation<infer S, unknown> ? z.input<S> : never;
export type OperationResult<O> = O extends Operation<z.ZodType, infer R> ? R : never;

/**
 * A readable one-line summary of zod issues: `memoryMb: Too small: expected number to be >=4`. zod words a missing
 * field "expected string, received undefined" and a NaN "received NaN"; a person reads "missing" and "not a number".
 */
export function describeIssues(error: z.ZodError): string {
    const say = (issue: z.core.$ZodIssue) => {
        if (issue.code !== 'invalid_type') return issue.message;
        if (/received undefined$/.test(issue.message)) return `missing (expected ${issue.expected})`;
        if (/received NaN$/.test(issue.message)) return `not a number (expected ${issue.expected})`;
        return issue.message;
    };
    return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${say(issue)}` : say(issue))).join('; ');
}

/**
 * Validates untrusted input against the operation's schema and runs it. Input that fails validation is rejected
 * with INVALID_INPUT before anything is spawned.
 */
export async function runOperation<Schema extends z.ZodType, Result>(
    operation: Operation<Schema, Result>,
    ctx: OperationContext,
    rawInput: unknown,
): Promise<Result> {
    const parsed = operation.input.safeParse(rawInput);
    if (!parsed.success) {
        throw invalidInput(`Invalid input for "${operation.title}": ${describeIssues(parsed.error)}`, JSON.stringify(rawInput));
    }
    return operation.run(ctx, parsed.data);
}

/** The VM states the operation acts in for this input; undefined when it acts in any state. */
export function statesOf<Schema extends z.ZodType>(operation: Operation<Schema, unknown>, input: z.infer<Schema>): ReadonlySet<AnyVmState> | undefined {
    return typeof operation.states === 'function' ? operation.states(input) : operation.states;
}

export function effectOf<Schema extends z.ZodType>(operation: Operation<Schema, unknown>, input: z.infer<Schema>): OperationEffect {
    return typeof operation.effect === 'function' ? operation.effect(input) : operation.effect;
}
