// Writes the tables of commands, settings and language-model tools in README.md from package.json (titles and
// descriptions from package.nls.json), between markers such as `<!-- commands:start -->` and `<!-- commands:end -->`.
// `--check`: change nothing, exit 1 if README.md is out of date.
// Usage: tsx scripts/generate/readmeTables.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TOOL_PREFIX } from '../../src/lm/toolNames';
import { describeState, type AnyVmState } from '../../src/operations/shared/vmStates';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const README = path.join(REPO_ROOT, 'README.md');

export const TABLES = ['commands', 'settings', 'tools'] as const;
export type TableName = (typeof TABLES)[number];

interface Command {
    readonly command: string;
    readonly title: string;
    readonly category?: string;
}
interface MenuItem {
    readonly command: string;
    readonly when?: string;
    readonly group?: string;
}
export interface Setting {
    readonly type?: string;
    readonly default?: unknown;
    readonly minimum?: number;
    readonly maximum?: number;
    readonly enum?: readonly unknown[];
    readonly enumDescriptions?: readonly string[];
    readonly description?: string;
    readonly markdownDescription?: string;
}
interface Tool {
    readonly name: string;
    readonly displayName?: string;
    readonly toolReferenceName?: string;
    readonly canBeReferencedInPrompt?: boolean;
    readonly userDescription?: string;
    readonly modelDescription: string;
}
/** The parts of package.json the tables come from. */
export interface Manifest {
    readonly contributes: {
        readonly commands?: readonly Command[];
        readonly views?: Readonly<Record<string, readonly { id: string; name: string }[]>>;
        readonly menus?: Readonly<Record<string, readonly MenuItem[]>>;
        readonly configuration?: { readonly properties: Readonly<Record<string, Setting>> };
        readonly languageModelTools?: readonly Tool[];
    };
}
export type Nls = Readonly<Record<string, string>>;

/** `%key%` placeholders resolved from package.nls.json; a missing key is a broken manifest, not a table cell. */
function localize(text: string | undefined, nls: Nls): string {
    if (text === undefined) return '';
    const key = /^%(.+)%$/.exec(text)?.[1];
    if (key === undefined) return text;
    const value = nls[key];
    if (value === undefined) throw new Error(`package.nls.json has no "${key}"`);
    return value;
}

