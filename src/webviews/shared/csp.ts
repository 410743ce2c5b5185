/**
 * The Content-Security-Policy of every webview page (after the extension samples): nothing is allowed by default;
 * scripts only with this page's nonce (no inline script, no eval); styles only
 * from the bundle folder (web components use constructable style sheets, which CSP does not govern); images from
 * the bundle folder and, where a page shows a VM's screen, `data:` URIs.
 */
export interface CspOptions {
    /**
     * `webview.cspSource`: where the webview serves `asWebviewUri` resources from; one or more sources (code-server
     * gives `'self' https://*.vscode-cdn.net`).
     */
    readonly cspSource: string;
    /** A fresh random nonce per page load. */
    readonly nonce: string;
    /** Allow `data:` images (the monitor's screen preview). */
    readonly dataImages?: boolean;
}

export function buildCsp(options: CspOptions): string {
    const { cspSource, nonce } = options;
    if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('a CSP nonce must be at least 16 base64 characters');
    // Sources only: nothing that could end the directive or loosen it.
    if (!cspSource.trim() || /[;,\n\r]|unsafe-|'nonce-|'strict-dynamic'|(^|\s)\*(\s|$)/.test(cspSource)) throw new Error(`not a CSP source: ${cspSource}`);
    return [
        "default-src 'none'",
        `script-src 'nonce-${nonce}'`,
        `style-src ${cspSource}`,
        `img-src ${cspSource}${options.dataImages ? ' data:' : ''}`,
        `font-src ${cspSource}`,
        "base-uri 'none'",
        "form-action 'none'",
    ].join('; ');
}
