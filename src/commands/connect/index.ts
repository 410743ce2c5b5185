import type { CommandSpec } from '../commandSpec';
import { copyIpAddress } from './copyIpAddress';
import { copySshCommand } from './copySshCommand';
import { openInRemoteSsh } from './openInRemoteSsh';
import { openSshTerminal } from './openSshTerminal';
import { setupSshAccess } from './setupSshAccess';

/** Getting into a guest: a shell, the command to paste elsewhere, its address, and the forward that makes it possible. */
export const connectCommands: readonly CommandSpec[] = [openSshTerminal, openInRemoteSsh, copySshCommand, copyIpAddress, setupSshAccess];
