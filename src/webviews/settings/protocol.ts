import { z } from 'zod';
import { message, text } from '../shared/ipc';
import { editorChoices, settingsForm } from './settingsForm';

/**
 * The VM settings editor's protocol, imported by the host (settingsPanel.ts) and the page
 * (src/webview-ui/settings/main.ts). Every message is parsed with these schemas on arrival, on both sides.
 */

export const vmIdentity = z.strictObject({ uuid: text(40), name: text(1000), state: text(40) });

/** One step's outcome, for the "what was applied and what was not" report. */
const stepReport = z.strictObject({ label: text(500), fields: z.array(text(300)).max(50) });

// ---- page → host ("commands")
export const ReadyCommand = message('ready', z.strictObject({}));
/** The draft after each edit: the host keeps it so that closing the tab loses nothing. */
export const DraftChangedCommand = message('draftChanged', z.strictObject({ draft: settingsForm, dirty: z.boolean() }));
export const ApplyCommand = message('apply', z.strictObject({ draft: settingsForm }));
/** Read the configuration again; keepEdits re-applies the draft's changes on top of it. */
export const ReloadCommand = message('reload', z.strictObject({ keepEdits: z.boolean() }));

export const settingsToHost = z.discriminatedUnion('method', [ReadyCommand, DraftChangedCommand, ApplyCommand, ReloadCommand]);
export type SettingsToHost = z.infer<typeof settingsToHost>;

// ---- host → page ("notifications")
export const InitNotification = message(
    'init',
    z.strictObject({
        vm: vmIdentity,
        baseline: settingsForm,
        draft: settingsForm,
        /** The draft is unapplied work kept from an editor closed earlier. */
        restored: z.boolean(),
        choices: editorChoices,
    }),
);
export const StateNotification = message('state', z.strictObject({ vm: vmIdentity }));
export const ChangedOutsideNotification = message('changedOutside', z.strictObject({}));
export const ApplyProgressNotification = message('applyProgress', z.strictObject({ label: text(500), index: z.number().int(), total: z.number().int() }));
export const ApplyResultNotification = message(
    'applyResult',
    z.strictObject({
        applied: z.array(stepReport).max(500),
        failed: stepReport.extend({ message: text(4000) }).optional(),
        notRun: z.array(stepReport).max(500),
        /** Field path → message: invalid input found before anything ran, or the failed step's error. */
        fieldErrors: z.record(text(300), text(4000)),
    }),
);
export const LoadErrorNotification = message('loadError', z.strictObject({ message: text(4000) }));

export const settingsToPage = z.discriminatedUnion('method', [
    InitNotification,
    StateNotification,
    ChangedOutsideNotification,
    ApplyProgressNotification,
    ApplyResultNotification,
    LoadErrorNotification,
]);
export type SettingsToPage = z.infer<typeof settingsToPage>;
export type ApplyResult = z.infer<typeof ApplyResultNotification>['params'];
