// Types of codeServer.mjs for the TypeScript e2e journeys.
export interface WorkDirs {
    readonly userData: string;
    readonly extensions: string;
    readonly workspace: string;
    readonly tmp: string;
    readonly xdgConfig: string;
    readonly xdgData: string;
    readonly xdgCache: string;
    readonly home: string;
}

export interface CodeServer {
    readonly pid: number;
    readonly port: number;
    readonly origin: string;
    readonly dirs: WorkDirs;
    readonly logFile: string;
    readonly exited: Promise<{ code: number | null; signal: string | null }>;
    stop(): Promise<void>;
}

export function freePort(): Promise<number>;
export function portIsFree(port: number): Promise<boolean>;
export function workLayout(workDir: string): { dirs: WorkDirs; logFile: string; vscodeLogs: string };
export function startCodeServer(options: { workDir: string; userSettings?: Record<string, unknown>; port?: number; isolateHome?: boolean }): Promise<CodeServer>;
export function workbenchUrl(
    server: Pick<CodeServer, 'origin' | 'port' | 'dirs'>,
    options?: { extensionDevelopmentPath?: string; extensionTestsPath?: string; folder?: string },
): string;
