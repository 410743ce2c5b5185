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
    /** The files' signature as of the last read or check. */
    private baseline?: string;

    constructor(
        private readonly readList: () => Promise<readonly VmSummary[]>,
        private readonly files: VirtualBoxSettingsFiles | undefined,
    ) {}

    async read(): Promise<readonly VmSummary[]> {
        const vms = await this.readList();
        // Made from the stamps of what the read used: a file changed during the read counts as changed next time.
        this.baseline = this.files?.lastListSignature;
        return vms;
    }

    /** True when the files changed since the last read or check; false when they cannot tell (then polling does). */
    async changed(): Promise<boolean> {
        if (this.baseline === undefined) return false;
        const now = await this.files?.changeSignature().catch(() => undefined);
        if (now === undefined) return false;
        const changed = now !== this.baseline;
        // Reported once: if the read it triggers fails, the next poll tries again, not every check.
        this.baseline = now;
        return changed;
    }
}
