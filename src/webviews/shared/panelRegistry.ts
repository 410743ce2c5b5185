import * as vscode from 'vscode';

interface Panel {
    readonly isDisposed: boolean;
    reveal(): void;
    readonly panel: { onDidDispose: vscode.Event<void> };
}

/** One panel per key (a VM's UUID): opening it again reveals the panel that is already there. */
export class PanelRegistry<P extends Panel> {
    private readonly panels = new Map<string, P>();

    openOrReveal(key: string, create: () => P): P {
        const existing = this.panels.get(key);
        if (existing && !existing.isDisposed) {
            existing.reveal();
            return existing;
        }
        const panel = create();
        this.panels.set(key, panel);
        panel.panel.onDidDispose(() => {
            if (this.panels.get(key) === panel) this.panels.delete(key);
        });
        return panel;
    }

    get(key: string): P | undefined {
        return this.panels.get(key);
    }

    get size(): number {
        return this.panels.size;
    }
}
