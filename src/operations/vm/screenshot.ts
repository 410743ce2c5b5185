import { randomBytes } from 'node:crypto';
import { mkdir, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { command, ignoreOutput } from '../../vbox/command';
import { VBoxError, invalidInput, isVBoxError } from '../../vbox/errors';
import { defineOperation } from '../operation';
import { vmRef } from '../shared/schemas';
import { readVmInfo } from '../shared/vmInfoQuery';
import { LIVE_STATES, requireState } from '../shared/vmStates';
import { absolutePath } from './vmSchemas';

export const takeScreenshotInput = z
    .object({
        vm: vmRef,
        path: absolutePath.optional().describe('Absolute path of the PNG file to write; it must not exist yet.'),
        folder: absolutePath
            .optional()
            .describe('Absolute folder in which to write a new, uniquely named PNG file (created if missing). Give this or path.'),
    })
    .refine((input) => (input.path === undefined) !== (input.folder === undefined), 'give either path or folder, not both');

export interface ScreenshotResult {
    readonly path: string;
    readonly bytes: number;
    readonly width: number;
    readonly height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG header (signature, then the IHDR chunk): also proves the file is a PNG. */
async function pngSize(path: string): Promise<{ width: number; height: number }> {
    const file = await open(path, 'r');
    try {
        const { buffer, bytesRead } = await file.read(Buffer.alloc(24), 0, 24, 0);
        if (bytesRead < 24 || !buffer.subarray(0, 8).equals(PNG_SIGNATURE)) {
            throw new VBoxError('PARSE_ERROR', `VirtualBox wrote ${path}, but it is not a PNG image.`);
        }
        return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
    } finally {
        await file.close();
    }
}

/** A file name for a screenshot: the VM's name made file-safe, a timestamp and a random tail. */
export function screenshotFileName(vmName: string, now = new Date()): string {
    const safe = vmName.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'vm';
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    return `${safe}-${stamp}-${randomBytes(3).toString('hex')}.png`;
}

export const takeScreenshot = defineOperation({
    id: 'take_screenshot',
    title: 'Take Screenshot',
    description: "Saves a PNG image of a running VM's screen to a file and returns its path, size in bytes and dimensions.",
    input: takeScreenshotInput,
    effect: 'change',
    states: LIVE_STATES,
    async run(ctx, input): Promise<ScreenshotResult> {
        const info = await readVmInfo(ctx, input.vm);
        requireState(info, LIVE_STATES, 'take a screenshot', 'Only a running VM has a screen.');
        let path: string;
        if (input.path !== undefined) {
            if (await stat(input.path).then(() => true, () => false)) throw invalidInput(`path: ${input.path} already exists; choose a new file name.`);
            path = input.path;
        } else {
            const folder = input.folder as string;
            await mkdir(folder, { recursive: true });
            path = join(folder, screenshotFileName(info.name));
        }
        try {
            await ctx.vbox.run(command(['controlvm', input.vm, 'screenshotpng', path], ignoreOutput, { vm: input.vm }), { signal: ctx.signal });
        } catch (error) {
            // NS_ERROR_INVALID_ARG from TakeScreenShotToArray: the guest has not set a video mode yet (0x0 screen).
            if (isVBoxError(error) && error.resultCode === 0x80070057) {
                throw new VBoxError('INVALID_VM_STATE', `VM "${info.name}" has no picture on its screen yet (no video mode set). Try again once it has booted further.`, {
                    details: error.details,
                    cause: error,
                });
            }
            throw error;
        }
        const { size } = await stat(path);
        return { path, bytes: size, ...(await pngSize(path)) };
    },
});
