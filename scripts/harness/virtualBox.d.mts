// Types of virtualBox.mjs for the TypeScript e2e journeys.
export function ensureVirtualBox(options?: { log?: (message: string) => void }): Promise<{
    vboxManage: string;
    source: 'env' | 'path' | 'testbed';
    testbedWasDown: boolean;
}>;
