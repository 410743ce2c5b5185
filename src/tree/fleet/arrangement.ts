import type { VmSummary } from '../../operations/vm/listVms';
import { groupsOf, matchesFilter, NO_FILTER, stateKeyOf, type FilterQuery } from './filterQuery';

export const SORT_KEYS = ['name', 'state', 'lastStateChange', 'os'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const GROUP_BYS = ['groups', 'state', 'os', 'none'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** How the Machines view shows the VMs: what the user chose, as stored. */
export interface Arrangement {
    readonly filter: FilterQuery;
    readonly sortBy: SortKey;
    readonly groupBy: GroupBy;
    /** VM UUIDs shown in Favourites at the top. */
    readonly pinned: ReadonlySet<string>;
    /** VM UUIDs left out unless showHidden. */
    readonly hidden: ReadonlySet<string>;
    readonly showHidden: boolean;
}

export const DEFAULT_ARRANGEMENT: Arrangement = {
    filter: NO_FILTER,
    sortBy: 'name',
    groupBy: 'groups',
    pinned: new Set(),
    hidden: new Set(),
    showHidden: false,
};

export type FolderKind = 'favourites' | 'group' | 'state' | 'os';

/** One row of the arranged view, before it becomes a tree item. Ids are unique in the view and stable. */
export type LayoutNode = LayoutFolder | LayoutVm;

export interface LayoutFolder {
    readonly kind: 'folder';
    readonly id: string;
    readonly folder: FolderKind;
    /** The group's path (`/Team/Web`), the state's short name, the OS type's description; '' for Favourites. */
    readonly key: string;
    /** How many different VMs are inside, subfolders included. */
    readonly vmCount: number;
    readonly children: readonly LayoutNode[];
}

export interface LayoutVm {
    readonly kind: 'vm';
    readonly id: string;
    readonly vm: VmSummary;
    readonly pinned: boolean;
    readonly hidden: boolean;
}

export interface ArrangedView {
    readonly roots: readonly LayoutNode[];
    /** VMs that match the filter and are shown (each once, however many groups it is in). */
    readonly shownCount: number;
    /** VMs marked hidden that are left out now (0 while hidden VMs are shown). */
    readonly hiddenCount: number;
}

/** One collator for every comparison: `localeCompare` with options builds a new one per call (slow for 1,000 VMs). */
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byText = (a: string, b: string) => collator.compare(a, b);

/** States in the order "state" sorting and grouping show them: what needs attention and what runs first. */
const STATE_ORDER = ['running', 'paused', 'gurumeditation', 'saved', 'aborted-saved', 'aborted', 'poweroff', 'inaccessible', 'unknown'];

function stateRank(vm: VmSummary): number {
    const index = STATE_ORDER.indexOf(stateKeyOf(vm));
    // Transitional states (starting, saving, ...) sit with running ones: something is happening to them.
    return index === -1 ? 0.5 : index;
}

function lastChange(vm: VmSummary): number {
    const time = vm.lastStateChange ? Date.parse(vm.lastStateChange) : NaN;
    return Number.isNaN(time) ? -Infinity : time;
}

/** Compares two VMs for `sortBy`; ties fall back to the name, then the UUID, so the order is always the same. */
export function compareVms(sortBy: SortKey): (a: VmSummary, b: VmSummary) => number {
    const primary: (a: VmSummary, b: VmSummary) => number =
        sortBy === 'state'
            ? (a, b) => stateRank(a) - stateRank(b)
            : sortBy === 'lastStateChange'
              ? (a, b) => (lastChange(b) === lastChange(a) ? 0 : lastChange(b) > lastChange(a) ? 1 : -1)
              : sortBy === 'os'
                ? (a, b) => byText(a.osType, b.osType)
                : () => 0;
    return (a, b) => primary(a, b) || byText(a.name, b.name) || (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0);
}

/**
 * The Machines view's rows for the VMs as read: filtered, hidden VMs left out (unless shown), pinned VMs in
 * Favourites at the top, the rest grouped and sorted as chosen. Ids: `group/Team` and `vm/Team/<uuid>` for
 * VirtualBox groups and `vm/<uuid>` at the top (as before this arrangement existed), `favourites` and
 * `vm@favourites/<uuid>`, `state:<state>` and `vm@state:<state>/<uuid>`, `os:<type>` and `vm@os:<type>/<uuid>`.
 * vscode-free.
 */
export function arrangeVms(vms: readonly VmSummary[], arrangement: Arrangement): ArrangedView {
    const compare = compareVms(arrangement.sortBy);
    let hiddenCount = 0;
    const visible: VmSummary[] = [];
    for (const vm of vms) {
        if (!matchesFilter(vm, arrangement.filter)) continue;
        if (arrangement.hidden.has(vm.uuid) && !arrangement.showHidden) {
            hiddenCount++;
            continue;
        }
        visible.push(vm);
    }
    const vmNode = (vm: VmSummary, id: string): LayoutVm => ({
        kind: 'vm',
        id,
        vm,
        pinned: arrangement.pinned.has(vm.uuid),
        hidden: arrangement.hidden.has(vm.uuid),
    });
    const favourites = visible.filter((vm) => arrangement.pinned.has(vm.uuid)).sort(compare);
    const rest = visible.filter((vm) => !arrangement.pinned.has(vm.uuid));
    const roots: LayoutNode[] = [];
    if (favourites.length > 0) {
        roots.push({
            kind: 'folder',
            id: 'favourites',
            folder: 'favourites',
            key: '',
            vmCount: favourites.length,
            children: favourites.map((vm) => vmNode(vm, `vm@favourites/${vm.uuid}`)),
        });
    }
    switch (arrangement.groupBy) {
        case 'groups':
            roots.push(...groupLevel('/', rest, compare, vmNode));
            break;
        case 'state':
        case 'os': {
            const groupBy = arrangement.groupBy;
            const keyOf = groupBy === 'state' ? stateKeyOf : (vm: VmSummary) => vm.osType;
            const buckets = new Map<string, VmSummary[]>();
            for (const vm of rest) buckets.set(keyOf(vm), [...(buckets.get(keyOf(vm)) ?? []), vm]);
            const keys = [...buckets.keys()].sort(
                groupBy === 'state' ? (a, b) => stateRank(buckets.get(a)![0]) - stateRank(buckets.get(b)![0]) || byText(a, b) : byText,
            );
            for (const key of keys) {
                const members = buckets.get(key)!.sort(compare);
                roots.push({
                    kind: 'folder',
                    id: `${groupBy}:${key}`,
                    folder: groupBy,
                    key,
                    vmCount: members.length,
                    children: members.map((vm) => vmNode(vm, `vm@${groupBy}:${key}/${vm.uuid}`)),
                });
            }
            break;
        }
        case 'none':
            roots.push(...[...rest].sort(compare).map((vm) => vmNode(vm, `vm/${vm.uuid}`)));
            break;
    }
    return { roots, shownCount: visible.length, hiddenCount };
}

/** A level of VirtualBox groups: the next subgroups (by name), then the VMs directly in `path` (sorted as chosen). */
function groupLevel(
    path: string,
    vms: readonly VmSummary[],
    compare: (a: VmSummary, b: VmSummary) => number,
    vmNode: (vm: VmSummary, id: string) => LayoutVm,
): LayoutNode[] {
    const prefix = path === '/' ? '/' : `${path}/`;
    const subgroups = new Set<string>();
    for (const vm of vms) {
        for (const group of groupsOf(vm)) {
            if (group === path || !group.startsWith(prefix)) continue;
            subgroups.add(prefix + group.slice(prefix.length).split('/')[0]);
        }
    }
    const folders: LayoutNode[] = [...subgroups].sort(byText).map((sub) => {
        const inside = vms.filter((vm) => groupsOf(vm).some((group) => group === sub || group.startsWith(`${sub}/`)));
        return { kind: 'folder', id: `group${sub}`, folder: 'group', key: sub, vmCount: inside.length, children: groupLevel(sub, inside, compare, vmNode) };
    });
    const direct = vms
        .filter((vm) => groupsOf(vm).includes(path))
        .sort(compare)
        .map((vm) => vmNode(vm, `vm${path === '/' ? '' : path}/${vm.uuid}`));
    return [...folders, ...direct];
}
