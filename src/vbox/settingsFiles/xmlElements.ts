import { SaxesParser } from 'saxes';

/** One XML element as the settings readers need it: name, attributes, child elements and its own text. */
export interface XmlElement {
    readonly name: string;
    readonly attributes: Readonly<Record<string, string>>;
    readonly children: readonly XmlElement[];
    /** The element's own text (entities decoded), without its children's. */
    readonly text: string;
}

/**
 * Parses a whole XML document with saxes, a strict (well-formedness checking) parser: a file cut short while
 * VirtualBox rewrites it, or anything that is not XML, throws instead of yielding a partial tree. Namespaces are not
 * resolved: VirtualBox's files use one default namespace, and element names are compared as written.
 */
export function parseXmlElements(text: string): XmlElement {
    const parser = new SaxesParser({ xmlns: false, position: false });
    const stack: { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string }[] = [];
    let root: XmlElement | undefined;
    let failure: Error | undefined;
    parser.on('error', (error) => {
        failure ??= error;
    });
    parser.on('opentag', (tag) => {
        const element = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [] as XmlElement[], text: '' };
        stack.at(-1)?.children.push(element);
        stack.push(element);
    });
    parser.on('text', (text) => {
        const open = stack.at(-1);
        if (open) open.text += text;
    });
    parser.on('closetag', () => {
        const element = stack.pop();
        if (stack.length === 0) root = element;
    });
    parser.write(text).close();
    if (failure) throw failure;
    if (!root) throw new Error('no root element');
    return root;
}

/** The first direct child with this name. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
    return element?.children.find((c) => c.name === name);
}

export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
    return element?.children.filter((c) => c.name === name) ?? [];
}
