import type { MachinesArrangement } from '../../tree/machines/machinesArrangement';
import type { CommandSpec } from '../commandSpec';
import { clearFilter, filterVms } from './filterVms';
import { pinAndHideCommands } from './pinAndHide';
import { sortAndGroupCommands } from './sortAndGroup';

/** Commands that arrange the Machines view (filter, sort, group, pin, hide): they change no VM. */
export function arrangeCommands(arrangement: MachinesArrangement): CommandSpec[] {
    return [filterVms(arrangement), clearFilter(arrangement), ...sortAndGroupCommands(arrangement), ...pinAndHideCommands(arrangement)];
}
