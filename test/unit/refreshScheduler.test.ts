import { strict as assert } from 'node:assert';
import { RefreshScheduler, type RefreshReason } from '../../src/tree/refreshScheduler';

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('(unit) RefreshScheduler', () => {
    it('never overlaps: a request during a run queues exactly one more run', async () => {
        let active = 0;
        let maxActive = 0;
        const reasons: RefreshReason[] = [];
        const scheduler = new RefreshScheduler(async (reason) => {
            reasons.push(reason);
            active++;
            maxActive = Math.max(maxActive, active);
            await tick(20);
            active--;
        }, 60_000, 1);
        await Promise.all([scheduler.request('manual'), scheduler.request('manual'), scheduler.request('manual')]);
        await tick(50);
        assert.equal(maxActive, 1);
        assert.equal(reasons.length, 2, 'the first run plus one coalesced run');
        scheduler.dispose();
    });

    it('coalesces non-manual requests within the debounce window', async () => {
        let runs = 0;
        const scheduler = new RefreshScheduler(async () => void runs++, 60_000, 20);
        for (let i = 0; i < 10; i++) void scheduler.request('operation');
        await tick(60);
        assert.equal(runs, 1);
        scheduler.dispose();
    });

    it('polls only while visible', async () => {
        let runs = 0;
        const scheduler = new RefreshScheduler(async () => void runs++, 15, 1);
        await tick(50);
        assert.equal(runs, 0, 'hidden: no polling');
        scheduler.setVisible(true);
        await tick(80);
        assert.ok(runs >= 3, `visible: polled (${runs} runs)`);
        assert.ok(scheduler.isPolling);
        scheduler.setVisible(false);
        const after = runs;
        await tick(60);
        assert.ok(runs <= after + 1, 'hidden again: polling stops');
        assert.ok(!scheduler.isPolling);
        scheduler.dispose();
    });

    it('keeps polling after a failed refresh, reporting the error', async () => {
        let runs = 0;
        const errors: unknown[] = [];
        const fail = async () => {
            runs++;
            throw new Error('VBoxManage failed');
        };
        const scheduler = new RefreshScheduler(fail, 10, 1, undefined, (error) => errors.push(error));
        scheduler.setVisible(true);
        await tick(70);
        assert.ok(runs >= 3, `${runs} runs`);
        assert.equal(errors.length, runs);
        scheduler.dispose();
    });
    it('with a change probe: checks often while visible, refreshes at once on a change, polls fully only at the interval', async () => {
        let runs = 0;
        let checks = 0;
        let change = false;
        const probe = {
            everyMs: 10,
            changed: async () => {
                checks++;
                const result = change;
                change = false;
                return result;
            },
        };
        const scheduler = new RefreshScheduler(async () => void runs++, 60_000, 1, undefined, undefined, probe);
        await scheduler.request('manual');
        scheduler.setVisible(true);
        await tick(80);
        const settled = runs;
        assert.ok(checks >= 3, `probed (${checks} checks)`);
        assert.ok(settled <= 2, `no refresh without a change (${settled} runs)`);
        change = true;
        await tick(40);
        assert.equal(runs, settled + 1, 'one refresh for the change');
        scheduler.setVisible(false);
        const hiddenChecks = checks;
        await tick(50);
        assert.ok(checks <= hiddenChecks + 1, 'hidden: no checks');
        scheduler.dispose();
    });
});
