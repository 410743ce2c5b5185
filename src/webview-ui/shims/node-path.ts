// Browser stand-in for `node:path`, for the operation schema modules the webviews share (they only check that a path
// is absolute). The host re-validates everything with the real module.

/** POSIX `/x`, Windows `C:\x` or `C:/x`, or a UNC `\\server\share`. */
export function isAbsolute(path: string): boolean {
    return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

function unavailable(name: string): never {
    throw new Error(`path.${name} is not available in a webview`);
}

export const join = (..._parts: string[]): string => unavailable('join');
export const dirname = (_path: string): string => unavailable('dirname');
export const basename = (_path: string): string => unavailable('basename');
