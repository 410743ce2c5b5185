/** "Disks only grow": what resize_disk refuses, and the settings page checks early. No imports: any bundle may use it. */
export function shrinkIssue(currentMb: number, newSizeMb: number): string | undefined {
    if (newSizeMb >= currentMb) return undefined;
    return `It has ${currentMb} MB and cannot shrink to ${newSizeMb} MB: disks only grow. Give at least ${currentMb} MB.`;
}
