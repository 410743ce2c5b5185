import { readFile, rm } from 'node:fs/promises';
import type { Services } from '../../services/services';
import { takeScreenshot } from '../../operations/vm/screenshot';

export interface ScreenPreview {
    readonly dataUri: string;
    readonly width: number;
    readonly height: number;
    readonly bytes: Buffer;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A picture of the VM's screen: take_screenshot writes a PNG into the VM's own folder (a place VirtualBox can write
 * to, wherever VBoxManage runs), the preview reads it into a data: URI and deletes the file.
 */
export async function captureScreen(services: Services, vmUuid: string, vmFolder: string): Promise<ScreenPreview> {
    const shot = await services.vbox.execute(takeScreenshot, { vm: vmUuid, folder: vmFolder });
    try {
        const bytes = await readFile(shot.path);
        if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error(`${shot.path} is not a PNG image`);
        return { dataUri: `data:image/png;base64,${bytes.toString('base64')}`, width: shot.width, height: shot.height, bytes };
    } finally {
        await rm(shot.path, { force: true });
    }
}
