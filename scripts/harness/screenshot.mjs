// Looks at a running workbench the way a person would: opens a URL (e.g. the one `npm start` prints) in headless
// Chromium, waits for the workbench, optionally opens a view container from the activity bar, saves a screenshot.
//
//   node scripts/harness/screenshot.mjs <url> <out.png> [--view "<view container title>"] [--wait-ms 4000]
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './browser.mjs';

const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { view: { type: 'string' }, 'wait-ms': { type: 'string', default: '4000' } },
});
const [url, out] = positionals;
if (!url || !out) {
    console.error('usage: screenshot.mjs <url> <out.png> [--view "<title>"] [--wait-ms N]');
    process.exit(2);
}

const chromium = await launchChromium();
try {
    const { page } = chromium;
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    if (values.view) {
        await page.locator(`.activitybar [aria-label^="${values.view}"]`).first().click({ timeout: 30_000 });
    }
    // The extension host activates and fills views after the workbench shows.
    await page.waitForTimeout(Number(values['wait-ms']));
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    await page.screenshot({ path: out });
    console.log(`screenshot: ${out}`);
} finally {
    await chromium.close();
}
