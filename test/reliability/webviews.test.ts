import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { monitorToHost } from '../../src/webviews/monitor/protocol';
import { buildCsp } from '../../src/webviews/shared/csp';
import { parseMessage } from '../../src/webviews/shared/ipc';
import { settingsToHost } from '../../src/webviews/settings/protocol';
import { clone, recordedForm } from '../unit/webviews/support/recordedForms';
import { observed } from './support/tally';

/**
 * What a webview page sends is untrusted: every malformed message must be rejected by the protocol's schema, which is
 * what the panel host runs before any handler (WebviewPanelHost.receive; the extension suite checks the live panel
 * counts them). Here the messages are generated: random JSON, and every field of a real apply message (a form built
 * from a recorded VM) given a value of another type, an unknown key beside it, or a prototype-polluting key.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The host side of both editors: what the page may send. */
const toHost = (raw: unknown) => ({ settings: parseMessage(settingsToHost, raw), monitor: parseMessage(monitorToHost, raw) });

function countMalformed(raw: unknown): boolean {
    const { settings, monitor } = toHost(raw);
    observed.webview.malformed++;
    const rejected = !settings.ok && !monitor.ok;
    if (rejected) observed.webview.rejected++;
    else observed.webview.handled++;
    return rejected;
}

/** Every path to a value inside a JSON value, with the value. */
function paths(value: Json, prefix: (string | number)[] = []): [(string | number)[], Json][] {
    const here: [(string | number)[], Json][] = prefix.length ? [[prefix, value]] : [];
    if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => paths(item, [...prefix, i]))];
    if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...prefix, key]))];
    return here;
}

function withValueAt(message: Json, path: (string | number)[], value: unknown): Json {
    const copy = clone(message) as Record<string | number, unknown>;
    let node = copy;
    for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
    node[path[path.length - 1]] = value;
    return copy as Json;
}

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Values of every JSON type but the given one (null only where the schema cannot take it is decided by parsing). */
const OTHER_TYPES: Record<string, unknown[]> = {
    string: [42, true, {}, ['x']],
    number: ['12', true, {}, [1]],
    boolean: ['true', 1, {}, [true]],
    array: [{}, 'x', 7],
    object: [[], 'x', 7, null],
    null: ['x', {}, []],
};

describe('(reliability) webview messages', function () {
    const apply = { method: 'apply', params: { draft: recordedForm() } } as unknown as Json;

    it('the recorded apply message itself is accepted (the mutations below start from a valid message)', () => {
        assert.ok(parseMessage(settingsToHost, apply).ok);
    });

    it('rejects every field of an apply message given a value of another type', () => {
        const escaped: string[] = [];
        for (const [path, value] of paths(apply)) {
            if (path[0] === 'method') continue;
            for (const wrong of OTHER_TYPES[typeOf(value)]) {
                // A number field of a form may be empty (null); that is a valid message, not a malformed one.
                if (wrong === null && typeOf(value) === 'number') continue;
                if (!countMalformed(withValueAt(apply, path, wrong))) escaped.push(`${path.join('.')} = ${JSON.stringify(wrong)}`);
            }
        }
        assert.deepEqual(escaped, []);
    });

    it('rejects an unknown key, and __proto__ / constructor keys, at every level of an apply message', () => {
        const escaped: string[] = [];
        const objects = [[[], apply] as [(string | number)[], Json], ...paths(apply)].filter(([, value]) => typeOf(value) === 'object');
        for (const [path] of objects) {
            for (const key of ['runCommand', '__proto__', 'constructor']) {
                const message = clone(apply) as Record<string, unknown>;
                const target = path.reduce<Record<string | number, unknown>>((node, step) => node[step] as Record<string | number, unknown>, message);
                // defineProperty, so that "__proto__" becomes an own key as JSON.parse would make it.
                Object.defineProperty(target, key, { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
                if (!countMalformed(message)) escaped.push(`${[...path, key].join('.')}`);
            }
        }
        assert.deepEqual(escaped, []);
        assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
    });

    it('rejects random JSON and random params under real method names (fuzzed)', () => {
        const methods = fc.constantFrom('ready', 'apply', 'draftChanged', 'reload', 'refreshScreen', 'runVBoxManage', 'init', '__proto__');
        const message = fc.oneof(
            fc.jsonValue(),
            fc.record({ method: methods, params: fc.jsonValue() }),
            fc.record({ method: methods, params: fc.object(), extra: fc.jsonValue() }),
            fc.constantFrom('x', '🎉', '$(reboot)').map((unit) => ({ method: 'apply', params: { draft: { general: { name: unit.repeat(100_000) } } } })),
        );
        // A random value is a valid message only when it is exactly one of the parameterless or boolean commands.
        const valid = (raw: unknown) => {
            const { settings, monitor } = toHost(raw);
            return settings.ok || monitor.ok;
        };
        fc.assert(
            fc.property(message, (raw) => {
                if (valid(raw)) {
                    const method = (raw as { method: string }).method;
                    assert.ok(['ready', 'reload', 'refreshScreen'].includes(method), `accepted ${JSON.stringify(raw).slice(0, 200)}`);
                    return;
                }
                assert.ok(countMalformed(raw));
            }),
            { numRuns: 1_000 },
        );
    });

    it('the CSP allows no inline script, no eval, and scripts only with the page nonce; the page has no other script', () => {
        const nonce = randomBytes(18).toString('base64');
        const csp = buildCsp({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce, dataImages: true });
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic/);
        assert.match(csp, new RegExp(`script-src 'nonce-${nonce.replace(/[+/]/g, '\\$&')}'(;|$)`));
        assert.match(csp, /default-src 'none'/);
        // The page template: every <script> carries the nonce and a src (no inline code), and no inline handler.
        const template = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'webviews', 'shared', 'webviewHtml.ts'), 'utf8');
        const scripts = template.match(/<script\b[^>]*>/g) ?? [];
        assert.ok(scripts.length > 0);
        for (const tag of scripts) assert.match(tag, /nonce="\$\{nonce\}" src="/);
        assert.doesNotMatch(template, /<script\b[^>]*>[^<]+<\/script>|\son[a-z]+=|<style\b|style="/);
        // Nor does the page code build HTML from strings or evaluate code.
        const pageFiles = (dir: string): string[] =>
            readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? pageFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
        const offending = pageFiles(join(import.meta.dirname, '..', '..', 'src', 'webview-ui')).filter((file) =>
            /\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/.test(readFileSync(file, 'utf8')),
        );
        assert.deepEqual(offending, []);
    });
});
