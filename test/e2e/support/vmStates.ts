/** How the Machines view words VirtualBox's VMState values (the machine-readable key), for the journeys' checks. */
export const STATE_WORDS: Record<string, string> = {
    poweroff: 'Powered Off',
    running: 'Running',
    paused: 'Paused',
    saved: 'Saved',
    aborted: 'Aborted',
};

/** The description a VM row should have, from VirtualBox's own values. */
export function vmRowDescription(info: ReadonlyMap<string, string>): RegExp {
    const state = info.get('VMState') ?? '';
    const words = STATE_WORDS[state] ?? state;
    return new RegExp(`^${words} · ${info.get('cpus')} CPUs? · ${info.get('memory')} MB$`);
}
