import { z } from 'zod';
import { message, text } from '../shared/ipc';

/**
 * The resource monitor's protocol, imported by the host (monitorPanel.ts) and the page
 * (src/webview-ui/monitor/main.ts); both sides parse what they receive with it.
 */

const optionalNumber = z.number().finite().optional();

export const sample = z.strictObject({
    /** Milliseconds since the epoch when the host read it. */
    at: z.number(),
    cpuUserPercent: z.number().finite(),
    cpuKernelPercent: z.number().finite(),
    ramUsedMb: z.number().finite(),
    diskUsedMb: optionalNumber,
    networkRxBytesPerSecond: optionalNumber,
    networkTxBytesPerSecond: optionalNumber,
});
export type Sample = z.infer<typeof sample>;

// ---- page → host
export const ReadyCommand = message('ready', z.strictObject({}));
export const RefreshScreenCommand = message('refreshScreen', z.strictObject({}));
export const monitorToHost = z.discriminatedUnion('method', [ReadyCommand, RefreshScreenCommand]);
export type MonitorToHost = z.infer<typeof monitorToHost>;

// ---- host → page
export const InitNotification = message(
    'init',
    z.strictObject({ vm: z.strictObject({ uuid: text(40), name: text(1000), memoryMb: z.number(), cpus: z.number() }), intervalMs: z.number() }),
);
export const SampleNotification = message('sample', sample);
export const ScreenNotification = message(
    'screen',
    z.strictObject({
        /** A PNG as a data: URI (the CSP allows data: images on this page only). */
        dataUri: z.string().regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/).max(20_000_000),
        width: z.number().int(),
        height: z.number().int(),
        at: z.number(),
    }),
);
export const ScreenErrorNotification = message('screenError', z.strictObject({ message: text(2000) }));
/** Whether samples are coming: `running`, or `stopped` / `error` with the reason; `paused` while the panel is hidden. */
export const StatusNotification = message('status', z.strictObject({ kind: z.enum(['running', 'stopped', 'error']), message: text(2000) }));

export const monitorToPage = z.discriminatedUnion('method', [InitNotification, SampleNotification, ScreenNotification, ScreenErrorNotification, StatusNotification]);
export type MonitorToPage = z.infer<typeof monitorToPage>;
