import * as vscode from 'vscode';

/**
 * What is happening to a VM right now ("Starting…", "Saving…"), shown as the node's description until the
 * operation ends. Keyed by VM name or UUID as the command knows it; the tree looks up both.
 */
class TransientStates implements vscode.Disposable {
    private readonly labels = new Map<string, string>();
    private readonly changed = new vscode.EventEmitter<void>();
    readonly onDidChange = this.changed.event;

    get(keys: readonly string[]): string | undefined {
        for (const key of keys) {
            const label = this.labels.get(key);
            if (label !== undefined) return label;
        }
        return undefined;
    }

    /** Shows `label` on the VM's node while `work` runs. */
    async run<T>(key: string, label: string, work: () => Promise<T>): Promise<T> {
        this.labels.set(key, label);
        this.changed.fire();
        try {
            return await work();
        } finally {
            if (this.labels.get(key) === label) this.labels.delete(key);
            this.changed.fire();
        }
    }

    dispose(): void {
        this.labels.clear();
        this.changed.dispose();
    }
}

/** One registry for the whole extension: the commands write to it, the Machines tree reads it. */
export const transientStates = new TransientStates();
