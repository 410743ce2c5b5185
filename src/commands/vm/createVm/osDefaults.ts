/** What a new VM of some OS type gets unless the user changes it. */
export interface OsDefaults {
    readonly memoryMb: number;
    readonly cpus: number;
    readonly diskGb: number;
}

interface OsTypeLike {
    readonly id: string;
    readonly familyId: string;
    readonly is64Bit: boolean;
}

/**
 * Sensible sizes per OS family, close to what the VirtualBox app proposes (`list ostypes` in 7.1+ no longer
 * prints its recommendations). Clamped to the host's limits by the caller.
 */
export function osDefaults(os: OsTypeLike | undefined): OsDefaults {
    if (!os) return { memoryMb: 1024, cpus: 1, diskGb: 10 };
    const id = os.id.toLowerCase();
    if (os.familyId === 'Windows') {
        if (/windows(11|202[2-5])/.test(id)) return { memoryMb: 4096, cpus: 2, diskGb: 80 };
        if (/windows(10|201[2-9]|8)/.test(id)) return { memoryMb: 2048, cpus: 2, diskGb: 50 };
        return { memoryMb: 1024, cpus: 1, diskGb: 25 };
    }
    if (os.familyId === 'MacOS') return { memoryMb: 4096, cpus: 2, diskGb: 80 };
    if (os.familyId === 'Linux' || os.familyId === 'Solaris' || os.familyId === 'BSD') {
        return os.is64Bit ? { memoryMb: 2048, cpus: 2, diskGb: 25 } : { memoryMb: 1024, cpus: 1, diskGb: 10 };
    }
    return os.is64Bit ? { memoryMb: 1024, cpus: 1, diskGb: 16 } : { memoryMb: 512, cpus: 1, diskGb: 8 };
}

/** `value` kept within [min, max]. */
export function clamp(value: number, min: number, max: number): number {
    return Math.min(Math.max(value, min), max);
}
