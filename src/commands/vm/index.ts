import type { CommandSpec } from '../commandSpec';
import { cloneVm } from './cloneVm';
import { createVm } from './createVm';
import { deleteVm } from './deleteVm';
import { pauseVm } from './pauseVm';
import { powerOffVm } from './powerOffVm';
import { resetVm } from './resetVm';
import { resumeVm } from './resumeVm';
import { saveVmState } from './saveVmState';
import { setCpus } from './setCpus';
import { setMemory } from './setMemory';
import { showConfiguration } from './showConfiguration';
import { startVm } from './startVm';
import { stopVm } from './stopVm';
import { takeScreenshot } from './takeScreenshot';

/** The vm commands: handlers take `(node?, nodes?)`; with no node they ask with a quick pick. */
export const vmCommands: readonly CommandSpec[] = [
    createVm,
    startVm,
    stopVm,
    pauseVm,
    resumeVm,
    saveVmState,
    resetVm,
    powerOffVm,
    setCpus,
    setMemory,
    cloneVm,
    showConfiguration,
    takeScreenshot,
    deleteVm,
];
