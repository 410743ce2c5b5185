import { ATTACHMENT_MODES, type AdapterForm, type EditorChoices, type NewAdapterForm } from '../../../webviews/settings/settingsForm';
import { h } from '../../shared/dom';
import { button, checkboxField, selectField, textField, type Option } from '../fields';
import type { FormContext } from '../formContext';
import { rulesTable } from './rules';

const MODE_LABELS: Record<string, string> = {
    nat: 'NAT',
    bridged: 'Bridged adapter',
    hostonly: 'Host-only adapter',
    intnet: 'Internal network',
    natnetwork: 'NAT network',
    null: 'Not attached',
};
const MODES: Option[] = ATTACHMENT_MODES.map((mode) => ({ value: mode, label: MODE_LABELS[mode] }));
const names = (list: readonly string[]): Option[] => list.map((name) => ({ value: name, label: name }));

/** The field that names what the adapter connects to: chosen from what exists (an internal network may be new). */
function targetField(ctx: FormContext, path: string, adapter: Pick<AdapterForm, 'mode' | 'hostInterface' | 'networkName'>, choices: EditorChoices): HTMLElement | null {
    const { networks } = choices;
    const none = (what: string) => ({ hint: `This host has no ${what}.` });
    switch (adapter.mode) {
        case 'bridged':
            return selectField(ctx, `${path}.hostInterface`, 'Host interface', names(networks.bridged), adapter.hostInterface, (v) => (adapter.hostInterface = v), networks.bridged.length ? {} : none('interface to bridge to'));
        case 'hostonly':
            return selectField(ctx, `${path}.hostInterface`, 'Host-only interface', names(networks.hostOnly), adapter.hostInterface, (v) => (adapter.hostInterface = v), networks.hostOnly.length ? {} : none('host-only interface'));
        case 'natnetwork':
            return selectField(ctx, `${path}.networkName`, 'NAT network', names(networks.natNetworks), adapter.networkName, (v) => (adapter.networkName = v), networks.natNetworks.length ? {} : none('NAT network'));
        case 'intnet':
            return textField(ctx, `${path}.networkName`, 'Network name', adapter.networkName, (v) => (adapter.networkName = v), {
                hint: networks.internal.length ? `In use: ${networks.internal.join(', ')}. A new name creates a network.` : 'A new name creates a network.',
            });
        default:
            return null;
    }
}

function adapterCard(ctx: FormContext, adapter: AdapterForm, index: number, choices: EditorChoices): HTMLElement {
    const path = `network.adapters.${index}`;
    const title = h('div', { class: 'row-title' }, h('span', { class: 'name' }, `Adapter ${adapter.slot}`));
    const enabled = checkboxField(ctx, `${path}.enabled`, 'Enabled', adapter.enabled, (v) => (adapter.enabled = v), { structural: true });
    if (!adapter.enabled) return h('div', { class: 'row card removed' }, title, enabled, h('p', { class: 'muted' }, 'This adapter will be removed.'));
    return h(
        'div',
        { class: 'row card' },
        title,
        enabled,
        selectField(ctx, `${path}.mode`, 'Attached to', MODES, adapter.mode, (v) => (adapter.mode = v), { structural: true }),
        targetField(ctx, path, adapter, choices),
        textField(ctx, `${path}.macAddress`, 'MAC address', adapter.macAddress, (v) => (adapter.macAddress = v), { hint: '12 hex digits, e.g. 080027ABCDEF.' }),
        checkboxField(ctx, `${path}.cableConnected`, 'Cable connected', adapter.cableConnected, (v) => (adapter.cableConnected = v)),
        adapter.mode === 'nat' ? rulesTable(ctx, adapter, index) : null,
    );
}

function newAdapterCard(ctx: FormContext, added: NewAdapterForm, index: number, choices: EditorChoices): HTMLElement {
    const path = `network.added.${index}`;
    const remove = () => {
        ctx.draft.network.added.splice(index, 1);
        ctx.changed(true);
    };
    return h(
        'div',
        { class: 'row card added' },
        h('div', { class: 'row-title' }, h('span', { class: 'name' }, 'New adapter'), button('Remove', remove, { secondary: true })),
        selectField(ctx, `${path}.mode`, 'Attached to', MODES, added.mode, (v) => (added.mode = v), { structural: true }),
        targetField(ctx, path, added, choices),
        h('p', { class: 'muted' }, 'It takes the first free slot. Port-forwarding rules can be added once it is applied.'),
    );
}

export function networkSection(ctx: FormContext, choices: EditorChoices): HTMLElement {
    const network = ctx.draft.network;
    const addAdapter = () => {
        network.added.push({ id: ctx.newId(), mode: 'nat', hostInterface: '', networkName: '' });
        ctx.changed(true);
    };
    const lock = ctx.lockOf('network.added');
    return h(
        'section',
        { class: 'section' },
        network.adapters.length ? null : h('p', { class: 'muted' }, 'No network adapter is enabled.'),
        ...network.adapters.map((adapter, index) => adapterCard(ctx, adapter, index, choices)),
        ...network.added.map((added, index) => newAdapterCard(ctx, added, index, choices)),
        h('div', { class: 'actions' }, button('Add Adapter', addAdapter, { secondary: true, disabled: Boolean(lock), title: lock })),
    );
}
