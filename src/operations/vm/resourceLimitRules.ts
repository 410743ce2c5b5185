/**
 * The resource limits a VM's CPUs, memory and video memory must keep, and the pure check against them: the operations
 * run it before changing anything, and the settings page runs it on the form. No imports: any bundle may use it.
 */

/** VirtualBox's guest limits, with the CPU and memory maximums capped at what this host has. */
export interface ResourceLimits {
    readonly minCpus: number;
    readonly maxCpus: number;
    readonly minMemoryMb: number;
    readonly maxMemoryMb: number;
    readonly minVramMb: number;
    readonly maxVramMb: number;
    readonly hostCpus: number;
    readonly hostMemoryMb: number;
}

export interface ResourceRequest {
    readonly cpus?: number;
    readonly memoryMb?: number;
    readonly vramMb?: number;
}

export interface LimitIssue {
    readonly field: keyof ResourceRequest;
    readonly message: string;
}

/** Every requested value outside its limits, with a message that names the range. */
export function resourceLimitIssues(limits: ResourceLimits, request: ResourceRequest): LimitIssue[] {
    const issues: LimitIssue[] = [];
    const check = (field: keyof ResourceRequest, min: number, max: number, message: (value: number) => string) => {
        const value = request[field];
        if (value !== undefined && (value < min || value > max)) issues.push({ field, message: message(value) });
    };
    check('cpus', limits.minCpus, limits.maxCpus, (value) =>
        `${value} CPUs is outside ${limits.minCpus}–${limits.maxCpus} (VirtualBox's range, within this host's ${limits.hostCpus} logical CPUs).`);
    check('memoryMb', limits.minMemoryMb, limits.maxMemoryMb, (value) =>
        `${value} MB is outside ${limits.minMemoryMb}–${limits.maxMemoryMb} MB (VirtualBox's range, within this host's ${limits.hostMemoryMb} MB of memory).`);
    check('vramMb', limits.minVramMb, limits.maxVramMb, (value) => `${value} MB is outside VirtualBox's range ${limits.minVramMb}–${limits.maxVramMb} MB.`);
    return issues;
}
