import type { AdapterForm } from '../../../webviews/settings/settingsForm';
import { h } from '../../shared/dom';
import { button, numberField, selectField, textField } from '../fields';
import type { FormContext } from '../formContext';

const PROTOCOLS = [
    { value: 'tcp', label: 'TCP' },
    { value: 'udp', label: 'UDP' },
];

/** The NAT adapter's port-forwarding rules as an editable table (changes apply live on a running VM). */
export function rulesTable(ctx: FormContext, adapter: AdapterForm, adapterIndex: number): HTMLElement {
    const base = `network.adapters.${adapterIndex}.rules`;
    const lock = ctx.lockOf(base);
    const add = () => {
        const taken = new Set(adapter.rules.map((rule) => rule.name));
        let n = adapter.rules.length + 1;
        while (taken.has(`rule${n}`)) n++;
        adapter.rules.push({ name: `rule${n}`, protocol: 'tcp', hostIp: '', hostPort: null, guestIp: '', guestPort: null });
        ctx.changed(true);
    };
    const rows = adapter.rules.map((rule, index) => {
        const path = `${base}.${index}`;
        const remove = () => {
            adapter.rules.splice(index, 1);
            ctx.changed(true);
        };
        const row = h(
            'div',
            { class: 'rule', attrs: { role: 'row' } },
            textField(ctx, `${path}.name`, 'Name', rule.name, (v) => (rule.name = v), { compact: true }),
            selectField(ctx, `${path}.protocol`, 'Protocol', PROTOCOLS, rule.protocol, (v) => (rule.protocol = v), { compact: true }),
            textField(ctx, `${path}.hostIp`, 'Host IP', rule.hostIp, (v) => (rule.hostIp = v), { compact: true, placeholder: 'any' }),
            numberFieldCompact(ctx, `${path}.hostPort`, 'Host port', rule.hostPort, (v) => (rule.hostPort = v)),
            textField(ctx, `${path}.guestIp`, 'Guest IP', rule.guestIp, (v) => (rule.guestIp = v), { compact: true, placeholder: 'DHCP address' }),
            numberFieldCompact(ctx, `${path}.guestPort`, 'Guest port', rule.guestPort, (v) => (rule.guestPort = v)),
            button('Remove', remove, { secondary: true, disabled: Boolean(lock), title: lock ?? `Remove rule ${rule.name}` }),
        );
        // The cells are narrow: their messages go on a line of their own under the row.
        const messages = h('div', { class: 'rule-messages' });
        row.querySelectorAll('.helper').forEach((helper) => messages.appendChild(helper));
        row.appendChild(messages);
        return row;
    });
    const header = h(
        'div',
        { class: 'rule header', attrs: { role: 'row' } },
        ...['Name', 'Protocol', 'Host IP', 'Host port', 'Guest IP', 'Guest port', ''].map((label) => h('span', { attrs: { role: 'columnheader' } }, label)),
    );
    return h(
        'div',
        { class: 'rules', attrs: { role: 'table', 'aria-label': `Port forwarding of adapter ${adapter.slot}` } },
        h('vscode-label', {}, 'Port forwarding'),
        adapter.rules.length ? header : h('p', { class: 'muted' }, 'No rules.'),
        ...rows,
        h('div', { class: 'actions' }, button('Add Rule', add, { secondary: true, disabled: Boolean(lock), title: lock })),
    );
}

const numberFieldCompact = (ctx: FormContext, path: string, label: string, value: number | null, set: (value: number | null) => void) =>
    numberField(ctx, path, label, value, set, { compact: true, min: 1, max: 65535 });
