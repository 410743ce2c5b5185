import * as vscode from 'vscode';
import { listDisks } from '../../operations/storage/listDisks';
import type { Services } from '../../services/services';
import { fileNameOf, type MediumKind } from '../../tree/media/mediaNodes';
import type { Medium } from '../../vbox/parsers/media';
import { pickItem } from '../storage/pickItem';
import { mediumNode, nodeData, type NodeMedium } from '../storage/treeArgs';

export interface PickedMedium {
    readonly kind: MediumKind;
    readonly medium: NodeMedium;
}

const KIND_LABELS: Record<MediumKind, () => string> = {
    hdd: () => vscode.l10n.t('hard disk'),
    dvd: () => vscode.l10n.t('optical image'),
    floppy: () => vscode.l10n.t('floppy image'),
};

/** The Media view node's medium, or (from the palette) a registered base image that passes `filter`. */
export async function mediumOfNodeOrPick(
    services: Services,
    node: unknown,
    filter: (medium: Medium) => boolean,
    options: { title: string; noneMessage: string },
): Promise<PickedMedium> {
    const fromNode = nodeData(mediumNode, node);
    if (fromNode) return fromNode;
    const result = await services.vbox.execute(listDisks, {});
    const lists: [MediumKind, Medium[]][] = 'hdds' in result ? [['hdd', result.hdds], ['dvd', result.dvds], ['floppy', result.floppies]] : [];
    const items = lists.flatMap(([kind, media]) =>
        media
            .filter((medium) => medium.parentUuid === undefined && filter(medium))
            .map((medium) => ({
                label: fileNameOf(medium.location),
                description: [KIND_LABELS[kind](), medium.inUseBy.map((usage) => usage.name).join(', ') || undefined].filter(Boolean).join(' · '),
                detail: medium.location,
                choice: { kind, medium },
            })),
    );
    return (await pickItem(items, { ...options, placeHolder: vscode.l10n.t('Choose an image') })).choice;
}
