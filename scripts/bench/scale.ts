import * as path from 'node:path';
import { VirtualBoxSettingsFiles } from '../../src/vbox/settingsFiles/settingsFiles';
import { coldTreeMs } from './coldTree';
import { VirtualBoxLab } from './lab';
import { benchLine, medianMs } from './measure';
import { planVmSet, prepareVmSet } from './vmSet';

/** The part of a cold tree that is not a process: VirtualBox.xml, every .vbox and every log, read and parsed. */
function coldFilesMs(lab: VirtualBoxLab, runs: number): Promise<number> {
    return medianMs(runs, async () => {
        const files = new VirtualBoxSettingsFiles(lab.home);
        const registry = await files.readRegistry();
        await Promise.all(registry.machines.map((entry) => Promise.all([files.readMachine(entry.settingsFile).catch(() => undefined), files.readLog(entry.settingsFile)])));
    });
}

/**
 * scale: the cold tree at 10, 50 and 200 registered VMs (each size a VirtualBox home and service of its own,
 * powered-off VMs, some with snapshots). The cost must grow far slower than one process per VM: the processes stay
 * two at every size, and the figure gives what each extra VM adds (its files, read and parsed) next to one showvminfo.
 */
export async function scale(executable: string, dataDir: string, sizes: readonly number[], runs: number, oneShowVmInfoMs: number, log: (message: string) => void): Promise<string> {
    const fields: Record<string, number | string> = {};
    const times: number[] = [];
    for (const size of sizes) {
        const lab = new VirtualBoxLab(executable, path.join(dataDir, `bench-scale-${size}`), `bench-scale-${size}`);
        await prepareVmSet(lab, planVmSet(`scale${size}`, size, false), (message) => log(`scale ${size}: ${message}`));
        await lab.vbox('list', 'vms');
        const { ms, processes } = await coldTreeMs(lab, runs);
        const filesMs = await coldFilesMs(lab, runs);
        fields[`vms_${size}_ms`] = ms;
        fields[`vms_${size}_processes`] = processes;
        fields[`vms_${size}_files_ms`] = filesMs;
        times.push(filesMs);
    }
    const perVm = (times[times.length - 1] - times[0]) / (sizes[sizes.length - 1] - sizes[0]);
    return benchLine('scale', {
        ...fields,
        files_ms_per_extra_vm: perVm,
        showvminfo_one_vm_ms: oneShowVmInfoMs,
        target: 'far_below_one_process_per_vm',
        met: perVm < oneShowVmInfoMs / 4 ? 'yes' : 'no',
    });
}
