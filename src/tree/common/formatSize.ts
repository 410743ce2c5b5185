/** Sizes as people read them: 512 MB, 20 GB, 1.5 TB (binary units, as VirtualBox shows them). */
export function formatMegabytes(megabytes: number): string {
    if (megabytes < 1024) return `${Math.round(megabytes)} MB`;
    const gigabytes = megabytes / 1024;
    if (gigabytes < 1024) return `${trim(gigabytes)} GB`;
    return `${trim(gigabytes / 1024)} TB`;
}

function trim(value: number): string {
    return value >= 10 ? String(Math.round(value)) : value.toFixed(1).replace(/\.0$/, '');
}
