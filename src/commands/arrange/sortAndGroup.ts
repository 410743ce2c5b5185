import type { GroupBy, SortKey } from '../../tree/fleet/arrangement';
import type { MachinesArrangement } from '../../tree/machines/machinesArrangement';
import type { CommandSpec } from '../commandSpec';

/** `virtualbox.machines.sortBy<Key>`: one command per sort key (the ⋯ menu ticks the current one). */
const SORT_COMMANDS: Readonly<Record<SortKey, string>> = {
    name: 'virtualbox.machines.sortByName',
    state: 'virtualbox.machines.sortByState',
    lastStateChange: 'virtualbox.machines.sortByLastStateChange',
    os: 'virtualbox.machines.sortByOs',
};

const GROUP_COMMANDS: Readonly<Record<GroupBy, string>> = {
    groups: 'virtualbox.machines.groupByGroups',
    state: 'virtualbox.machines.groupByState',
    os: 'virtualbox.machines.groupByOs',
    none: 'virtualbox.machines.groupByNone',
};

export function sortAndGroupCommands(arrangement: MachinesArrangement): CommandSpec[] {
    return [
        ...Object.entries(SORT_COMMANDS).map(([key, id]) => ({ id, create: () => () => arrangement.setSortBy(key as SortKey) })),
        ...Object.entries(GROUP_COMMANDS).map(([key, id]) => ({ id, create: () => () => arrangement.setGroupBy(key as GroupBy) })),
    ];
}
