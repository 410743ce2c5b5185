import * as net from 'node:net';
import { cancelled } from './errors';

/**
 * The network as seen from the host VirtualBox runs on: whether a port there is free to forward from, and what a TCP
 * service there (a NAT forward, a guest's bridged address) answers. Operations reach it only through this seam, so
 * that they never know whether the host is this machine; a VirtualBox host reached over SSH brings its own.
 */
export interface HostNetwork {
    /** Whether a TCP listener could bind `address`:`port` on the host now (nothing else listens there). */
    isTcpPortFree(address: string, port: number): Promise<boolean>;
    /**
     * Connects to `address`:`port` and returns the first line the service sends (an SSH server's identification,
     * `SSH-2.0-…`), or undefined when nothing accepted the connection, or nothing came within `timeoutMs`.
     * Rejects with CANCELLED when `signal` aborts.
     */
    readFirstLine(address: string, port: number, options: { readonly timeoutMs: number; readonly signal: AbortSignal }): Promise<string | undefined>;
}

/** RFC 4253: the identification line is at most 255 characters, CR LF included. */
const MAX_LINE = 255;

/** This machine's network, for a VirtualBox on this machine. */
export const localHostNetwork: HostNetwork = {
    isTcpPortFree(address, port) {
        return new Promise((resolve) => {
            const server = net.createServer();
            server.once('error', () => resolve(false));
            server.listen({ host: address, port, exclusive: true }, () => server.close(() => resolve(true)));
        });
    },

    readFirstLine(address, port, { timeoutMs, signal }) {
        return new Promise((resolve, reject) => {
            if (signal.aborted) return reject(cancelled());
            let received = '';
            const socket = net.connect({ host: address, port });
            const finish = (line: string | undefined, error?: Error) => {
                clearTimeout(timer);
                signal.removeEventListener('abort', onAbort);
                socket.destroy();
                if (error) reject(error);
                else resolve(line);
            };
            const onAbort = () => finish(undefined, cancelled());
            const timer = setTimeout(() => finish(undefined), timeoutMs);
            signal.addEventListener('abort', onAbort, { once: true });
            socket.setEncoding('latin1');
            socket.on('data', (chunk: string) => {
                received += chunk;
                const end = received.indexOf('\n');
                if (end >= 0) finish(received.slice(0, end).replace(/\r$/, ''));
                else if (received.length >= MAX_LINE) finish(received.slice(0, MAX_LINE));
            });
            socket.once('error', () => finish(undefined));
            socket.once('close', () => finish(undefined));
        });
    },
};
