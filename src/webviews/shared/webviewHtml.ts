import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { buildCsp } from './csp';

/** The folder every webview may load from: the browser bundles (`localResourceRoots` holds only this). */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
    return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

/** Options for a panel that shows one of our bundles: scripts on, resources only from dist/webview. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)], retainContextWhenHidden: true };
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The whole page: a CSP meta tag, the editor's style sheet and its script (`dist/webview/<editor>.{css,js}`) with a
 * fresh nonce. The page itself has no inline script or style; the bundle builds everything.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, editor: string, options: { title: string; dataImages?: boolean }): string {
    const nonce = randomBytes(18).toString('base64');
    const root = webviewRoot(extensionUri);
    const script = webview.asWebviewUri(vscode.Uri.joinPath(root, `${editor}.js`));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(root, `${editor}.css`));
    const csp = buildCsp({ cspSource: webview.cspSource, nonce, dataImages: options.dataImages });
    return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(style.toString())}">
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}" src="${escapeHtml(script.toString())}"></script>
</body>
</html>`;
}
