import { strict as assert } from 'node:assert';
import { Poller } from '../../../src/webviews/shared/poller';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('(unit) webviews: poller', () => {
    it('ticks at the interval while running, never two at once, and not at all once stopped', async () => {
        let active = 0;
        let maxActive = 0;
        let ticks = 0;
        const poller = new Poller(10, async () => {
            active++;
            maxActive = Math.max(maxActive, active);
            ticks++;
            await sleep(15);
            active--;
        });
        poller.start();
        void poller.now();
        await sleep(120);
        poller.stop();
        const stoppedAt = ticks;
        await sleep(60);
        assert.equal(maxActive, 1);
        assert.ok(stoppedAt >= 3, `only ${stoppedAt} ticks`);
        assert.ok(ticks - stoppedAt <= 1, 'at most the tick in flight finishes after stop');
    });

    it('reports a failing tick and keeps polling', async () => {
        const errors: unknown[] = [];
        let ticks = 0;
        const poller = new Poller(
            5,
            async () => {
                ticks++;
                throw new Error('boom');
            },
            (error) => errors.push(error),
        );
        poller.start();
        await sleep(40);
        poller.stop();
        assert.ok(ticks >= 2);
        assert.equal(errors.length, ticks);
    });
});
