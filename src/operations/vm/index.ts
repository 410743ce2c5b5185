import type { Operation } from '../operation';
import { cloneVm } from './clone';
import { getVmConfig } from './config';
import { createVm } from './createVm';
import { deleteVm } from './deleteVm';
import { pauseVm, powerOffVm, resumeVm, saveVmState, startVm } from './lifecycle';
import { listVms } from './listVms';
import { listOsTypes } from './osTypes';
import { resetVm } from './resetVm';
import { getResourceUsage, startMetricsCollection } from './resourceUsage';
import { setCpuCount, setMemory } from './resources';
import { takeScreenshot } from './screenshot';
import { stopVm } from './stopVm';
import { updateVmConfig } from './updateVmConfig';

/** Every vm operation, in the order the UI lists them. */
export const vmOperations: readonly Operation[] = [
    listVms,
    getVmConfig,
    createVm,
    startVm,
    stopVm,
    pauseVm,
    resumeVm,
    saveVmState,
    powerOffVm,
    resetVm,
    cloneVm,
    updateVmConfig,
    setCpuCount,
    setMemory,
    startMetricsCollection,
    getResourceUsage,
    takeScreenshot,
    listOsTypes,
    deleteVm,
];
