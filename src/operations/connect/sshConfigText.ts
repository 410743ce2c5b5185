/**
 * The SSH client configuration the extension keeps for VMs, as text: one `Host vbox-<name>` entry per VM in a file of
 * its own (`~/.ssh/vscode-virtualbox.conf`), and the one `Include` line that makes `~/.ssh/config` read it. Pure
 * functions over strings: reading and writing the files, and asking the user before `~/.ssh/config` changes, is the
 * caller's. Nothing here ever rewrites a line of the user's own configuration.
 */

/** The file the entries live in, relative to `~/.ssh`. */
export const MANAGED_CONFIG_FILE = 'vscode-virtualbox.conf';

/** The line added to `~/.ssh/config`; `~` is expanded by ssh itself. */
export const INCLUDE_LINE = `Include ~/.ssh/${MANAGED_CONFIG_FILE}`;

const HEADER = [
    '# Written by the VirtualBox extension for VS Code: one entry per VM it was asked to connect to.',
    '# Edits here are overwritten the next time it writes the file.',
];

export interface SshHostEntry {
    /** The VM's UUID: entries are kept and replaced by it, so a renamed VM keeps one entry. */
    readonly uuid: string;
    readonly alias: string;
    readonly host: string;
    readonly port: number;
    readonly user: string;
}

/**
 * `vbox-<name>` made of what a `Host` pattern and Remote-SSH's authority take: lower-case letters, digits and `-`;
 * everything else (spaces, quotes, `*`, `?`, `!`, non-ASCII) becomes `-`, runs of it one `-`. A name with nothing
 * usable left gets the start of its UUID.
 */
export function hostAlias(vmName: string, uuid: string): string {
    const slug = vmName
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 48);
    return `vbox-${slug || uuid.slice(0, 8)}`;
}

const UUID_MARK = /^# vm ([0-9a-f-]{36})$/;

/** The entries of a managed file as this module wrote it; anything it does not recognise is dropped on rewrite. */
export function parseManagedConfig(text: string): SshHostEntry[] {
    const entries: SshHostEntry[] = [];
    let current: { uuid: string; alias?: string; host?: string; port?: number; user?: string } | undefined;
    const flush = () => {
        if (current?.alias && current.host && current.port && current.user) entries.push(current as SshHostEntry);
        current = undefined;
    };
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        const mark = UUID_MARK.exec(line);
        if (mark) {
            flush();
            current = { uuid: mark[1] };
            continue;
        }
        if (!current) continue;
        const [key, value] = line.split(/\s+/, 2);
        if (key === 'Host') current.alias = value;
        else if (key === 'HostName') current.host = value;
        else if (key === 'Port') current.port = Number(value);
        else if (key === 'User') current.user = value;
    }
    flush();
    return entries;
}

/** The whole managed file for these entries, sorted by alias. */
export function renderManagedConfig(entries: readonly SshHostEntry[]): string {
    const blocks = [...entries]
        .sort((a, b) => a.alias.localeCompare(b.alias))
        .map((entry) => [`# vm ${entry.uuid}`, `Host ${entry.alias}`, `    HostName ${entry.host}`, `    Port ${entry.port}`, `    User ${entry.user}`].join('\n'));
    return [...HEADER, '', ...blocks.flatMap((block) => [block, ''])].join('\n');
}

/**
 * An entry after its VM's NAT forwards to port 22 changed (a port moved, a rule replaced): the first forward, the one
 * Open SSH Terminal and Open in Remote-SSH Window use. Undefined when the entry still points at one of the forwards,
 * or when the VM has none now (a bridged or host-only address needs the Guest Additions: it is refreshed on the next
 * connect instead).
 */
export function followForwards(entry: SshHostEntry, forwards: readonly { readonly host: string; readonly port: number }[]): SshHostEntry | undefined {
    const first = forwards[0];
    if (!first || forwards.some((forward) => forward.host === entry.host && forward.port === entry.port)) return undefined;
    return { ...entry, host: first.host, port: first.port };
}

/** The entries with this VM's entry added or replaced (by UUID); another VM's entry with the same alias keeps it. */
export function withEntry(entries: readonly SshHostEntry[], entry: SshHostEntry): SshHostEntry[] {
    const others = entries.filter((existing) => existing.uuid !== entry.uuid);
    let alias = entry.alias;
    for (let n = 2; others.some((existing) => existing.alias === alias); n++) alias = `${entry.alias}-${n}`;
    return [...others, { ...entry, alias }];
}

/** Whether `~/.ssh/config` already includes the managed file (the line as this module writes it, any case and spacing). */
export function hasInclude(configText: string): boolean {
    const wanted = INCLUDE_LINE.toLowerCase().split(/\s+/).join(' ');
    return configText.split(/\r?\n/).some((line) => line.trim().toLowerCase().split(/\s+/).join(' ') === wanted);
}

/**
 * `~/.ssh/config` with the Include line first (an Include inside a `Host` or `Match` block would apply only there),
 * in the file's own line ending; unchanged when it is there already. Every other byte stays as it was.
 */
export function withInclude(configText: string): string {
    if (hasInclude(configText)) return configText;
    const eol = configText.includes('\r\n') ? '\r\n' : '\n';
    return `${INCLUDE_LINE}${eol}${configText.length > 0 ? eol : ''}${configText}`;
}
