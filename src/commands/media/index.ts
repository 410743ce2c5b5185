import type { CommandSpec } from '../commandSpec';
import { compactDiskCommand } from './compactDisk';
import { copyDiskCommand } from './copyDisk';
import { ejectDiscCommand } from './ejectDisc';
import { insertIsoCommand } from './insertIso';
import { releaseMediumCommand } from './releaseMedium';
import { unregisterMediumCommand } from './unregisterMedium';

/** The optical-drive and media-registry commands. */
export const mediaCommands: readonly CommandSpec[] = [insertIsoCommand, ejectDiscCommand, releaseMediumCommand, unregisterMediumCommand, compactDiskCommand, copyDiskCommand];
