/**
 * Runs tasks that share a key one at a time, in arrival order; tasks with different keys run independently.
 * Used so that two operations on the same VM never race for its session lock.
 */
export class KeyedQueue {
    private readonly tails = new Map<string, Promise<unknown>>();

    run<T>(key: string, task: () => Promise<T>): Promise<T> {
        const previous = this.tails.get(key) ?? Promise.resolve();
        const next = previous.then(task, task);
        const tail = next.catch(() => undefined);
        this.tails.set(key, tail);
        void tail.then(() => {
            // Forget the key once nothing is queued behind this task.
            if (this.tails.get(key) === tail) this.tails.delete(key);
        });
        return next;
    }

    get size(): number {
        return this.tails.size;
    }
}
