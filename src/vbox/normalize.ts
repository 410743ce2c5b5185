/**
 * Output clean-up shared by every call: Windows line endings, the Linux wrapper's driver banner, and progress bars.
 */

/** `\r\n` (Windows C runtime) and stray `\r` become `\n`. */
export function normalizeNewlines(text: string): string {
    return text.replace(/\r\n?/g, '\n');
}

/**
 * The Linux `/usr/bin/VBoxManage` wrapper prints a warning block on stdout before the real output when the kernel
 * driver is missing:
 *
 *     WARNING: The character device /dev/vboxdrv does not exist.
 *     \t Please install the virtualbox-dkms package and the appropriate
 *     ...
 *     \t You will not be able to start VMs until this problem is fixed.
 *
 * The block is a `WARNING: ` line followed by lines that are blank or indented; real output never starts that way.
 */
export function stripWrapperBanner(stdout: string): { text: string; banner?: string } {
    if (!stdout.startsWith('WARNING: ')) {
        return { text: stdout };
    }
    const lines = stdout.split('\n');
    let end = 1;
    while (end < lines.length - 1 && (lines[end] === '' || /^\s/.test(lines[end]))) {
        end++;
    }
    return { text: lines.slice(end).join('\n'), banner: lines.slice(0, end).join('\n') };
}

const PROGRESS_TOKEN = /(\d{1,3})%(?:\.\.\.)?/g;

/**
 * Reads a progress bar as it streams in. VBoxManage writes the digits and the `%...` separately, so a number can
 * be split across chunks: the unfinished tail of each chunk is kept for the next one.
 */
export class ProgressReader {
    private tail = '';

    push(chunk: string): number[] {
        const text = this.tail + chunk;
        const cut = text.search(/\d*$/);
        this.tail = text.slice(cut);
        return progressPercents(text.slice(0, cut));
    }
}

/** The percentages in a chunk of a progress bar (`0%...10%...`), in order. */
export function progressPercents(chunk: string): number[] {
    return [...chunk.matchAll(PROGRESS_TOKEN)].map((match) => Number(match[1])).filter((n) => n <= 100);
}

/**
 * stderr without the progress bar, which VBoxManage writes there too: `0%...10%...100%` or, on failure,
 * `0%...NS_ERROR_FAILURE` before the error lines.
 */
export function stripProgress(stderr: string): string {
    const lines = stderr
        .split('\n')
        .map((line) => line.replace(/^\d{1,3}%(?:\.\.\.\d{1,3}%)*(?:\.\.\.)?(?:[A-Z][A-Z0-9_]*)?(?=$|VBoxManage)/, ''));
    // The bar had a line of its own: drop the blank line it leaves at the start.
    while (lines.length > 1 && lines[0] === '') lines.shift();
    return lines.join('\n');
}
