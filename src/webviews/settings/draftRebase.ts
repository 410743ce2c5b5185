import { attachmentKey } from './formModel';
import type { SettingsForm } from './settingsForm';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Per field: the person's edit where they made one (draft ≠ old baseline), otherwise what VirtualBox says now. */
function merge<T extends object>(fresh: T, oldBase: T | undefined, draft: T | undefined, fields: readonly (keyof T)[]): T {
    if (!draft || !oldBase) return fresh;
    const merged = { ...fresh };
    for (const field of fields) {
        if (!same(draft[field], oldBase[field])) merged[field] = draft[field];
    }
    return merged;
}

const keys = <T extends object>(value: T) => Object.keys(value) as (keyof T)[];

/**
 * The draft carried onto a freshly read configuration: after an apply (applied steps drop out: their result is in
 * the fresh configuration now) or after "changed outside — reload" that keeps the person's edits. Rows that no
 * longer exist are dropped; rows that appeared come in as they are.
 */
export function rebaseDraft(fresh: SettingsForm, oldBase: SettingsForm, draft: SettingsForm, appliedKeys: ReadonlySet<string>): SettingsForm {
    const oldAttachments = new Map(oldBase.storage.attachments.map((a) => [attachmentKey(a), a]));
    const draftAttachments = new Map(draft.storage.attachments.map((a) => [attachmentKey(a), a]));
    const oldAdapters = new Map(oldBase.network.adapters.map((a) => [a.slot, a]));
    const draftAdapters = new Map(draft.network.adapters.map((a) => [a.slot, a]));
    return {
        general: merge(fresh.general, oldBase.general, draft.general, keys(fresh.general)),
        system: merge(fresh.system, oldBase.system, draft.system, keys(fresh.system)),
        display: merge(fresh.display, oldBase.display, draft.display, keys(fresh.display)),
        storage: {
            attachments: fresh.storage.attachments.map((attachment) => {
                const key = attachmentKey(attachment);
                return merge(attachment, oldAttachments.get(key), draftAttachments.get(key), ['remove', 'newSizeMb']);
            }),
            additions: draft.storage.additions.filter((addition) => !appliedKeys.has(`disk-add:${addition.id}`)),
        },
        network: {
            adapters: fresh.network.adapters.map((adapter) =>
                merge(adapter, oldAdapters.get(adapter.slot), draftAdapters.get(adapter.slot), [
                    'enabled',
                    'mode',
                    'hostInterface',
                    'networkName',
                    'macAddress',
                    'cableConnected',
                    'rules',
                ]),
            ),
            added: draft.network.added.filter((added) => !appliedKeys.has(`nic-add:${added.id}`)),
        },
    };
}
