import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every relative link and image in the documentation resolves: the file exists, and a `#fragment` names a heading
 * (GitHub's anchor for it) or an `<a id>` of the target markdown file. Links to the web are not fetched.
 */

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** README.md, CONTRIBUTING.md, CHANGELOG.md and every markdown file in docs/. */
function documentationFiles(): string[] {
    const top = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md'].map((name) => path.join(REPO_ROOT, name)).filter((file) => existsSync(file));
    const docs = path.join(REPO_ROOT, 'docs');
    const inDocs = readdirSync(docs, { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.md'))
        .map((name) => path.join(docs, name));
    return [...top, ...inDocs];
}

/** The text without fenced code blocks and inline code spans (a link there is an example, not a link). */
export function withoutCode(markdown: string): string {
    const lines: string[] = [];
    let fence: string | undefined;
    for (const line of markdown.split('\n')) {
        const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
        if (fence !== undefined) {
            if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
            lines.push('');
        } else if (marker) {
            fence = marker;
            lines.push('');
        } else {
            lines.push(line.replace(/(`+)(?:(?!\1).)+?\1/g, ''));
        }
    }
    return lines.join('\n');
}

export interface Link {
    readonly target: string;
    readonly line: number;
}

/** Targets of inline links and images, reference definitions, and HTML `href`/`src` attributes. */
export function linksIn(markdown: string): Link[] {
    const links: Link[] = [];
    withoutCode(markdown)
        .split('\n')
        .forEach((text, index) => {
            const line = index + 1;
            for (const match of text.matchAll(/!?\[(?:[^\]]|\\\])*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ target: match[1], line });
            for (const match of text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g)) links.push({ target: match[1], line });
            for (const match of text.matchAll(/<(?:a|img)\b[^>]*?\s(?:href|src)="([^"]+)"/g)) links.push({ target: match[1], line });
        });
    return links;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
    const text = heading
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/<[^>]+>/g, '')
        .replace(/`/g, '')
        .trim()
        .toLowerCase();
    return text.replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/ /g, '-');
}

/** The anchors a markdown file offers: its headings (repeats get -1, -2, …) and explicit `<a id>`/`<a name>`. */
export function anchorsIn(markdown: string): Set<string> {
    const anchors = new Set<string>();
    const counts = new Map<string, number>();
    const text = withoutCode(markdown);
    for (const match of text.matchAll(/^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
        const base = slug(match[1]);
        const seen = counts.get(base) ?? 0;
        counts.set(base, seen + 1);
        anchors.add(seen === 0 ? base : `${base}-${seen}`);
    }
    // Explicit anchors may sit in code-free text only, but the operations reference puts them next to code spans.
    for (const match of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]);
    return anchors;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** What is wrong with one link of `file`, or undefined when it resolves. */
export function problemWith(file: string, target: string, read: (file: string) => string = (f) => readFileSync(f, 'utf8')): string | undefined {
    if (EXTERNAL.test(target)) return undefined;
    const [rawPath, fragment] = target.split('#', 2) as [string, string | undefined];
    const relative = decodeURIComponent(rawPath);
    if (relative.startsWith('/')) return 'absolute paths break outside this checkout: use a relative link';
    const resolved = relative === '' ? file : path.resolve(path.dirname(file), relative);
    if (!existsSync(resolved)) return `${path.relative(REPO_ROOT, resolved)} does not exist`;
    if (fragment === undefined || fragment === '') return undefined;
    if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) return `#${fragment} points into a file that is not markdown`;
    return anchorsIn(read(resolved)).has(decodeURIComponent(fragment)) ? undefined : `${path.relative(REPO_ROOT, resolved)} has no heading for #${fragment}`;
}

describe('(unit) docsLinks: relative links and images in the documentation', () => {
    it('resolve to existing files and headings', () => {
        const files = documentationFiles();
        assert.ok(files.some((file) => file.endsWith('README.md')) && files.length > 3, `found only ${files.length} files`);
        const problems: string[] = [];
        let checked = 0;
        for (const file of files) {
            for (const { target, line } of linksIn(readFileSync(file, 'utf8'))) {
                if (EXTERNAL.test(target)) continue;
                checked++;
                const problem = problemWith(file, target);
                if (problem) problems.push(`${path.relative(REPO_ROOT, file)}:${line} (${target}): ${problem}`);
            }
        }
        assert.deepEqual(problems, []);
        assert.ok(checked > 20, `only ${checked} relative links checked: is the link reader broken?`);
    });
});

describe('(unit) docsLinks: the checker', () => {
    it('finds links and images outside code, in every syntax', () => {
        const markdown = [
            'See [the guide](docs/guide.md#start) and ![shot](images/a.png "title").',
            '`[not](a-link.md)` and:',
            '```',
            '[not](either.md)',
            '```',
            '[ref]: other.md',
            '<img src="images/b.png" alt=""> <a href="https://example.com">web</a>',
        ].join('\n');
        assert.deepEqual(
            linksIn(markdown).map((link) => `${link.line}:${link.target}`),
            ['1:docs/guide.md#start', '1:images/a.png', '6:other.md', '7:images/b.png', '7:https://example.com'],
        );
    });

    it("computes GitHub's anchors, with numbered repeats and explicit ids", () => {
        assert.equal(slug('VBoxManage not found (Windows, macOS, Linux)'), 'vboxmanage-not-found-windows-macos-linux');
        assert.equal(slug('`stop_vm`: Stop VM'), 'stop_vm-stop-vm');
        assert.equal(slug('Remote-SSH & WSL'), 'remote-ssh--wsl');
        const anchors = anchorsIn('# Title\n## Step\n## Step\n```\n# not a heading\n```\n<a id="vm_locked"></a>`VM_LOCKED`');
        assert.deepEqual([...anchors].sort(), ['step', 'step-1', 'title', 'vm_locked']);
    });

    it('reports a missing file, a missing heading and an absolute path', () => {
        const readme = path.join(REPO_ROOT, 'README.md');
        assert.match(problemWith(readme, 'docs/no-such-file.md') ?? '', /does not exist/);
        assert.match(problemWith(readme, 'docs/operations.md#no-such-heading') ?? '', /no heading for #no-such-heading/);
        assert.match(problemWith(readme, '#no-such-heading-here') ?? '', /no heading/);
        assert.match(problemWith(readme, '/etc/passwd') ?? '', /relative link/);
        assert.equal(problemWith(readme, 'docs/operations.md#list_vms'), undefined);
        assert.equal(problemWith(readme, 'https://www.virtualbox.org/#anything'), undefined);
    });
});
