import type { VmSummary } from '../../operations/vm/listVms';
import { foldText } from './textFold';

/** The keys a filter term may start with (`state:running`); anything else is part of a name. */
export const FILTER_KEYS = ['state', 'os', 'group'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** One term of a filter; every term must match (AND). `value` is folded (see foldText). */
export type FilterTerm = { readonly kind: 'name'; readonly value: string } | { readonly kind: FilterKey; readonly value: string };

export interface FilterQuery {
    /** What the user typed, trimmed: shown in the view's description and stored. */
    readonly text: string;
    readonly terms: readonly FilterTerm[];
}

export const NO_FILTER: FilterQuery = { text: '', terms: [] };

/**
 * Parses what the user typed into the filter box: words separated by spaces, each either a part of a VM's name or
 * `state:…`, `os:…`, `group:…`; double quotes keep spaces in one term (`"web server"`, `os:"windows 11"`). A key
 * without a value (`state:` while typing) adds nothing; an unknown key (`host:lab`) is taken as part of a name.
 * vscode-free.
 */
export function parseFilterQuery(text: string): FilterQuery {
    const trimmed = text.trim();
    const terms: FilterTerm[] = [];
    for (const token of tokens(trimmed)) {
        const match = /^([a-z]+):(.*)$/is.exec(token.text);
        const key = match && !token.quotedKey ? (FILTER_KEYS as readonly string[]).find((k) => k === match[1].toLowerCase()) : undefined;
        const value = foldText(key ? match![2] : token.text);
        if (value === '') continue;
        terms.push({ kind: (key as FilterKey | undefined) ?? 'name', value });
    }
    return { text: trimmed, terms };
}

interface Token {
    readonly text: string;
    /** The whole token was quoted (`"state:x"`): a name, not a key. */
    readonly quotedKey: boolean;
}

/** Splits on white space outside double quotes; the quotes themselves are dropped. An unclosed quote runs to the end. */
function tokens(text: string): Token[] {
    const result: Token[] = [];
    let current = '';
    let inQuotes = false;
    let started = false;
    let quotedFromStart = false;
    for (const char of text) {
        if (char === '"') {
            if (!started) quotedFromStart = true;
            inQuotes = !inQuotes;
            started = true;
        } else if (/\s/u.test(char) && !inQuotes) {
            if (started) result.push({ text: current, quotedKey: quotedFromStart });
            current = '';
            started = false;
            quotedFromStart = false;
        } else {
            current += char;
            started = true;
        }
    }
    if (started) result.push({ text: current, quotedKey: quotedFromStart });
    return result;
}

/** The state a filter or a grouping sees: VirtualBox's short name, or `inaccessible`. */
export function stateKeyOf(vm: Pick<VmSummary, 'state' | 'accessible'>): string {
    return vm.accessible ? vm.state : 'inaccessible';
}

/** Other words people use for a state, letters and digits only. */
const STATE_ALIASES: Readonly<Record<string, string>> = {
    off: 'poweroff',
    poweredoff: 'poweroff',
    stopped: 'poweroff',
    on: 'running',
    started: 'running',
};

const compact = (text: string) => foldText(text).replace(/[^\p{L}\p{N}]/gu, '');

function termMatches(vm: VmSummary, term: FilterTerm): boolean {
    switch (term.kind) {
        case 'name':
            return foldText(vm.name).includes(term.value);
        case 'os':
            return foldText(vm.osType).includes(term.value);
        case 'state': {
            const state = compact(stateKeyOf(vm));
            const wanted = compact(term.value);
            return state.startsWith(wanted) || STATE_ALIASES[wanted] === stateKeyOf(vm);
        }
        case 'group':
            return groupsOf(vm).some((group) => groupMatches(foldText(group), term.value));
    }
}

/** A VM's VirtualBox groups; a VM in none is in `/`. */
export function groupsOf(vm: Pick<VmSummary, 'groups'>): readonly string[] {
    return vm.groups.length > 0 ? vm.groups : ['/'];
}

/** `/Team` matches the group and the groups inside it (`/Team/Web`), not `/Teamwork`; `team` any group naming it. */
function groupMatches(group: string, wanted: string): boolean {
    if (!wanted.startsWith('/')) return group.includes(wanted);
    const path = wanted.replace(/\/+$/, '');
    return path === '' || group === path || group.startsWith(`${path}/`);
}

/** True when the VM matches every term of the query (an empty query matches every VM). */
export function matchesFilter(vm: VmSummary, query: FilterQuery): boolean {
    return query.terms.every((term) => termMatches(vm, term));
}
