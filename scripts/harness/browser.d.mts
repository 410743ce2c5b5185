// Types of browser.mjs for the TypeScript e2e journeys (the module itself stays plain JavaScript for the harness).
import type { Browser, Page } from 'playwright-core';

export interface LaunchedChromium {
    readonly browser: Browser;
    readonly page: Page;
    readonly pid: number;
    close(): Promise<void>;
}

export function launchChromium(options?: { viewport?: { width: number; height: number } }): Promise<LaunchedChromium>;
