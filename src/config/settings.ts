import * as vscode from 'vscode';
import { parseSettings, type Settings } from './settingsSchema';

/** The validated settings, re-read when they change: no reload needed. */
export class SettingsService implements vscode.Disposable {
    private current: Settings;
    private readonly changed = new vscode.EventEmitter<Settings>();
    private readonly subscription: vscode.Disposable;
    readonly onDidChange = this.changed.event;

    constructor(private readonly report: (problem: string) => void) {
        this.current = this.read();
        this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
            if (!event.affectsConfiguration('virtualbox')) return;
            this.current = this.read();
            this.changed.fire(this.current);
        });
    }

    get value(): Settings {
        return this.current;
    }

    async update<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
        await vscode.workspace.getConfiguration('virtualbox').update(key, value, vscode.ConfigurationTarget.Global);
    }

    private read(): Settings {
        const config = vscode.workspace.getConfiguration('virtualbox');
        const { settings, problems } = parseSettings((key) => config.get(key));
        problems.forEach(this.report);
        return settings;
    }

    dispose(): void {
        this.subscription.dispose();
        this.changed.dispose();
    }
}
