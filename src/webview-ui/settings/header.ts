import type { PlannedStep } from '../../webviews/settings/applyPlanner';
import type { ApplyResult } from '../../webviews/settings/protocol';
import { h, type Child } from '../shared/dom';
import { button } from './fields';

export interface HeaderModel {
    readonly vmName: string;
    readonly state: string;
    readonly lockReason?: string;
    readonly restored: boolean;
    readonly changedOutside: boolean;
    readonly progress?: { label: string; index: number; total: number };
    readonly result?: ApplyResult;
    readonly steps: readonly PlannedStep[];
    readonly errorCount: number;
    readonly unplacedErrors: readonly string[];
}

export interface HeaderActions {
    apply(): void;
    revert(): void;
    reload(keepEdits: boolean): void;
    dismissResult(): void;
}

const banner = (kind: string, ...children: Child[]) => h('div', { class: `banner ${kind}`, attrs: { role: kind === 'error' ? 'alert' : 'status' } }, ...children);

function resultBanner(result: ApplyResult, actions: HeaderActions): HTMLElement | null {
    if (result.failed) {
        return banner(
            'error',
            h('strong', {}, result.applied.length ? 'Applied in part. ' : 'Nothing was applied. '),
            `"${result.failed.label}" failed: ${result.failed.message}`,
            result.applied.length ? h('div', {}, `Applied: ${result.applied.map((s) => s.label).join('; ')}.`) : null,
            result.notRun.length ? h('div', {}, `Not run: ${result.notRun.map((s) => s.label).join('; ')}.`) : null,
            h('div', { class: 'banner-actions' }, button('Dismiss', actions.dismissResult, { secondary: true })),
        );
    }
    if (result.applied.length) {
        return banner('success', `Applied: ${result.applied.map((s) => s.label).join('; ')}.`, h('div', { class: 'banner-actions' }, button('Dismiss', actions.dismissResult, { secondary: true })));
    }
    return null;
}

/** Title, state, banners (locked, restored, changed outside, apply result) and the pending changes with Apply. */
export function header(model: HeaderModel, actions: HeaderActions): HTMLElement {
    const busy = model.progress !== undefined;
    const pending = model.steps.length;
    const summary = busy
        ? `Applying ${model.progress!.index + 1} of ${model.progress!.total}: ${model.progress!.label}…`
        : pending
          ? `${pending} change${pending === 1 ? '' : 's'} to apply${model.errorCount ? ` · ${model.errorCount} problem${model.errorCount === 1 ? '' : 's'} to fix first` : ''}`
          : 'No changes.';
    return h(
        'header',
        { class: 'header' },
        h('div', { class: 'title-row' }, h('h1', {}, model.vmName), h('vscode-badge', { class: `state state-${model.state}` }, model.state)),
        model.lockReason ? banner('info', model.lockReason) : null,
        model.restored ? banner('info', 'These are unapplied changes kept from when this editor was closed.', h('div', { class: 'banner-actions' }, button('Discard Them', actions.revert, { secondary: true }))) : null,
        model.changedOutside
            ? banner(
                  'warning',
                  'This VM was changed outside this editor.',
                  h('div', { class: 'banner-actions' }, button('Reload, Keep My Edits', () => actions.reload(true)), button('Reload, Discard My Edits', () => actions.reload(false), { secondary: true })),
              )
            : null,
        model.result ? resultBanner(model.result, actions) : null,
        model.unplacedErrors.length ? banner('error', ...model.unplacedErrors.map((message) => h('div', {}, message))) : null,
        h(
            'div',
            { class: 'apply-bar' },
            h('span', { class: 'summary', attrs: { title: model.steps.map((s) => s.label).join('\n') } }, summary),
            busy ? h('vscode-progress-ring', { class: 'ring' }) : null,
            button('Revert', actions.revert, { secondary: true, disabled: busy || pending === 0 }),
            button('Apply', actions.apply, { disabled: busy || pending === 0 || model.errorCount > 0 }),
        ),
        pending && !busy ? h('ul', { class: 'pending' }, ...model.steps.map((step) => h('li', {}, step.label))) : null,
    );
}
