import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { buildCsp } from '../../../src/webviews/shared/csp';

describe('(unit) webviews: Content-Security-Policy', () => {
    const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
    const nonce = randomBytes(18).toString('base64');
    const directives = (csp: string) => new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

    it("denies by default, runs scripts only with the page's nonce, and never allows inline or eval", () => {
        const csp = buildCsp({ cspSource, nonce });
        const parsed = directives(csp);
        assert.deepEqual(parsed.get('default-src'), ["'none'"]);
        assert.deepEqual(parsed.get('script-src'), [`'nonce-${nonce}'`]);
        assert.deepEqual(parsed.get('style-src'), [cspSource]);
        assert.deepEqual(parsed.get('img-src'), [cspSource]);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    });

    it("takes a webview's several sources as they are (code-server's `'self' https://*.vscode-cdn.net`)", () => {
        const several = "'self' https://*.vscode-cdn.net";
        const parsed = directives(buildCsp({ cspSource: several, nonce }));
        assert.deepEqual(parsed.get('style-src'), ["'self'", 'https://*.vscode-cdn.net']);
        assert.deepEqual(parsed.get('script-src'), [`'nonce-${nonce}'`]);
    });

    it('allows data: images only when asked (the monitor\'s screen preview)', () => {
        assert.deepEqual(directives(buildCsp({ cspSource, nonce, dataImages: true })).get('img-src'), [cspSource, 'data:']);
        assert.doesNotMatch(buildCsp({ cspSource, nonce }), /data:/);
    });

    it('refuses a weak nonce or a source that would inject directives', () => {
        assert.throws(() => buildCsp({ cspSource, nonce: 'abc' }));
        assert.throws(() => buildCsp({ cspSource, nonce: "x'; script-src *; '0123456789abcdef" }));
        assert.throws(() => buildCsp({ cspSource: "https://x; script-src 'unsafe-inline'", nonce }));
        assert.throws(() => buildCsp({ cspSource: "'self' 'unsafe-eval'", nonce }));
        assert.throws(() => buildCsp({ cspSource: '*', nonce }));
    });

    it('gives every random nonce its own script-src and nothing else (fuzzed)', () => {
        fc.assert(
            fc.property(fc.uint8Array({ minLength: 12, maxLength: 48 }), (bytes) => {
                const value = Buffer.from(bytes).toString('base64');
                const csp = buildCsp({ cspSource, nonce: value });
                assert.deepEqual(directives(csp).get('script-src'), [`'nonce-${value}'`]);
            }),
        );
    });
});
