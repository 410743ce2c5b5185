// Where the harness finds the repository, the test tools and the system's Chromium.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TEST_TOOLS = path.join(REPO, 'test-tools');
export const CODE_SERVER_ENTRY = path.join(TEST_TOOLS, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Failure evidence (screenshots, logs) lands here; git-ignored. */
export const TEST_OUTPUT = path.join(REPO, '.test-output');

