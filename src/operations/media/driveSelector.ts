import { z } from 'zod';

/** controller + port + device naming one drive of a VM: all three or none. */
export const driveSelector = z.object({
    controller: z.string().trim().min(1).optional().describe('Storage controller of the DVD drive (with port and device). Default: the first DVD drive.'),
    port: z.number().int().min(0).max(254).optional().describe('Port of the DVD drive on the controller, 0-based.'),
    device: z.number().int().min(0).max(1).optional().describe('Device on the port, 0-based (only IDE has a device 1).'),
});

export function refineDriveSelector(input: z.infer<typeof driveSelector>, issues: z.RefinementCtx): void {
    const given = [input.controller, input.port, input.device].filter((value) => value !== undefined).length;
    if (given > 0 && given < 3) issues.addIssue({ code: 'custom', message: 'give controller, port and device together, or none of them' });
}

export function selectorOf(input: z.infer<typeof driveSelector>): { controller: string; port: number; device: number } | undefined {
    if (input.controller === undefined || input.port === undefined || input.device === undefined) return undefined;
    return { controller: input.controller, port: input.port, device: input.device };
}
