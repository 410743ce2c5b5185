import * as vscode from 'vscode';
import type { Services } from '../../services/services';
import { Poller } from '../shared/poller';
import { WebviewPanelHost } from '../shared/webviewPanelHost';
import { planApply } from './applyPlanner';
import { runSteps } from './applyRunner';
import { rebaseDraft } from './draftRebase';
import type { DraftStore } from './draftStore';
import { readChoices, readVmForm } from './editorData';
import { validateDraft } from './formValidation';
import { settingsToHost, settingsToPage, type ApplyResult, type SettingsToHost } from './protocol';
import type { EditorChoices, SettingsForm } from './settingsForm';
import { refusedSteps } from './stateRules';
import { confirmClose } from './closeWithChanges';

const OUTSIDE_CHECK_MS = 5_000;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface SettingsEditorTarget {
    readonly uuid: string;
    readonly name: string;
}

/**
 * The settings editor of one VM. Holds the baseline (the configuration as last read) and the page's draft; Apply
 * plans the difference into operations, validates them with the operations' schemas, refuses what the VM's state does
 * not allow, and runs the rest. While visible it re-reads the configuration every few seconds and after every change
 * made through the extension, and tells the page when something changed outside the editor.
 */
export class SettingsPanel extends WebviewPanelHost<typeof settingsToHost, typeof settingsToPage> {
    private baseline?: SettingsForm;
    private draft?: SettingsForm;
    private choices?: EditorChoices;
    private state = 'unknown';
    private name: string;
    private applying = false;
    private outsideReported = false;
    private readonly watcher: Poller;
    /** For tests: what the last apply reported to the page. */
    lastApplyResult?: ApplyResult;

    constructor(
        private readonly services: Services,
        private readonly target: SettingsEditorTarget,
        private readonly drafts: DraftStore,
        private readonly reopen: (vmUuid: string) => void,
    ) {
        super({
            viewType: 'virtualbox.settingsEditor',
            editor: 'settings',
            title: vscode.l10n.t('Settings: {0}', target.name),
            toHost: settingsToHost,
            toPage: settingsToPage,
            extensionUri: services.context.extensionUri,
            logger: services.logger,
        });
        this.name = target.name;
        this.watcher = new Poller(OUTSIDE_CHECK_MS, () => this.checkOutside(), (error) => services.logger.warn(`Settings editor: re-reading ${this.name} failed: ${String(error)}`));
        this.disposables.push(services.vbox.onDidChangeState(() => void (this.applying ? undefined : this.watcher.now())));
    }

    /** The draft holds changes that are not applied: it plans at least one step (the page's own flag is not trusted). */
    private get dirty(): boolean {
        return this.baseline !== undefined && this.draft !== undefined && planApply(this.target.uuid, this.baseline, this.draft).length > 0;
    }

    /** For tests: the draft the host holds. */
    get currentDraft(): SettingsForm | undefined {
        return this.draft;
    }

    /** For tests: the page was told that the VM changed outside the editor (until the next reload). */
    get changedOutsideReported(): boolean {
        return this.outsideReported;
    }

    protected async handle(message: SettingsToHost): Promise<void> {
        switch (message.method) {
            case 'ready':
                return this.load(this.drafts.take(this.target.uuid));
            case 'draftChanged':
                this.draft = message.params.draft;
                return;
            case 'apply':
                this.draft = message.params.draft;
                await this.apply();
                return;
            case 'reload': {
                const kept = message.params.keepEdits && this.baseline && this.draft ? { baseline: this.baseline, draft: this.draft } : undefined;
                return this.load(kept);
            }
        }
    }

