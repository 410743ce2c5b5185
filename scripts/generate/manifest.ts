// Writes the generated parts of package.json: `contributes.languageModelTools` from the operations catalogue (one
// tool per operation, input schemas from the zod schemas), and the `when` clauses of the VM nodes' context-menu
// entries from the states each command's operation accepts. `--check`: change nothing, exit 1 if out of date.
// Usage: tsx scripts/generate/manifest.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readCatalogue, REPO_ROOT } from './catalogue';
import { buildLanguageModelTools } from './languageModelTools';
import { menusUpToDate, withMenus } from './menuWhen';
import { toolsUpToDate, withTools } from './packageJsonTools';

const check = process.argv.includes('--check');
const manifestPath = path.join(REPO_ROOT, 'package.json');

// Computed first (it takes seconds); package.json is read right before writing, so that edits others made to other
// keys in the meantime are kept.
const tools = buildLanguageModelTools(readCatalogue());
const text = readFileSync(manifestPath, 'utf8');
const toolsCurrent = toolsUpToDate(text, tools);
const menusCurrent = menusUpToDate(text);

if (toolsCurrent && menusCurrent) {
    console.log(`package.json: ${tools.length} language-model tools and the VM menus' when clauses, up to date.`);
} else if (check) {
    if (!toolsCurrent) console.error('package.json: contributes.languageModelTools is out of date with the operations.');
    if (!menusCurrent) console.error("package.json: a VM menu entry's when clause differs from the states its operation accepts.");
    console.error('Run: npx tsx scripts/generate/manifest.ts');
    process.exitCode = 1;
} else {
    writeFileSync(manifestPath, withMenus(withTools(text, tools)));
    console.log(`package.json: wrote ${tools.length} language-model tools and the VM menus' when clauses.`);
}
