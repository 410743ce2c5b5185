/** The language-model tool of an operation: `virtualbox_<id>` in package.json, lm.tools and invokeTool. */
export const TOOL_PREFIX = 'virtualbox_';

export function toolName(operationId: string): string {
    return `${TOOL_PREFIX}${operationId}`;
}

/** The short name a person types after `#` in chat, e.g. `#vbox_list_vms`. */
export function toolReferenceName(operationId: string): string {
    return `vbox_${operationId}`;
}

/**
 * Operation descriptions and error advice name other operations by id ("see list_os_types"); a model only knows
 * them as tools, so every known id becomes its tool name.
 */
export function withToolNames(text: string, operationIds: readonly string[]): string {
    if (operationIds.length === 0) return text;
    const ids = [...operationIds].sort((a, b) => b.length - a.length).map((id) => id.replace(/[^\w]/g, ''));
    return text.replace(new RegExp(`(?<![\\w])(${ids.join('|')})(?![\\w])`, 'g'), (id) => toolName(id));
}
