import type { CommandSpec } from '../commandSpec';
import { locateVBoxManage } from './locateVBoxManage';
import { refresh } from './refresh';
import { showLog } from './showLog';

/** Commands about the extension itself rather than one kind of VirtualBox object. */
export const generalCommands: readonly CommandSpec[] = [refresh, locateVBoxManage, showLog];
