import type { PlannedStep } from './applyPlanner';
import { attachmentKey } from './formModel';
import type { SettingsForm } from './settingsForm';

const fileName = (location: string) => location.split(/[\\/]/).pop() || location;

/**
 * Storage steps: detach the disks marked for removal, grow the ones given a larger size, then attach the new and
 * existing disks. Attachments are matched by controller, port and device; a draft cannot invent attachments.
 */
export function planStorage(vm: string, baseline: SettingsForm, draft: SettingsForm): PlannedStep[] {
    const before = new Map(baseline.storage.attachments.map((a) => [attachmentKey(a), a]));
    const removals: PlannedStep[] = [];
    const resizes: PlannedStep[] = [];
    draft.storage.attachments.forEach((attachment, index) => {
        const base = before.get(attachmentKey(attachment));
        if (!base) return;
        const field = `storage.attachments.${index}`;
        const where = { controller: base.controller, port: base.port, device: base.device };
        if (attachment.remove && !base.remove) {
            removals.push({
                key: `disk-remove:${attachmentKey(base)}`,
                operation: 'remove_disk',
                input: { vm, ...where },
                label: `Detach disk ${fileName(base.location)}`,
                fields: [`${field}.remove`],
                fieldMap: [['', `${field}.remove`]],
                live: false,
            });
        } else if (!attachment.remove && base.kind === 'hdd' && attachment.newSizeMb !== base.newSizeMb) {
            resizes.push({
                key: `disk-resize:${attachmentKey(base)}`,
                operation: 'resize_disk',
                input: { disk: base.uuid ?? base.location, newSizeMb: attachment.newSizeMb },
                label: `Resize disk ${fileName(base.location)} to ${attachment.newSizeMb ?? '?'} MB`,
                fields: [`${field}.newSizeMb`],
                fieldMap: [['', `${field}.newSizeMb`]],
                live: false,
            });
        }
    });
    const additions = draft.storage.additions.map((addition, index): PlannedStep => {
        const field = `storage.additions.${index}`;
        const disk =
            addition.kind === 'new'
                ? { kind: 'new', sizeMb: addition.sizeMb, format: addition.format, ...(addition.fileName.trim() ? { fileName: addition.fileName } : {}) }
                : { kind: 'existing', path: addition.path };
        return {
            key: `disk-add:${addition.id}`,
            operation: 'add_disk',
            input: { vm, disk, ...(addition.controller.trim() ? { controller: addition.controller } : {}) },
            label: addition.kind === 'new' ? `Create and attach a ${addition.sizeMb ?? '?'} MB disk` : `Attach disk ${fileName(addition.path)}`,
            fields: [field],
            fieldMap: [
                ['', field],
                ['disk', field],
                ['disk.sizeMb', `${field}.sizeMb`],
                ['disk.format', `${field}.format`],
                ['disk.fileName', `${field}.fileName`],
                ['disk.path', `${field}.path`],
                ['controller', `${field}.controller`],
            ],
            live: false,
        };
    });
    return [...removals, ...resizes, ...additions];
}
