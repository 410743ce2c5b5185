// Headless Debian Chromium driven by playwright-core (from test-tools; never `playwright install`, which downloads).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { CHROMIUM, TEST_TOOLS } from './paths.mjs';

const requireFromTestTools = createRequire(path.join(TEST_TOOLS, 'package.json'));

/**
 * Launches Chromium (Playwright gives it a fresh temporary profile and deletes it on close) and opens one page.
 * close() is idempotent; if Playwright itself is stuck, it ends the browser process by its PID.
 *
 * @param {{ viewport?: { width: number, height: number } }} [options]
 */
export async function launchChromium({ viewport = { width: 1440, height: 900 } } = {}) {
    const { chromium } = requireFromTestTools('playwright-core');
    // launchServer, not launch: its handle knows the browser's process, so close() can always end it.
    const server = await chromium.launchServer({
        executablePath: CHROMIUM,
        headless: true,
        // Playwright's own handlers would exit the process on a signal before the caller has stopped its servers.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
        ],
    });
    const pid = server.process().pid;
    let browser;
    try {
        browser = await chromium.connect(server.wsEndpoint());
    } catch (error) {
        await server.kill();
        throw error;
    }
    const page = await browser.newPage({ viewport });
    return {
        browser,
        page,
        pid,
        async close() {
            await browser.close().catch(() => undefined);
            const closed = server.close().then(() => true, () => false);
            const timedOut = new Promise((resolve) => setTimeout(resolve, 10_000, false).unref());
            // kill() ends the process by its PID when a graceful close hangs.
            if (!(await Promise.race([closed, timedOut]))) await server.kill();
        },
    };
}
