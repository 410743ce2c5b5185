import { runOperation } from '../../src/operations/operation';
import { listVms } from '../../src/operations/vm/listVms';
import { VmListSource } from '../../src/tree/machines/vmListSource';
import { VirtualBoxSettingsFiles } from '../../src/vbox/settingsFiles/settingsFiles';
import { CallCounter, type VirtualBoxLab } from './lab';
import { benchLine, median, medianMs, met } from './measure';

/**
 * warm_refresh: a refresh of the Machines data when nothing changed, through the same VmListSource the Machines
 * store uses (change signature, then list_vms with warm caches), next to the one process it keeps, run alone.
 * Target: ≤ 1 process, ≤ 50 ms.
 */
export async function warmRefresh(lab: VirtualBoxLab, runs: number): Promise<string> {
    const files = new VirtualBoxSettingsFiles(lab.home);
    const counter = new CallCounter();
    const source = new VmListSource(() => runOperation(listVms, lab.context(counter, files), {}), files);
    await source.read();
    const before = counter.count;
    // Interleaved with the one process a refresh keeps (`list runningvms`) run alone: the floor, on this machine now.
    const refresh: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
        refresh.push(await medianMs(1, () => source.read()));
        bare.push(await medianMs(1, () => lab.vbox('list', 'runningvms')));
    }
    const processes = (counter.count - before) / runs;
    const ms = median(refresh);
    const bareMs = median(bare);
    return benchLine('warm_refresh', {
        ms,
        processes,
        bare_list_runningvms_ms: bareMs,
        without_process_ms: Math.max(0, ms - bareMs),
        target_ms: '<=50',
        target_processes: '<=1',
        met: met(ms <= 50 && processes <= 1),
    });
}
