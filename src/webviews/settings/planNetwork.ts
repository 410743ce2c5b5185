import type { PlannedStep } from './applyPlanner';
import type { AdapterForm, NewAdapterForm, RuleForm, SettingsForm } from './settingsForm';

/** The `network` input of set_network_mode and add_nic for what the form says. */
export function attachmentOf(adapter: Pick<AdapterForm, 'mode' | 'hostInterface' | 'networkName'>): Record<string, unknown> {
    switch (adapter.mode) {
        case 'bridged':
        case 'hostonly':
            return { mode: adapter.mode, hostInterface: adapter.hostInterface };
        case 'intnet':
        case 'natnetwork':
            return { mode: adapter.mode, networkName: adapter.networkName };
        default:
            return { mode: adapter.mode };
    }
}

/** MAC addresses as typed ("08:00:27:ab:cd:ef") and as VirtualBox prints them ("080027ABCDEF") compare equal. */
export const normalizeMac = (mac: string) => mac.replace(/[\s:-]/g, '').toUpperCase();

const sameRule = (a: RuleForm, b: RuleForm) =>
    a.name.trim() === b.name.trim() &&
    a.protocol === b.protocol &&
    a.hostIp.trim() === b.hostIp.trim() &&
    a.hostPort === b.hostPort &&
    a.guestIp.trim() === b.guestIp.trim() &&
    a.guestPort === b.guestPort;

/** The port_forwarding `rule` input; empty addresses are left out (any host address, the guest's DHCP address). */
function ruleInput(rule: RuleForm): Record<string, unknown> {
    return {
        name: rule.name,
        protocol: rule.protocol,
        ...(rule.hostIp.trim() ? { hostIp: rule.hostIp.trim() } : {}),
        hostPort: rule.hostPort,
        ...(rule.guestIp.trim() ? { guestIp: rule.guestIp.trim() } : {}),
        guestPort: rule.guestPort,
    };
}

/** Rule changes on a NAT adapter: removals first (a changed rule is removed and added again), then additions. */
function planRules(vm: string, base: AdapterForm, adapter: AdapterForm, index: number): { removals: PlannedStep[]; additions: PlannedStep[] } {
    const field = `network.adapters.${index}`;
    const slot = adapter.slot;
    const removals = base.rules
        .filter((old) => !adapter.rules.some((rule) => sameRule(rule, old)))
        .map((old): PlannedStep => ({
            key: `pf-remove:${slot}:${old.name}`,
            operation: 'port_forwarding',
            input: { vm, slot, action: 'remove', name: old.name },
            label: `Remove port-forwarding rule "${old.name}" of adapter ${slot}`,
            fields: [`${field}.rules`],
            fieldMap: [['', `${field}.rules`]],
            live: true,
        }));
    const additions = adapter.rules.flatMap((rule, ruleIndex): PlannedStep[] => {
        if (base.rules.some((old) => sameRule(rule, old))) return [];
        const ruleField = `${field}.rules.${ruleIndex}`;
        return [
            {
                key: `pf-add:${slot}:${ruleIndex}`,
                operation: 'port_forwarding',
                input: { vm, slot, action: 'add', rule: ruleInput(rule) },
                label: `Add port-forwarding rule "${rule.name}" to adapter ${slot}`,
                fields: [ruleField],
                fieldMap: [['', ruleField], ['rule', ruleField]],
                live: true,
            },
        ];
    });
    return { removals, additions };
}

function planAdded(vm: string, added: NewAdapterForm, index: number): PlannedStep {
    const field = `network.added.${index}`;
    return {
        key: `nic-add:${added.id}`,
        operation: 'add_nic',
        input: { vm, network: attachmentOf(added) },
        label: `Add a network adapter (${added.mode})`,
        fields: [`${field}.mode`],
        fieldMap: [
            ['', `${field}.mode`],
            ['network.hostInterface', `${field}.hostInterface`],
            ['network.networkName', `${field}.networkName`],
        ],
        live: false,
    };
}

/** Network steps: remove adapters, change attachments, MAC and cable, port-forwarding rules, then add adapters. */
export function planNetwork(vm: string, baseline: SettingsForm, draft: SettingsForm): PlannedStep[] {
    const before = new Map(baseline.network.adapters.map((adapter) => [adapter.slot, adapter]));
    const removals: PlannedStep[] = [];
    const modes: PlannedStep[] = [];
    const properties: PlannedStep[] = [];
    const ruleRemovals: PlannedStep[] = [];
    const ruleAdditions: PlannedStep[] = [];
    draft.network.adapters.forEach((adapter, index) => {
        const base = before.get(adapter.slot);
        if (!base) return;
        const field = `network.adapters.${index}`;
        const slot = adapter.slot;
        if (!adapter.enabled) {
            if (base.enabled) {
                removals.push({
                    key: `nic-remove:${slot}`,
                    operation: 'remove_nic',
                    input: { vm, slot },
                    label: `Remove network adapter ${slot}`,
                    fields: [`${field}.enabled`],
                    fieldMap: [['', `${field}.enabled`]],
                    live: false,
                });
            }
            return;
        }
        if (JSON.stringify(attachmentOf(adapter)) !== JSON.stringify(attachmentOf(base))) {
            modes.push({
                key: `nic-mode:${slot}`,
                operation: 'set_network_mode',
                input: { vm, slot, network: attachmentOf(adapter) },
                label: `Attach adapter ${slot} to ${adapter.mode}`,
                fields: [`${field}.mode`],
                fieldMap: [
                    ['', `${field}.mode`],
                    ['network.hostInterface', `${field}.hostInterface`],
                    ['network.networkName', `${field}.networkName`],
                ],
                live: false,
            });
        }
        const macChanged = normalizeMac(adapter.macAddress) !== normalizeMac(base.macAddress);
        const cableChanged = adapter.cableConnected !== base.cableConnected;
        if (macChanged || cableChanged) {
            properties.push({
                key: `nic-props:${slot}`,
                operation: 'set_nic_properties',
                input: {
                    vm,
                    slot,
                    ...(macChanged ? { macAddress: normalizeMac(adapter.macAddress) } : {}),
                    ...(cableChanged ? { cableConnected: adapter.cableConnected } : {}),
                },
                label: macChanged ? `Change the MAC address of adapter ${slot}` : `${adapter.cableConnected ? 'Plug in' : 'Unplug'} the cable of adapter ${slot}`,
                fields: [...(macChanged ? [`${field}.macAddress`] : []), ...(cableChanged ? [`${field}.cableConnected`] : [])],
                fieldMap: [
                    ['', `${field}.${macChanged ? 'macAddress' : 'cableConnected'}`],
                    ['macAddress', `${field}.macAddress`],
                    ['cableConnected', `${field}.cableConnected`],
                ],
                live: !macChanged,
            });
        }
        if (adapter.mode === 'nat') {
            const rules = planRules(vm, base.mode === 'nat' ? base : { ...base, rules: [] }, adapter, index);
            ruleRemovals.push(...rules.removals);
            ruleAdditions.push(...rules.additions);
        }
    });
    const additions = draft.network.added.map((added, index) => planAdded(vm, added, index));
    return [...removals, ...modes, ...properties, ...ruleRemovals, ...ruleAdditions, ...additions];
}
