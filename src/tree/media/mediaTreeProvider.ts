import * as vscode from 'vscode';
import { listDisks } from '../../operations/storage/listDisks';
import { VBoxError } from '../../vbox/errors';
import type { Services } from '../../services/services';
import type { Medium } from '../../vbox/parsers/media';
import type { TreeNode } from '../common/treeNode';
import { MediaFolderNode } from './mediaNodes';
import { ReadTreeProvider } from './readTreeProvider';

export interface MediaLists {
    readonly hdds: Medium[];
    readonly dvds: Medium[];
    readonly floppies: Medium[];
}

/** The Media view's data: every registered hard disk, optical and floppy image, read through list_disks. */
export class MediaTreeProvider extends ReadTreeProvider<MediaLists> {
    constructor(services: Services) {
        super(services, 'media');
    }

    protected async read(): Promise<MediaLists> {
        const result = await this.services.vbox.execute(listDisks, {});
        if (!('hdds' in result)) throw new VBoxError('PARSE_ERROR', 'list_disks without a VM returned attachments instead of the media lists.');
        return { hdds: result.hdds, dvds: result.dvds, floppies: result.floppies };
    }

    protected rootsOf(media: MediaLists): TreeNode[] {
        return [new MediaFolderNode('hdd', media.hdds), new MediaFolderNode('dvd', media.dvds), new MediaFolderNode('floppy', media.floppies)];
    }

    protected failureLabel(): string {
        return vscode.l10n.t('Could not read the media');
    }
}
