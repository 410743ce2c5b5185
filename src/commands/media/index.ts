import type { CommandSpec } from '../commandSpec';
import { ejectDiscCommand } from './ejectDisc';
import { insertIsoCommand } from './insertIso';
import { releaseMediumCommand } from './releaseMedium';
import { unregisterMediumCommand } from './unregisterMedium';

/** The optical-drive and media-registry commands. */
export const mediaCommands: readonly CommandSpec[] = [insertIsoCommand, ejectDiscCommand, releaseMediumCommand, unregisterMediumCommand];
