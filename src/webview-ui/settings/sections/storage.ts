import { DISK_FORMATS } from '../../../operations/storage/diskFiles';
import type { AttachmentForm, DiskAdditionForm, EditorChoices } from '../../../webviews/settings/settingsForm';
import { h } from '../../shared/dom';
import { button, checkboxField, numberField, selectField, textField } from '../fields';
import type { FormContext } from '../formContext';

const KIND_LABELS: Record<AttachmentForm['kind'], string> = { hdd: 'Hard disk', dvd: 'Optical drive', floppy: 'Floppy', other: 'Other' };
const fileName = (location: string) => location.split(/[\\/]/).pop() || location;

function attachmentRow(ctx: FormContext, attachment: AttachmentForm, index: number): HTMLElement {
    const path = `storage.attachments.${index}`;
    const isDisk = attachment.kind === 'hdd';
    return h(
        'div',
        { class: `row card${attachment.remove ? ' removed' : ''}` },
        h(
            'div',
            { class: 'row-title' },
            h('span', { class: 'name', attrs: { title: attachment.location } }, fileName(attachment.location)),
            h('span', { class: 'muted' }, `${KIND_LABELS[attachment.kind]} · ${attachment.controller}, port ${attachment.port}, device ${attachment.device}`),
        ),
        isDisk && !attachment.remove
            ? numberField(ctx, `${path}.newSizeMb`, 'Size', attachment.newSizeMb, (value) => (attachment.newSizeMb = value), {
                  min: attachment.sizeMb,
                  unit: 'MB',
                  hint: attachment.sizeMb !== undefined ? `Now ${attachment.sizeMb} MB. Disks only grow.` : undefined,
              })
            : null,
        isDisk
            ? checkboxField(ctx, `${path}.remove`, 'Detach from this VM (the image file is kept)', attachment.remove, (value) => (attachment.remove = value), {
                  structural: true,
              })
            : h('span', { class: 'muted' }, 'Optical and floppy drives are changed from the Machines view.'),
    );
}

function additionRow(ctx: FormContext, addition: DiskAdditionForm, index: number, choices: EditorChoices): HTMLElement {
    const path = `storage.additions.${index}`;
    const remove = () => {
        ctx.draft.storage.additions.splice(index, 1);
        ctx.changed(true);
    };
    const fields =
        addition.kind === 'new'
            ? [
                  numberField(ctx, `${path}.sizeMb`, 'Size', addition.sizeMb, (value) => (addition.sizeMb = value), { unit: 'MB', min: 1 }),
                  selectField(ctx, `${path}.format`, 'Format', DISK_FORMATS.map((format) => ({ value: format, label: format })), addition.format, (value) => (addition.format = value)),
                  textField(ctx, `${path}.fileName`, 'File name', addition.fileName, (value) => (addition.fileName = value), {
                      placeholder: 'default: <vm>-disk<n>',
                      hint: "Created in the VM's folder.",
                  }),
              ]
            : [
                  selectField(
                      ctx,
                      `${path}.path`,
                      'Disk',
                      choices.disks.map((disk) => ({ value: disk.uuid, label: `${fileName(disk.location)}${disk.sizeMb !== undefined ? ` (${disk.sizeMb} MB)` : ''}${disk.inUse ? ' · in use' : ''}` })),
                      addition.path,
                      (value) => (addition.path = value),
                      { combobox: true, hint: choices.disks.length ? 'Registered disks not attached to this VM.' : 'No registered disk is free to attach.' },
                  ),
              ];
    return h(
        'div',
        { class: 'row card added' },
        h('div', { class: 'row-title' }, h('span', { class: 'name' }, addition.kind === 'new' ? 'New disk' : 'Existing disk'), button('Remove', remove, { secondary: true })),
        ...fields,
        textField(ctx, `${path}.controller`, 'Controller', addition.controller, (value) => (addition.controller = value), {
            placeholder: 'default: the first SATA controller',
        }),
    );
}

export function storageSection(ctx: FormContext, choices: EditorChoices): HTMLElement {
    const storage = ctx.draft.storage;
    const add = (kind: DiskAdditionForm['kind']) => () => {
        storage.additions.push({ id: ctx.newId(), kind, sizeMb: kind === 'new' ? 20_480 : null, format: 'VDI', fileName: '', path: '', controller: '' });
        ctx.changed(true);
    };
    const lock = ctx.lockOf('storage.additions');
    return h(
        'section',
        { class: 'section' },
        storage.attachments.length ? null : h('p', { class: 'muted' }, 'No storage is attached.'),
        ...storage.attachments.map((attachment, index) => attachmentRow(ctx, attachment, index)),
        ...storage.additions.map((addition, index) => additionRow(ctx, addition, index, choices)),
        h(
            'div',
            { class: 'actions' },
            button('Add New Disk…', add('new'), { secondary: true, disabled: Boolean(lock), title: lock }),
            button('Attach Existing Disk…', add('existing'), { secondary: true, disabled: Boolean(lock) || choices.disks.length === 0, title: lock }),
        ),
    );
}
