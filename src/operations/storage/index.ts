import type { Operation } from '../operation';
import { compactDisk } from '../media/compactDisk';
import { copyDisk } from '../media/copyDisk';
import { ejectDvd } from '../media/ejectDvd';
import { insertDvd } from '../media/insertDvd';
import { releaseMedium } from '../media/releaseMedium';
import { unregisterMedium } from '../media/unregisterMedium';
import { addDisk } from './addDisk';
import { deleteDisk } from './deleteDisk';
import { listDisks } from './listDisks';
import { removeDisk } from './removeDisk';
import { resizeDisk } from './resizeDisk';

/** Every storage operation (disks, optical drives, the media registry), in the order the UI lists them. */
export const storageOperations: readonly Operation[] = [
    listDisks,
    addDisk,
    removeDisk,
    resizeDisk,
    deleteDisk,
    insertDvd,
    ejectDvd,
    releaseMedium,
    unregisterMedium,
    compactDisk,
    copyDisk,
] as readonly Operation[];
