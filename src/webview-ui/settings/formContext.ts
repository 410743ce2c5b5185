import type { SettingsForm } from '../../webviews/settings/settingsForm';

/** What the section builders need: the draft to edit, locks, and a way to say something changed. */
export interface FormContext {
    readonly draft: SettingsForm;
    readonly baseline: SettingsForm;
    /** Why a field cannot change now (the VM runs), or undefined. */
    lockOf(path: string): string | undefined;
    /** After a value edit: re-validate and show errors. `structural` rebuilds the page (rows added or removed). */
    changed(structural?: boolean): void;
    /** A field's control and helper, so that errors can be shown on it. */
    register(path: string, control: HTMLElement, helper: HTMLElement, hint: string): void;
    /** A value the person typed that is not a number: shown as the field's error until it is fixed. */
    setParseError(path: string, message: string | undefined): void;
    /** A fresh id for a new row. */
    newId(): string;
}
