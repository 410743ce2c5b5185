// The resource monitor in real VS Code on a running testbed VM: real metric samples and a PNG screen preview reach
// the panel; polling stops when the VM stops and the panel says so.
import * as assert from 'node:assert/strict';
import type { MonitorPanel } from '../../src/webviews/monitor/monitorPanel';
import { waitFor } from './support/waitFor';
import { VBoxManageSpy, webviewManagers } from './webviewSupport';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('(extension) webview: resource monitor', function () {
    this.timeout(180_000);
    let spy: VBoxManageSpy;
    let vm: { uuid: string; name: string };
    let panel: MonitorPanel;

    before(async () => {
        spy = await VBoxManageSpy.install();
        vm = await spy.createVm('monitor');
        await spy.run('startvm', vm.uuid, '--type', 'headless');
        assert.ok(await waitFor(async () => (await spy.vmInfo(vm.uuid)).get('VMState') === 'running', 30_000, 500), 'the VM did not start');
        panel = (await webviewManagers()).monitor.open(vm);
    });

    after(async () => {
        panel?.dispose();
        if (vm) await spy.removeVm(vm.uuid);
        await spy?.restore();
    });

    it('loads the page, which asks for data', async () => {
        assert.ok(await waitFor(() => panel.pageMessages > 0, 60_000), 'the monitor page never sent a message: its script did not run');
    });

    it('receives real metric samples from VirtualBox, about every 1.5 s', async () => {
        assert.ok(await waitFor(() => panel.sent.samples.length >= 3, 60_000, 250), `only ${panel.sent.samples.length} samples`);
        const [a, b, c] = panel.sent.samples.slice(-3);
        for (const sample of [a, b, c]) {
            assert.ok(sample.ramUsedMb > 0, `RAM used ${sample.ramUsedMb}`);
            assert.ok(sample.cpuUserPercent >= 0 && sample.cpuKernelPercent >= 0);
        }
        assert.ok(c.at > a.at, 'samples are not new');
        assert.ok(spy.calls().some(([verb, sub]) => verb === 'metrics' && sub === 'query'), 'no metrics query reached VBoxManage');
    });

    it('receives a PNG screen preview', async () => {
        assert.ok(await waitFor(() => panel.sent.screens.length > 0, 60_000, 500), 'no screen preview');
        const [screen] = panel.sent.screens;
        assert.ok(screen.bytes.subarray(0, 8).equals(PNG_SIGNATURE), 'not a PNG');
        assert.equal(screen.bytes.readUInt32BE(16), screen.width);
        assert.ok(screen.width > 0 && screen.height > 0);
        const before = panel.sent.screens.length;
        await panel.simulateMessage({ method: 'refreshScreen', params: {} });
        assert.ok(panel.sent.screens.length > before || panel.sent.screens.length === 10, 'a click did not refresh the preview');
    });

    it('stops polling when the VM stops', async () => {
        await spy.run('controlvm', vm.uuid, 'poweroff');
        assert.ok(await waitFor(() => !panel.isPolling, 30_000, 250), 'still polling a stopped VM');
        const queries = () => spy.calls().filter(([verb, sub]) => verb === 'metrics' && sub === 'query').length;
        const count = queries();
        await new Promise((resolve) => setTimeout(resolve, 4_000));
        assert.equal(queries(), count, 'metrics were still queried after the VM stopped');
    });
});
