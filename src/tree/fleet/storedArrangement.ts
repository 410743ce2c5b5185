import { GROUP_BYS, SORT_KEYS, type Arrangement, type GroupBy, type SortKey } from './arrangement';
import { parseFilterQuery } from './filterQuery';

/** Where each part of the arrangement is kept: the view's choices per workspace, pins and hides per user. */
export const STORAGE_KEYS = {
    filter: 'virtualbox.machines.filter',
    sortBy: 'virtualbox.machines.sortBy',
    groupBy: 'virtualbox.machines.groupBy',
    showHidden: 'virtualbox.machines.showHidden',
    pinned: 'virtualbox.machines.pinnedVms',
    hidden: 'virtualbox.machines.hiddenVms',
} as const;

/** What the two stores held (VS Code's workspaceState and globalState), as read: anything, from any version. */
export interface StoredArrangement {
    readonly filter?: unknown;
    readonly sortBy?: unknown;
    readonly groupBy?: unknown;
    readonly showHidden?: unknown;
    readonly pinned?: unknown;
    readonly hidden?: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function uuids(value: unknown): Set<string> {
    return new Set(Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && UUID.test(item)) : []);
}

/**
 * The arrangement a (re)loaded window starts with: each stored value that is what it should be, the default for
 * anything missing or unusable (an unknown sort key, a UUID list that is not one). vscode-free.
 */
export function arrangementFromStored(stored: StoredArrangement): Arrangement {
    return {
        filter: parseFilterQuery(typeof stored.filter === 'string' ? stored.filter : ''),
        sortBy: (SORT_KEYS as readonly unknown[]).includes(stored.sortBy) ? (stored.sortBy as SortKey) : 'name',
        groupBy: (GROUP_BYS as readonly unknown[]).includes(stored.groupBy) ? (stored.groupBy as GroupBy) : 'groups',
        showHidden: stored.showHidden === true,
        pinned: uuids(stored.pinned),
        hidden: uuids(stored.hidden),
    };
}
