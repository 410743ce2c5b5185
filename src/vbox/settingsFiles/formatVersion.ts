/**
 * The format version VirtualBox writes on a settings file's root element, e.g. `version="1.19-linux"`. The readers
 * accept only the versions whose layout they were checked against (files written by the real VirtualBox, kept in
 * test/fixtures/settings-files); anything else makes the caller fall back to VBoxManage.
 */
export interface FormatVersion {
    readonly major: number;
    readonly minor: number;
}

export function parseFormatVersion(text: string | undefined): FormatVersion | undefined {
    const match = /^(\d+)\.(\d+)(?:-[a-z0-9]+)?$/.exec(text ?? '');
    return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/** True when `version` is 1.<min> .. 1.<max> (both included). */
export function isWithin(version: FormatVersion, min: number, max: number): boolean {
    return version.major === 1 && version.minor >= min && version.minor <= max;
}
