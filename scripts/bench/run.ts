/**
 * `npm run bench`: the extension's performance figures against a real VirtualBox (the testbed unless VBOXMANAGE
 * is set), one line per figure: `BENCH <name> key=value …`, all measured in this run. It prepares what it needs in
 * VirtualBox homes of its own under the data folder (50 VMs: running, paused, saved, aborted, inaccessible, with
 * snapshots; 10 and 200 for the scale figure), kept for the next run. Not a test: it exits 0 when every figure was
 * measured, whether or not a target was met, and 1 when it could not run. Progress goes to stderr.
 *
 * connect_latency starts a clone of the testbed's real guest (the testbed's own VirtualBox home) and deletes it after.
 *
 * BENCH_RUNS (5): repetitions per timing; BENCH_IDLE_VISIBLE_S (30) and BENCH_IDLE_HIDDEN_S (10): how long idle
 * cost is counted; BENCH_SCALE_SIZES (10,50,200).
 */
import { availableParallelism, loadavg } from 'node:os';
import * as path from 'node:path';
import { findVirtualBox } from '../../test/integration/support/findVirtualBox';
import { activation } from './activation';
import { changeLatency } from './changeLatency';
import { coldTree } from './coldTree';
import { connectLatency } from './connectLatency';
import { VirtualBoxLab } from './lab';
import { benchLine } from './measure';
import { opOverhead } from './opOverhead';
import { scale } from './scale';
import { planVmSet, prepareVmSet, startLiveVms } from './vmSet';
import { warmRefresh } from './warmRefresh';

const numberFromEnv = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const log = (message: string) => console.error(`bench: ${message}`);

async function main(): Promise<void> {
    const runs = numberFromEnv('BENCH_RUNS', 5);
    // Every figure below includes VBoxManage processes, whose cost depends on how busy the machine is.
    console.log(benchLine('machine', { cores: availableParallelism(), load_avg_1m: loadavg()[0], node: process.version }));
    const found = findVirtualBox();
    if (!found) throw new Error('no VirtualBox (set VBOXMANAGE, or run as root on Linux for the testbed)');
    const lab = new VirtualBoxLab(found.executable, path.join(found.dataDir, 'bench-50'), 'bench-50');
    const plan = planVmSet('bench', 50, true);
    log(`preparing ${plan.length} VMs in ${lab.folder}`);
    await prepareVmSet(lab, plan, log);
    const stopLive = await startLiveVms(lab, plan);
    let oneShowVmInfoMs: number;
    try {
        // VBoxSVC is up and has every VM loaded before anything is timed.
        await lab.vbox('list', 'vms');
        log('cold_tree');
        const cold = await coldTree(lab, runs);
        oneShowVmInfoMs = cold.oneShowVmInfoMs;
        console.log(cold.line);
        log('warm_refresh');
        console.log(await warmRefresh(lab, runs * 4));
        log('change_latency');
        const idle = { idleVisibleMs: numberFromEnv('BENCH_IDLE_VISIBLE_S', 30) * 1000, idleHiddenMs: numberFromEnv('BENCH_IDLE_HIDDEN_S', 10) * 1000 };
        console.log(await changeLatency(lab, plan, { trials: runs, ...idle }));
        log('op_overhead');
        console.log(await opOverhead(lab, plan, runs * 2));
    } finally {
        await stopLive();
    }
    log('activation');
    console.log(await activation(runs));
    console.log(benchLine('machine_after', { load_avg_1m: loadavg()[0] }));
    log('scale');
    const sizes = (process.env.BENCH_SCALE_SIZES ?? '10,50,200').split(',').map(Number);
    console.log(await scale(found.executable, found.dataDir, sizes, runs, oneShowVmInfoMs, log));
    // Last: the real guest's emulated CPU would weigh on every figure measured beside it.
    log('connect_latency');
    console.log(await connectLatency(found, runs, log));
}

main().then(
    () => process.exit(0),
    (error: unknown) => {
        console.error(`bench: could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        process.exit(1);
    },
);
