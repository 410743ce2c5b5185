/** A small element builder: the pages build their DOM from data, with no HTML strings (and so no injection). */
export type Child = Node | string | number | null | undefined | false;

export interface ElementOptions {
    readonly class?: string;
    readonly id?: string;
    /** Attributes; `false`/`undefined` leave one out, `true` sets it empty. */
    readonly attrs?: Record<string, string | number | boolean | undefined>;
    /** Properties (custom elements take values as properties: value, checked, disabled, ...). */
    readonly props?: Record<string, unknown>;
    readonly on?: Record<string, (event: Event) => void>;
}

export function h(tag: string, options: ElementOptions = {}, ...children: Child[]): HTMLElement {
    const element = document.createElement(tag);
    if (options.class) element.className = options.class;
    if (options.id) element.id = options.id;
    for (const [name, value] of Object.entries(options.attrs ?? {})) {
        if (value === true) element.setAttribute(name, '');
        else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
    }
    for (const [name, value] of Object.entries(options.props ?? {})) (element as unknown as Record<string, unknown>)[name] = value;
    for (const [name, listener] of Object.entries(options.on ?? {})) element.addEventListener(name, listener);
    append(element, ...children);
    return element;
}

export function append(parent: Node, ...children: Child[]): void {
    for (const child of children) {
        if (child === null || child === undefined || child === false) continue;
        parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    }
}

/** A stable element id for a form field path (`network.adapters.0.rules.1.hostPort`). */
export const fieldId = (path: string) => `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** A custom element's `value` as text. */
export const valueOf = (event: Event) => String((event.currentTarget as { value?: unknown }).value ?? '');
export const checkedOf = (event: Event) => Boolean((event.currentTarget as { checked?: unknown }).checked);
