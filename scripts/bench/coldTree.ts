import { runOperation } from '../../src/operations/operation';
import { listVms } from '../../src/operations/vm/listVms';
import { VirtualBoxSettingsFiles } from '../../src/vbox/settingsFiles/settingsFiles';
import { CallCounter, type VirtualBoxLab } from './lab';
import { benchLine, median, medianMs, met } from './measure';
import { loadNodeVirtualbox } from './nodeVirtualbox';

/** The extension's full VM list with nothing cached: a new settings-file reader each time, as after activation. */
export async function coldTreeMs(lab: VirtualBoxLab, runs: number): Promise<{ ms: number; processes: number; vms: number }> {
    let counter = new CallCounter();
    let vms = 0;
    const ms = await medianMs(
        runs,
        async () => (vms = (await runOperation(listVms, lab.context(counter, new VirtualBoxSettingsFiles(lab.home)), {})).length),
        () => void (counter = new CallCounter()),
    );
    return { ms, processes: counter.count, vms };
}

/**
 * cold_tree: the extension's provider data (state, OS, CPUs, memory, groups for every VM) next to node-virtualbox's
 * names-only list, one `list --long vms`, and one showvminfo per VM (the product's own fallback path, which is what
 * Vagrant-style drivers do). Targets: ratio to node-virtualbox ≤ 1, per-VM showvminfo ≥ 10× slower.
 */
export async function coldTree(lab: VirtualBoxLab, runs: number): Promise<{ line: string; oneShowVmInfoMs: number }> {
    const nodeVirtualbox = loadNodeVirtualbox(lab);
    // Interleaved, so that the machine's changing load weighs on each approach alike.
    const extension: number[] = [];
    const names: number[] = [];
    const listLong: number[] = [];
    let vms = 0;
    let processes = 0;
    try {
        for (let i = 0; i < runs; i++) {
            const cold = await coldTreeMs(lab, 1);
            extension.push(cold.ms);
            ({ vms, processes } = cold);
            names.push(await medianMs(1, () => nodeVirtualbox.list()));
            listLong.push(await medianMs(1, () => lab.vbox('list', '--long', 'vms')));
        }
    } finally {
        nodeVirtualbox.dispose();
    }
    const perVm = new CallCounter();
    const showVmInfoMs = await medianMs(Math.max(1, Math.floor(runs / 3)), () => runOperation(listVms, { ...lab.context(perVm), settingsFiles: undefined }, {}));
    const extensionMs = median(extension);
    const vsNodeVirtualbox = extensionMs / median(names);
    const showVmInfoTimes = showVmInfoMs / extensionMs;
    const line = benchLine('cold_tree', {
        vms,
        extension_ms: extensionMs,
        extension_processes: processes,
        node_virtualbox_names_only_ms: median(names),
        list_long_ms: median(listLong),
        showvminfo_per_vm_ms: showVmInfoMs,
        ratio_vs_node_virtualbox: vsNodeVirtualbox,
        showvminfo_per_vm_times_slower: showVmInfoTimes,
        target_ratio: '<=1.0',
        target_times: '>=10',
        met: met(vsNodeVirtualbox <= 1 && showVmInfoTimes >= 10),
    });
    return { line, oneShowVmInfoMs: showVmInfoMs / Math.max(1, vms) };
}
