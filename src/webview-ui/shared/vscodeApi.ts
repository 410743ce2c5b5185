import type { z } from 'zod';
import { parseMessage } from '../../webviews/shared/ipc';

interface VsCodeApi {
    postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/**
 * The page's end of a protocol: messages from the host are parsed with the protocol's schema before `onMessage`
 * sees them (anything else is dropped with a console warning); `post` sends typed messages to the host, which
 * parses them again.
 */
export function connect<ToHost, ToPage extends z.ZodType>(toPage: ToPage, onMessage: (message: z.infer<ToPage>) => void): { post(message: ToHost): void } {
    const api = acquireVsCodeApi();
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
        const parsed = parseMessage(toPage, event.data);
        if (parsed.ok) onMessage(parsed.message);
        else console.warn(parsed.error);
    });
    return { post: (message) => api.postMessage(message) };
}
