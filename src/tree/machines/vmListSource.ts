import type { VmSummary } from '../../operations/vm/listVms';
import type { VirtualBoxSettingsFiles } from '../../vbox/settingsFiles/settingsFiles';

/**
 * Reads the VM list and tells, without spawning anything, whether it may have changed since: VirtualBox writes
 * VirtualBox.xml, a VM's .vbox or the VM's log whenever a VM is registered, changed, started, paused, saved,
 * powered off or dies (recorded on the testbed), so comparing the files' change signature (settingsFiles.ts) is
 * enough to notice a change made by another program within a second. vscode-free, so that `npm run bench`
 * measures this very code.
 */
export class VmListSource {
    /** The signature taken just before the last read: a change during that read is noticed by the next check. */
    private baseline?: string;

    constructor(
        private readonly readList: () => Promise<readonly VmSummary[]>,
        private readonly files: VirtualBoxSettingsFiles | undefined,
    ) {}

    async read(): Promise<readonly VmSummary[]> {
        const before = await this.signature();
        const vms = await this.readList();
        this.baseline = before;
        return vms;
    }

    /** True when the files changed since the last read or check; false when they cannot tell (then polling does). */
    async changed(): Promise<boolean> {
        const now = await this.signature();
        if (now === undefined || this.baseline === undefined) return false;
        const changed = now !== this.baseline;
        // Reported once: if the read it triggers fails, the next poll tries again, not every check.
        this.baseline = now;
        return changed;
    }

    private signature(): Promise<string | undefined> {
        return this.files?.changeSignature().catch(() => undefined) ?? Promise.resolve(undefined);
    }
}
