// Types of paths.mjs for the TypeScript e2e journeys.
export const REPO: string;
export const TEST_TOOLS: string;
export const CODE_SERVER_ENTRY: string;
export const CHROMIUM: string;
export const TEST_OUTPUT: string;
