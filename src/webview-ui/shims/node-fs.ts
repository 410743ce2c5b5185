// Browser stand-in for `node:fs`: the shared operation modules import it for their `run`, which never runs in a webview.

export function existsSync(_path: string): boolean {
    throw new Error('fs.existsSync is not available in a webview');
}