    private async load(kept?: { baseline: SettingsForm; draft: SettingsForm }): Promise<void> {
        try {
            this.choices ??= await readChoices(this.services, this.target.uuid);
            const { config, form } = await readVmForm(this.services, this.target.uuid, this.choices.osTypes);
            this.baseline = form;
            this.draft = kept ? rebaseDraft(form, kept.baseline, kept.draft, new Set()) : form;
            this.state = config.state;
            this.name = config.general.name;
            this.panel.title = vscode.l10n.t('Settings: {0}', this.name);
            this.outsideReported = false;
            this.post({
                method: 'init',
                params: { vm: this.identity(), baseline: form, draft: this.draft, restored: kept !== undefined && this.dirty, choices: this.choices },
            });
            if (this.panel.visible) this.watcher.start(false);
        } catch (error) {
            this.post({ method: 'loadError', params: { message: error instanceof Error ? error.message : String(error) } });
        }
    }

    private identity() {
        return { uuid: this.target.uuid, name: this.name, state: this.state };
    }

    /** Plans, validates and runs the draft's changes; answers with applyResult in every case. */
    async apply(): Promise<ApplyResult> {
        const { baseline, draft, choices } = this;
        if (!baseline || !draft || !choices || this.applying) return this.answer({ applied: [], notRun: [], fieldErrors: {} });
        const steps = planApply(this.target.uuid, baseline, draft);
        const fieldErrors = validateDraft(steps, baseline, draft, choices);
        for (const { step, reason } of refusedSteps(steps, this.state)) for (const field of step.fields) fieldErrors[field] ??= reason;
        if (Object.keys(fieldErrors).length > 0 || steps.length === 0) {
            return this.answer({ applied: [], notRun: steps.map((s) => ({ label: s.label, fields: s.fields })), fieldErrors });
        }
        this.applying = true;
        try {
            const result = await runSteps(this.services, steps, (step, index) =>
                this.post({ method: 'applyProgress', params: { label: step.label, index, total: steps.length } }),
            );
            const oldBaseline = baseline;
            const { config, form } = await readVmForm(this.services, this.target.uuid, choices.osTypes);
            this.baseline = form;
            this.draft = rebaseDraft(form, oldBaseline, draft, result.appliedKeys);
            this.state = config.state;
            this.name = config.general.name;
            this.panel.title = vscode.l10n.t('Settings: {0}', this.name);
            this.post({ method: 'init', params: { vm: this.identity(), baseline: form, draft: this.draft, restored: false, choices } });
            this.services.refresh.request('operation');
            return this.answer({ applied: result.applied, failed: result.failed, notRun: result.notRun, fieldErrors: result.fieldErrors });
        } finally {
            this.applying = false;
        }
    }

    private answer(result: ApplyResult): ApplyResult {
        this.lastApplyResult = result;
        this.post({ method: 'applyResult', params: result });
        return result;
    }

    /** Re-reads the VM: a new state goes to the page; a configuration that differs from the baseline raises the banner. */
    private async checkOutside(): Promise<void> {
        if (!this.baseline || !this.choices || this.applying) return;
        const { config, form } = await readVmForm(this.services, this.target.uuid, this.choices.osTypes);
        if (this.applying) return;
        if (config.state !== this.state || config.general.name !== this.name) {
            this.state = config.state;
            this.post({ method: 'state', params: { vm: this.identity() } });
        }
        if (!this.outsideReported && !same(form, this.baseline)) {
            this.outsideReported = true;
            this.post({ method: 'changedOutside', params: {} });
        }
    }

    protected override onVisibilityChanged(visible: boolean): void {
        if (visible && this.baseline) this.watcher.start();
        else this.watcher.stop();
    }

    protected override onDispose(): void {
        this.watcher.stop();
        if (!this.dirty || !this.baseline || !this.draft) return;
        const kept = { baseline: this.baseline, draft: this.draft };
        this.drafts.keep(this.target.uuid, kept);
        // The draft is kept whatever happens to the question (VS Code refuses dialogs in tests, for one).
        confirmClose(this.services, { uuid: this.target.uuid, name: this.name, state: this.state }, kept, this.drafts, this.reopen).catch((error: unknown) =>
            this.services.logger.warn(`Settings editor: could not ask about the unapplied changes of ${this.name}: ${String(error)}`),
        );
    }
}
