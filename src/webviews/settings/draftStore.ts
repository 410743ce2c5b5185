import type { SettingsForm } from './settingsForm';

/** Unapplied work of a settings editor that was closed: the draft and the baseline it was made against. */
export interface KeptDraft {
    readonly baseline: SettingsForm;
    readonly draft: SettingsForm;
}

/**
 * Drafts of closed editors, per VM UUID, for this window's lifetime. A webview panel cannot refuse to close, so the
 * editor keeps the work here, asks what to do with it, and the next editor for that VM offers it again.
 */
export class DraftStore {
    private readonly drafts = new Map<string, KeptDraft>();

    keep(vmUuid: string, kept: KeptDraft): void {
        this.drafts.set(vmUuid, kept);
    }

    take(vmUuid: string): KeptDraft | undefined {
        const kept = this.drafts.get(vmUuid);
        this.drafts.delete(vmUuid);
        return kept;
    }

    has(vmUuid: string): boolean {
        return this.drafts.has(vmUuid);
    }

    discard(vmUuid: string): void {
        this.drafts.delete(vmUuid);
    }
}
