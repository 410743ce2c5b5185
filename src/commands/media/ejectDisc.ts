import * as vscode from 'vscode';
import { ejectDvd } from '../../operations/media/ejectDvd';
import { listDisks } from '../../operations/storage/listDisks';
import { fileNameOf } from '../../tree/media/mediaNodes';
import type { CommandSpec } from '../commandSpec';
import { pickVm } from '../pickers/pickVm';
import { pickItem } from '../storage/pickItem';
import { runChange } from '../storage/runChange';
import { attachmentNode, nodeData } from '../storage/treeArgs';
import { commandStates } from '../commandStates';

/** Eject Disc on a DVD drive holding a disc (also while the VM runs). From the palette: the VM, then the drive. */
export const ejectDiscCommand: CommandSpec = {
    id: 'virtualbox.dvd.eject',
    create: (services) => async (node?: unknown) => {
        const title = vscode.l10n.t('Eject Disc');
        let target = nodeData(attachmentNode, node);
        if (!target) {
            const vm = await pickVm(services, { states: commandStates('virtualbox.dvd.eject'), title, noneMessage: vscode.l10n.t('No VM can eject a disc now.') });
            const listed = await services.vbox.execute(listDisks, { vm: vm.uuid });
            const discs = 'attachments' in listed ? listed.attachments.filter((attachment) => attachment.kind === 'dvd') : [];
            const picked =
                discs.length === 1
                    ? { attachment: discs[0] }
                    : await pickItem(
                          discs.map((attachment) => ({
                              label: fileNameOf(attachment.location),
                              description: vscode.l10n.t('{0}, port {1}:{2}', attachment.controller, attachment.port, attachment.device),
                              attachment,
                          })),
                          { title, placeHolder: vscode.l10n.t('Choose a drive of "{0}"', vm.name), noneMessage: vscode.l10n.t('No DVD drive of "{0}" holds a disc.', vm.name) },
                      );
            target = { vm, attachment: picked.attachment };
        }
        const { vm, attachment } = target;
        const result = await runChange(
            services,
            vscode.l10n.t('Ejecting "{0}"', fileNameOf(attachment.location)),
            ejectDvd,
            { vm: vm.uuid, controller: attachment.controller, port: attachment.port, device: attachment.device },
            { vm: vm.uuid, label: vscode.l10n.t('Ejecting disc…') },
        );
        void vscode.window.showInformationMessage(vscode.l10n.t('Ejected "{0}" from "{1}".', fileNameOf(result.ejected), result.vm));
        return result;
    },
};
