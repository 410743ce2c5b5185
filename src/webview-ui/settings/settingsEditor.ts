import { planApply, type PlannedStep } from '../../webviews/settings/applyPlanner';
import { validateDraft, type FieldErrors } from '../../webviews/settings/formValidation';
import type { ApplyResult, SettingsToHost, SettingsToPage } from '../../webviews/settings/protocol';
import type { EditorChoices, SettingsForm } from '../../webviews/settings/settingsForm';
import { editModeOf, isLiveField, lockReason, refusedSteps } from '../../webviews/settings/stateRules';
import { h } from '../shared/dom';
import { ErrorDisplay } from './errorDisplay';
import type { FormContext } from './formContext';
import { header } from './header';
import { generalSection } from './sections/general';
import { networkSection } from './sections/network';
import { storageSection } from './sections/storage';
import { displaySection, systemSection } from './sections/system';

type InitParams = Extract<SettingsToPage, { method: 'init' }>['params'];

const TABS: [string, string, (ctx: FormContext, choices: EditorChoices) => HTMLElement][] = [
    ['General', 'general', generalSection],
    ['System', 'system', systemSection],
    ['Display', 'display', displaySection],
    ['Storage', 'storage', storageSection],
    ['Network', 'network', networkSection],
];

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * The page's editor: renders the draft, re-plans and re-validates it with the operations' schemas after every edit
 * (errors show inline, Apply stays off while there are any), and talks to the host.
 */
export class SettingsEditor {
    private data?: InitParams;
    private draft?: SettingsForm;
    private steps: PlannedStep[] = [];
    private errors: FieldErrors = {};
    private readonly parseErrors = new Map<string, string>();
    private hostErrors: FieldErrors = {};
    private changedOutside = false;
    private progress?: { label: string; index: number; total: number };
    private result?: ApplyResult;
    private selectedTab = 0;
    private nextId = 1;
    private draftTimer?: ReturnType<typeof setTimeout>;
    private readonly display = new ErrorDisplay();
    private headerSlot = h('div');

    constructor(
        private readonly root: HTMLElement,
        private readonly post: (message: SettingsToHost) => void,
    ) {}

    receive(message: SettingsToPage): void {
        switch (message.method) {
            case 'init':
                this.data = message.params;
                this.draft = clone(message.params.draft);
                this.parseErrors.clear();
                this.hostErrors = {};
                this.changedOutside = false;
                this.progress = undefined;
                return this.render();
            case 'state':
                if (this.data) this.data = { ...this.data, vm: message.params.vm };
                return this.render();
            case 'changedOutside':
                this.changedOutside = true;
                return this.renderHeader();
            case 'applyProgress':
                this.progress = message.params;
                return this.renderHeader();
            case 'applyResult':
                this.progress = undefined;
                this.result = message.params.applied.length || message.params.failed ? message.params : undefined;
                this.hostErrors = message.params.fieldErrors;
                return this.recompute();
            case 'loadError':
                this.root.replaceChildren(h('div', { class: 'banner error', attrs: { role: 'alert' } }, `Could not read the VM: ${message.params.message}`));
                return;
        }
    }

    private context(data: InitParams, draft: SettingsForm): FormContext {
        const reason = lockReason(data.vm.state);
        const mode = editModeOf(data.vm.state);
        return {
            draft,
            baseline: data.baseline,
            lockOf: (path) => (mode === 'all' || (mode === 'live' && isLiveField(path)) ? undefined : reason),
            changed: (structural) => {
                this.hostErrors = {};
                if (structural) this.render();
                else this.recompute();
                this.scheduleDraftPost();
            },
            register: (path, control, helper, hint) => this.display.register(path, { control, helper, hint }),
            setParseError: (path, message) => (message ? this.parseErrors.set(path, message) : this.parseErrors.delete(path)),
            newId: () => `new-${Date.now().toString(36)}-${this.nextId++}`,
        };
    }

    private render(): void {
        const { data, draft } = this;
        if (!data || !draft) return;
        this.display.reset();
        const ctx = this.context(data, draft);
        const tabs = h(
            'vscode-tabs',
            { attrs: { 'selected-index': this.selectedTab }, on: { 'vsc-tabs-select': (event) => (this.selectedTab = (event as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex) } },
            ...TABS.flatMap(([label, id, build]) => [
                h('vscode-tab-header', { attrs: { slot: 'header', id: `tab-${id}` } }, label),
                h('vscode-tab-panel', { attrs: { 'aria-labelledby': `tab-${id}` } }, build(ctx, data.choices)),
            ]),
        );
        this.headerSlot = h('div');
        this.root.replaceChildren(this.headerSlot, tabs);
        this.recompute();
    }

    /** Plans and validates the draft, shows the errors, refreshes the header. */
    private recompute(): void {
        const { data, draft } = this;
        if (!data || !draft) return;
        this.steps = planApply(data.vm.uuid, data.baseline, draft);
        this.errors = { ...validateDraft(this.steps, data.baseline, draft, data.choices), ...this.hostErrors, ...Object.fromEntries(this.parseErrors) };
        for (const { step, reason } of refusedSteps(this.steps, data.vm.state)) for (const field of step.fields) this.errors[field] ??= reason;
        this.renderHeader();
    }

    private renderHeader(): void {
        const { data, draft } = this;
        if (!data || !draft) return;
        const unplaced = this.display.show(this.errors);
        const dirty = this.steps.length > 0;
        this.headerSlot.replaceChildren(
            header(
                {
                    vmName: data.vm.name,
                    state: data.vm.state,
                    lockReason: lockReason(data.vm.state),
                    restored: data.restored && dirty,
                    changedOutside: this.changedOutside,
                    progress: this.progress,
                    result: this.result,
                    steps: this.steps,
                    errorCount: Object.keys(this.errors).length,
                    unplacedErrors: unplaced,
                },
                {
                    apply: () => {
                        this.result = undefined;
                        this.post({ method: 'apply', params: { draft } });
                    },
                    revert: () => {
                        this.draft = clone(data.baseline);
                        this.data = { ...data, restored: false };
                        this.parseErrors.clear();
                        this.hostErrors = {};
                        this.render();
                        this.scheduleDraftPost();
                    },
                    reload: (keepEdits) => this.post({ method: 'reload', params: { keepEdits } }),
                    dismissResult: () => {
                        this.result = undefined;
                        this.renderHeader();
                    },
                },
            ),
        );
    }

    private scheduleDraftPost(): void {
        if (this.draftTimer) clearTimeout(this.draftTimer);
        this.draftTimer = setTimeout(() => {
            if (this.draft) this.post({ method: 'draftChanged', params: { draft: this.draft, dirty: this.steps.length > 0 } });
        }, 250);
    }
}
