import * as path from 'node:path';
import * as vscode from 'vscode';
import { getVmConfig } from '../../operations/vm/config';
import { takeScreenshot as takeScreenshotOperation } from '../../operations/vm/screenshot';
import type { CommandSpec } from '../commandSpec';
import { commandStates } from '../commandStates';
import { runOnVms } from './runOnVms';
import { targetVms } from './vmTargets';

/**
 * Saves a PNG of a running VM's screen into the VM's own folder (VirtualBox writes it, so it must be a folder
 * VirtualBox can reach) and opens it.
 */
export const takeScreenshot: CommandSpec = {
    id: 'virtualbox.vm.takeScreenshot',
    create: (services) => async (...args: unknown[]) => {
        const [vm] = await targetVms(services, args, {
            states: commandStates('virtualbox.vm.takeScreenshot'),
            canPickMany: false,
            title: vscode.l10n.t('Take Screenshot'),
            noneMessage: vscode.l10n.t('No VM has a screen to capture: none is running.'),
        });
        const [shot] = await runOnVms(services, [vm], {
            transient: vscode.l10n.t('Taking a screenshot…'),
            title: () => vscode.l10n.t('Taking a screenshot of "{0}"', vm.name),
            run: async (target, handle) => {
                const config = await services.vbox.execute(getVmConfig, { vm: target.uuid }, handle);
                const folder = path.dirname(config.general.settingsFile);
                return services.vbox.execute(takeScreenshotOperation, { vm: target.uuid, folder }, handle);
            },
        });
        await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(shot.path));
        return shot.path;
    },
};