/** Text that is safe in one table cell: no line breaks, no unescaped pipes. */
function cell(text: string): string {
    return text.replace(/\s*\n+\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

const code = (text: string) => `\`${text}\``;

/** Item kinds by contextValue (`vm:*` = any VM state); VM states are listed by name. */
const ITEM_LABELS: Readonly<Record<string, string>> = {
    'vm:*': 'VM',
    vmGroup: 'group',
    snapshots: 'Snapshots folder',
    snapshot: 'snapshot',
    'snapshot:current': 'snapshot',
    storage: 'Storage folder',
    storageController: 'storage controller',
    'attachment:hdd': 'attached hard disk',
    network: 'Network folder',
    'nic:*': 'network adapter',
    'nic:nat': 'NAT adapter',
    portForward: 'port-forwarding rule',
    'mediaFolder:hdd': 'Hard Disks folder',
    'medium:hdd:inuse': 'hard disk (in use)',
    'medium:hdd:free': 'hard disk (not attached)',
    'networkFolder:natnet': 'NAT Networks folder',
    'networkFolder:hostonly': 'Host-only Interfaces folder',
    'network:natnet': 'NAT network',
    'network:hostonly': 'host-only interface',
};

/**
 * The values a `when` clause compares a key with: `key == value` gives that value; `key =~ /^a(b|c)$/` gives every
 * expansion of its one group (`ab`, `ac`; `(x)?` also gives the string without it); a pattern without `$` ends in `*`.
 * A negative lookahead `(?!x)` becomes `*` with x as an exception.
 */
export function whenValues(when: string | undefined, key: string): { values: string[]; except: string[] } | undefined {
    if (!when) return undefined;
    const escaped = key.replace(/\./g, '\\.');
    const equal = new RegExp(`(?:^|&&)\\s*${escaped}\\s*==\\s*([^\\s&|]+)`).exec(when);
    if (equal) return { values: [equal[1]], except: [] };
    const match = new RegExp(`(?:^|&&)\\s*${escaped}\\s*=~\\s*/(.*?)/(?=\\s*(?:&&|$))`).exec(when);
    if (!match) return undefined;
    let pattern = match[1].replace(/^\^/, '').replace(/\\\./g, '.');
    const anchored = pattern.endsWith('$');
    if (anchored) pattern = pattern.slice(0, -1);
    const except: string[] = [];
    pattern = pattern.replace(/\(\?!([^)]*)\)/, (_, excluded: string) => {
        except.push(...excluded.split('|'));
        return '*';
    });
    const group = /\(([^()]*)\)(\?)?/.exec(pattern);
    const expansions = group
        ? [...group[1].split('|'), ...(group[2] ? [''] : [])].map((choice) => pattern.slice(0, group.index) + choice + pattern.slice(group.index + group[0].length))
        : [pattern];
    return { values: expansions.map((value) => (anchored || value.endsWith('*') ? value : `${value}*`)), except };
}

/** "VM (running, paused)", "snapshot", or the raw contextValue when it has no label yet. */
function itemLabels(values: readonly string[], except: readonly string[]): string[] {
    const labels: string[] = [];
    const states = values.filter((value) => value.startsWith('vm:') && value !== 'vm:*').map((value) => describeState(value.slice(3) as AnyVmState));
    // Several states read alike (teleporting, teleportingin): each wording once.
    if (states.length > 0) labels.push(`VM (${[...new Set(states)].join(', ')})`);
    for (const value of values.filter((value) => !value.startsWith('vm:') || value === 'vm:*')) {
        const label = ITEM_LABELS[value] ?? ITEM_LABELS[value.replace(/:[^:]*$/, ':*')] ?? code(value);
        labels.push(value === 'vm:*' && except.length > 0 ? `${label} (any but ${except.join(', ')})` : label);
    }
    return mergeQualifiers(labels);
}

/** "hard disk (in use)" and "hard disk (not attached)" become "hard disk (in use, not attached)". */
function mergeQualifiers(labels: readonly string[]): string[] {
    const merged = new Map<string, string[]>();
    for (const label of labels) {
        const [, base, qualifier] = /^(.*?)(?: \((.*)\))?$/.exec(label) ?? [label, label];
        const qualifiers = merged.get(base) ?? [];
        if (qualifier && !qualifiers.includes(qualifier)) qualifiers.push(qualifier);
        merged.set(base, qualifiers);
    }
    return [...merged].map(([base, qualifiers]) => (qualifiers.length ? `${base} (${qualifiers.join(', ')})` : base));
}

function viewNames(manifest: Manifest, nls: Nls): Map<string, string> {
    const views = Object.values(manifest.contributes.views ?? {}).flat();
    return new Map(views.map((view) => [view.id, localize(view.name, nls)]));
}

/** "VM (running)" + "also inline" → "VM (running; also inline)"; "snapshot" → "snapshot (also inline)". */
function qualify(label: string, note: string): string {
    return label.endsWith(')') ? `${label.slice(0, -1)}; ${note})` : `${label} (${note})`;
}

/** "Machines", "Machines and Media", "Machines, Media and Networks". */
function listing(words: readonly string[]): string {
    return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * Where a command can be found in the views: title-bar buttons and ⋯ menus, and the items whose context menu has it
 * ("inline": also an icon button on the item).
 */
function placesOf(command: string, manifest: Manifest, nls: Nls): string[] {
    const names = viewNames(manifest, nls);
    const viewsOf = (when?: string) =>
        (whenValues(when, 'view')?.values ?? []).flatMap((id) => (id.endsWith('*') ? [...names.keys()].filter((v) => v.startsWith(id.slice(0, -1))) : [id]));
    const nameOf = (view: string) => names.get(view) ?? view;
    const menus = manifest.contributes.menus ?? {};
    const buttons: string[] = [];
    const overflow: string[] = [];
    for (const item of (menus['view/title'] ?? []).filter((entry) => entry.command === command)) {
        for (const view of viewsOf(item.when)) (item.group?.startsWith('navigation') ? buttons : overflow).push(nameOf(view));
    }
    const items = new Map<string, Map<string, { inline: boolean; menu: boolean }>>();
    for (const item of (menus['view/item/context'] ?? []).filter((entry) => entry.command === command)) {
        const values = whenValues(item.when, 'viewItem');
        const labels = values ? itemLabels(values.values, values.except) : ['any item'];
        const inline = item.group?.startsWith('inline') ?? false;
        for (const view of viewsOf(item.when)) {
            const ofView = items.get(nameOf(view)) ?? new Map<string, { inline: boolean; menu: boolean }>();
            for (const label of labels) {
                const seen = ofView.get(label) ?? { inline: false, menu: false };
                ofView.set(label, { inline: seen.inline || inline, menu: seen.menu || !inline });
            }
            items.set(nameOf(view), ofView);
        }
    }
    const places: string[] = [];
    if (buttons.length) places.push(`${listing([...new Set(buttons)])} title bar${buttons.length > 1 ? 's' : ''}`);
    if (overflow.length) places.push(`${listing([...new Set(overflow)])} title bar${overflow.length > 1 ? 's' : ''} ⋯ menu`);
    for (const [view, labels] of items) {
        const described = [...labels].map(([label, { inline, menu }]) => (inline ? qualify(label, menu ? 'also inline' : 'inline only') : label));
        places.push(`${view}: ${described.join(', ')}`);
    }
    return places;
}

export function commandsTable(manifest: Manifest, nls: Nls): string {
    const palette = manifest.contributes.menus?.commandPalette ?? [];
    const rows = (manifest.contributes.commands ?? []).map((command) => {
        const title = localize(command.title, nls);
        const category = localize(command.category, nls);
        const hidden = palette.find((item) => item.command === command.command)?.when;
        const name = `${category ? `${category}: ` : ''}${title}${hidden === 'false' ? ' (not in the palette)' : ''}`;
        const places = placesOf(command.command, manifest, nls);
        return `| ${cell(name)} | ${code(command.command)} | ${cell(places.join('; ') || 'Command Palette only')} |`;
    });
    return ['| Command | ID | Where in the views |', '| --- | --- | --- |', ...rows].join('\n');
}

function settingValue(value: unknown): string {
    return code(JSON.stringify(value) ?? 'none');
}

export function settingsTable(manifest: Manifest, nls: Nls): string {
    const rows = Object.entries(manifest.contributes.configuration?.properties ?? {}).map(([key, setting]) => {
        const limits =
            setting.minimum !== undefined || setting.maximum !== undefined ? ` (${setting.minimum ?? '…'}–${setting.maximum ?? '…'})` : '';
        const choices = (setting.enum ?? []).map((value, index) => {
            const meaning = localize(setting.enumDescriptions?.[index], nls);
            return `${settingValue(value)}${meaning ? `: ${meaning}` : ''}`;
        });
        const description = [localize(setting.markdownDescription ?? setting.description, nls), ...choices].filter(Boolean).join('<br>');
        return `| ${code(key)} | ${cell(`${setting.type ?? ''}${limits}`)} | ${settingValue(setting.default)} | ${cell(description)} |`;
    });
    return ['| Setting | Type | Default | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function toolsTable(manifest: Manifest): string {
    const rows = (manifest.contributes.languageModelTools ?? []).map((tool) => {
        const operation = tool.name.startsWith(TOOL_PREFIX) ? tool.name.slice(TOOL_PREFIX.length) : undefined;
        const name = operation ? `[${code(tool.name)}](docs/operations.md#${operation})` : code(tool.name);
        const reference = tool.canBeReferencedInPrompt && tool.toolReferenceName ? code(`#${tool.toolReferenceName}`) : '';
        return `| ${name} | ${reference} | ${cell(tool.userDescription ?? tool.displayName ?? tool.modelDescription)} |`;
    });
    return ['| Tool | In a prompt | What it does |', '| --- | --- | --- |', ...rows].join('\n');
}

export function generatedTables(manifest: Manifest, nls: Nls): Record<TableName, string> {
    return { commands: commandsTable(manifest, nls), settings: settingsTable(manifest, nls), tools: toolsTable(manifest) };
}

const NOTE = '<!-- Generated from package.json by scripts/generate/readmeTables.ts; do not edit by hand. -->';

/** The document with the text between `<!-- name:start -->` and `<!-- name:end -->` replaced; both markers must exist. */
export function replaceBlock(document: string, name: string, content: string): string {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const from = document.indexOf(start);
    const to = document.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md needs the markers ${start} and ${end}, in that order`);
    return `${document.slice(0, from + start.length)}\n${NOTE}\n\n${content}\n\n${document.slice(to)}`;
}

export function withTables(readme: string, manifest: Manifest, nls: Nls): string {
    const tables = generatedTables(manifest, nls);
    return TABLES.reduce((document, name) => replaceBlock(document, name, tables[name]), readme);
}

export function readManifest(repoRoot = REPO_ROOT): { manifest: Manifest; nls: Nls } {
    return {
        manifest: JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest,
        nls: JSON.parse(readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Nls,
    };
}

function main(): void {
    const check = process.argv.includes('--check');
    const { manifest, nls } = readManifest();
    const current = readFileSync(README, 'utf8');
    const updated = withTables(current, manifest, nls);
    if (updated === current) {
        console.log('README.md: tables up to date.');
    } else if (check) {
        console.error('README.md: the command, settings or tool tables are out of date with package.json. Run: npx tsx scripts/generate/readmeTables.ts');
        process.exitCode = 1;
    } else {
        writeFileSync(README, updated);
        console.log('README.md: tables written.');
    }
}

// Imported by the unit test for its functions; run as a script, it writes (or checks) README.md.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
