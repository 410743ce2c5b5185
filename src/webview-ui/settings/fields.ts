import { checkedOf, fieldId, h, valueOf } from '../shared/dom';
import type { FormContext } from './formContext';

export interface Option {
    readonly value: string;
    readonly label: string;
}

interface FieldOptions {
    readonly hint?: string;
    /** Left out of the label column (for fields inside table rows). */
    readonly compact?: boolean;
}

/** Label, control and helper line; the helper shows the hint, or the field's error when it has one. */
function wrap(ctx: FormContext, path: string, label: string, control: HTMLElement, options: FieldOptions): HTMLElement {
    const lock = ctx.lockOf(path);
    if (lock) {
        (control as unknown as { disabled: boolean }).disabled = true;
        control.title = lock;
    }
    const hint = options.hint ?? '';
    const helper = h('vscode-form-helper', { class: 'helper', attrs: { id: `${fieldId(path)}-help` } }, hint);
    control.setAttribute('aria-describedby', `${fieldId(path)}-help`);
    ctx.register(path, control, helper, hint);
    if (options.compact) {
        control.setAttribute('aria-label', label);
        return h('div', { class: 'field compact' }, control, helper);
    }
    return h('div', { class: 'field' }, h('vscode-label', { attrs: { for: fieldId(path) } }, label), h('div', { class: 'control' }, control, helper));
}

export function textField(
    ctx: FormContext,
    path: string,
    label: string,
    value: string,
    set: (value: string) => void,
    options: FieldOptions & { multiline?: boolean; placeholder?: string } = {},
): HTMLElement {
    const control = h(options.multiline ? 'vscode-textarea' : 'vscode-textfield', {
        id: fieldId(path),
        attrs: { placeholder: options.placeholder, rows: options.multiline ? 3 : undefined },
        props: { value },
        on: {
            input: (event) => {
                set(valueOf(event));
                ctx.changed();
            },
        },
    });
    return wrap(ctx, path, label, control, options);
}

/** A whole number; text that is not one is kept as an error on the field (and `null` in the draft). */
export function numberField(
    ctx: FormContext,
    path: string,
    label: string,
    value: number | null,
    set: (value: number | null) => void,
    options: FieldOptions & { min?: number; max?: number; unit?: string } = {},
): HTMLElement {
    const control = h('vscode-textfield', {
        id: fieldId(path),
        attrs: { type: 'number', min: options.min, max: options.max, inputmode: 'numeric' },
        props: { value: value === null ? '' : String(value) },
        on: {
            input: (event) => {
                const text = valueOf(event).trim();
                const number = /^-?\d+$/.test(text) ? Number(text) : null;
                ctx.setParseError(path, number === null ? (text === '' ? 'Enter a number.' : 'Enter a whole number.') : undefined);
                set(number);
                ctx.changed();
            },
        },
    });
    if (options.unit) control.appendChild(h('span', { attrs: { slot: 'content-after' }, class: 'unit' }, options.unit));
    return wrap(ctx, path, label, control, options);
}

export function selectField(
    ctx: FormContext,
    path: string,
    label: string,
    choices: readonly Option[],
    value: string,
    set: (value: string) => void,
    options: FieldOptions & { combobox?: boolean; structural?: boolean } = {},
): HTMLElement {
    // A value VirtualBox reports that the list does not have stays visible and selected.
    const all = choices.some((choice) => choice.value === value) || value === '' ? choices : [{ value, label: value }, ...choices];
    const control = h(
        'vscode-single-select',
        {
            id: fieldId(path),
            attrs: { combobox: options.combobox ?? false },
            on: {
                change: (event) => {
                    const next = valueOf(event);
                    if (next === value) return;
                    value = next;
                    set(next);
                    ctx.changed(options.structural);
                },
            },
        },
        ...all.map((choice) => h('vscode-option', { attrs: { value: choice.value, selected: choice.value === value } }, choice.label)),
    );
    return wrap(ctx, path, label, control, options);
}

export function checkboxField(ctx: FormContext, path: string, label: string, checked: boolean, set: (value: boolean) => void, options: FieldOptions & { structural?: boolean } = {}): HTMLElement {
    const control = h('vscode-checkbox', {
        id: fieldId(path),
        attrs: { label },
        props: { checked },
        on: {
            change: (event) => {
                set(checkedOf(event));
                ctx.changed(options.structural);
            },
        },
    });
    return wrap(ctx, path, label, control, { ...options, compact: true });
}

export function button(label: string, onClick: () => void, options: { secondary?: boolean; disabled?: boolean; title?: string; icon?: string } = {}): HTMLElement {
    return h('vscode-button', { attrs: { secondary: options.secondary, disabled: options.disabled, title: options.title }, on: { click: onClick } }, label);
}
