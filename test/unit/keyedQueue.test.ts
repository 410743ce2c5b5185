import { strict as assert } from 'node:assert';
import { KeyedQueue } from '../../src/vbox/keyedQueue';

describe('(unit) KeyedQueue', () => {
    it('runs tasks with the same key one at a time, in order', async () => {
        const queue = new KeyedQueue();
        const events: string[] = [];
        const task = (id: string, ms: number) => () =>
            new Promise<string>((resolve) => {
                events.push(`start ${id}`);
                setTimeout(() => {
                    events.push(`end ${id}`);
                    resolve(id);
                }, ms);
            });
        const results = await Promise.all([queue.run('vm', task('a', 30)), queue.run('vm', task('b', 1)), queue.run('other', task('c', 1))]);
        assert.deepEqual(results, ['a', 'b', 'c']);
        assert.ok(events.indexOf('end a') < events.indexOf('start b'), events.join(', '));
        assert.ok(events.indexOf('start c') < events.indexOf('end a'), 'another key is not held up');
    });

    it('keeps going after a failed task and forgets idle keys', async () => {
        const queue = new KeyedQueue();
        await assert.rejects(queue.run('vm', () => Promise.reject(new Error('boom'))), /boom/);
        assert.equal(await queue.run('vm', async () => 'next'), 'next');
        await new Promise((r) => setTimeout(r, 0));
        assert.equal(queue.size, 0);
    });
});
