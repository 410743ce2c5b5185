import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError } from '../../vbox/errors';
import type { PortForwardRule, VmInfo } from '../../vbox/parsers/vmInfo';
import { defineOperation, type OperationContext } from '../operation';
import { nicSlot, vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { EDITABLE_STATES, LIVE_STATES, describeState, type AnyVmState } from '../shared/vmStates';
import { enabledNic } from './nicSlots';
import { portForwardRule, requireRuleFree, ruleName, ruleString } from './portForwardRules';

export const portForwardingInput = z
    .object({
        vm: vmRef,
        slot: nicSlot.default(1).describe('The NAT adapter, 1-based. Default: adapter 1.'),
        action: z.enum(['list', 'add', 'remove']).describe('list the rules, add a rule, or remove a rule by name.'),
        rule: portForwardRule.optional().describe('For add: the rule.'),
        name: ruleName.optional().describe('For remove: the name of the rule.'),
    })
    .superRefine((input, issues) => {
        if (input.action === 'add' && !input.rule) issues.addIssue({ code: 'custom', path: ['rule'], message: 'add needs a rule' });
        if (input.action === 'remove' && !input.name) issues.addIssue({ code: 'custom', path: ['name'], message: 'remove needs the rule name' });
    });

export interface PortForwardingResult {
    readonly vm: string;
    readonly slot: number;
    /** The adapter's rules after the action. */
    readonly rules: PortForwardRule[];
    /** The change went to the running VM (controlvm) and took effect at once. */
    readonly live: boolean;
}

export const portForwarding = defineOperation({
    id: 'port_forwarding',
    title: 'Port Forwarding',
    description:
        "Lists, adds or removes port-forwarding rules of a VM's NAT adapter (host port → guest port). Works on running VMs too: " +
        'the change applies at once.',
    input: portForwardingInput,
    effect: (input) => (input.action === 'list' ? 'read' : 'change'),
    states: (input) => (input.action === 'list' ? undefined : PORT_FORWARD_STATES),
    async run(ctx, input): Promise<PortForwardingResult> {
        const info = await readVmInfo(ctx, input.vm);
        const nic = enabledNic(info, input.slot);
        if (nic.attachment !== 'nat') {
            throw new VBoxError(
                'INVALID_INPUT',
                `Adapter ${input.slot} of VM "${info.name}" is attached to ${nic.attachment}, not NAT; port forwarding exists only on NAT adapters.`,
            );
        }
        if (input.action === 'list') return { vm: info.name, slot: input.slot, rules: nic.forwarding, live: false };

        let change: string[];
        if (input.action === 'add' && input.rule) {
            requireRuleFree(info, input.slot, input.rule);
            change = [ruleString(input.rule)];
        } else {
            const name = input.name ?? '';
            if (!nic.forwarding.some((rule) => rule.name === name)) {
                const names = nic.forwarding.map((rule) => `"${rule.name}"`).join(', ') || 'none';
                throw new VBoxError('INVALID_INPUT', `Adapter ${input.slot} of VM "${info.name}" has no rule named "${name}" (its rules: ${names}).`);
            }
            change = ['delete', name];
        }
        const live = await applyRuleChange(ctx, info, input.slot, change);
        const after = await readVmInfo(ctx, info.uuid);
        return { vm: info.name, slot: input.slot, rules: after.nics.find((candidate) => candidate.slot === input.slot)?.forwarding ?? [], live };
    },
});

/**
 * NAT rules stay changeable while a VM is saved (measured on 7.2: modifyvm --natpfN succeeds on a saved VM, while
 * enabling an adapter there fails), so a saved VM needs no power-off for them.
 */
const SETTINGS_STATES: ReadonlySet<AnyVmState> = new Set<AnyVmState>([...EDITABLE_STATES, 'saved', 'aborted-saved']);

/** A rule changes live on a running VM and in the settings of a powered-off or saved one. */
export const PORT_FORWARD_STATES: ReadonlySet<AnyVmState> = new Set<AnyVmState>([...SETTINGS_STATES, ...LIVE_STATES]);

/** A running VM's NAT engine takes the change through its console (controlvm); a powered-off VM's settings through modifyvm. */
export async function applyRuleChange(ctx: OperationContext, info: VmInfo, slot: number, change: string[]): Promise<boolean> {
    const run = (args: string[]) => ctx.vbox.run(command(args, ignoreOutput, { vm: info.uuid }), { signal: ctx.signal });
    if (LIVE_STATES.has(info.state)) {
        await run(['controlvm', info.uuid, `natpf${slot}`, ...change]);
        return true;
    }
    if (SETTINGS_STATES.has(info.state)) {
        await run(['modifyvm', info.uuid, `--natpf${slot}`, ...change]);
        return false;
    }
    throw new VBoxError(
        'INVALID_VM_STATE',
        `Cannot change port forwarding while VM "${info.name}" is ${describeState(info.state)}. Wait until it is running, saved or powered off.`,
    );
}
