import * as vscode from 'vscode';
import type { z } from 'zod';
import type { Logger } from '../../vbox/logger';
import { parseMessage, type ParsedMessage } from './ipc';
import { webviewHtml, webviewOptions } from './webviewHtml';

export interface PanelSpec<ToHost extends z.ZodType, ToPage extends z.ZodType> {
    /** The panel's view type, e.g. `virtualbox.settingsEditor`. */
    readonly viewType: string;
    /** The bundle: `dist/webview/<editor>.js` and `.css`. */
    readonly editor: string;
    readonly title: string;
    readonly toHost: ToHost;
    readonly toPage: ToPage;
    readonly dataImages?: boolean;
    readonly extensionUri: vscode.Uri;
    readonly logger: Logger;
    readonly iconPath?: vscode.Uri | { light: vscode.Uri; dark: vscode.Uri };
}

/**
 * One webview panel speaking one protocol: every message from the page is parsed with the protocol's schema before
 * the handler sees it (a malformed one is logged and dropped), and every message to the page is checked against the
 * page's schema before it is posted. `simulateMessage` enters the same path, for tests.
 */
export abstract class WebviewPanelHost<ToHost extends z.ZodType, ToPage extends z.ZodType> implements vscode.Disposable {
    readonly panel: vscode.WebviewPanel;
    protected readonly disposables: vscode.Disposable[] = [];
    private disposed = false;
    /** Messages from the page that failed validation (for the log and for tests). */
    rejectedMessages = 0;
    /** Messages that came from the page itself (not simulated): the first is its `ready`, proof the bundle runs. */
    pageMessages = 0;

    protected constructor(protected readonly spec: PanelSpec<ToHost, ToPage>) {
        this.panel = vscode.window.createWebviewPanel(spec.viewType, spec.title, vscode.ViewColumn.Active, webviewOptions(spec.extensionUri));
        if (spec.iconPath) this.panel.iconPath = spec.iconPath;
        this.panel.webview.html = webviewHtml(this.panel.webview, spec.extensionUri, spec.editor, { title: spec.title, dataImages: spec.dataImages });
        this.disposables.push(
            this.panel.webview.onDidReceiveMessage((raw: unknown) => {
                this.pageMessages++;
                void this.receive(raw);
            }),
            this.panel.onDidChangeViewState(() => this.onVisibilityChanged(this.panel.visible)),
            this.panel.onDidDispose(() => this.dispose()),
        );
    }

    get isDisposed(): boolean {
        return this.disposed;
    }

    /** The one entry for messages from the page; also what tests call. */
    async simulateMessage(raw: unknown): Promise<ParsedMessage<z.infer<ToHost>>> {
        return this.receive(raw);
    }

    private async receive(raw: unknown): Promise<ParsedMessage<z.infer<ToHost>>> {
        const parsed = parseMessage(this.spec.toHost, raw);
        if (!parsed.ok) {
            this.rejectedMessages++;
            this.spec.logger.warn(`${this.spec.viewType}: ${parsed.error}`);
            return parsed;
        }
        try {
            await this.handle(parsed.message);
        } catch (error) {
            this.spec.logger.error(`${this.spec.viewType}: handling "${String((parsed.message as { method: string }).method)}" failed`, error);
        }
        return parsed;
    }

    /** Posts a message to the page after checking it against the page's own schema. */
    protected post(message: z.infer<ToPage>): void {
        if (this.disposed) return;
        const checked = parseMessage(this.spec.toPage, message);
        if (!checked.ok) {
            this.spec.logger.error(`${this.spec.viewType}: not sending an invalid message: ${checked.error}`);
            return;
        }
        void this.panel.webview.postMessage(checked.message);
    }

    protected abstract handle(message: z.infer<ToHost>): Promise<void>;

    protected onVisibilityChanged(_visible: boolean): void {}

    protected onDispose(): void {}

    reveal(): void {
        this.panel.reveal();
    }

    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        this.onDispose();
        this.disposables.forEach((disposable) => disposable.dispose());
        this.panel.dispose();
    }
}
