import type { DiskAttachment } from '../../operations/storage/listDisks';
import type { VmConfig } from '../../operations/vm/config';
import type { AdapterForm, AttachmentForm, SettingsForm } from './settingsForm';

/** VirtualBox reports some enums in upper case (firmware="BIOS"); the operations take them in lower case. */
const lower = (value: string) => value.toLowerCase();

/** showvminfo gives the OS type's description ("Ubuntu (64-bit)"); the form and update_vm_config use its id. */
export function osTypeIdOf(description: string, osTypes: readonly { id: string; description: string }[]): string {
    return osTypes.find((type) => type.description === description)?.id ?? osTypes.find((type) => type.id === description)?.id ?? '';
}

/** Groups as one text field: "/" or "/Team/Web, /Other" (a group path cannot contain a comma). */
export function groupsText(groups: readonly string[]): string {
    return groups.length ? groups.join(', ') : '/';
}

export function groupsFromText(value: string): string[] {
    return value
        .split(',')
        .map((group) => group.trim())
        .filter((group) => group.length > 0);
}

function attachmentForm(attachment: DiskAttachment): AttachmentForm {
    const kind = attachment.kind === 'hdd' || attachment.kind === 'dvd' || attachment.kind === 'floppy' ? attachment.kind : 'other';
    const sizeMb = attachment.medium?.capacityMb;
    return {
        controller: attachment.controller,
        port: attachment.port,
        device: attachment.device,
        kind,
        location: attachment.location,
        ...(attachment.uuid ? { uuid: attachment.uuid } : {}),
        ...(sizeMb !== undefined ? { sizeMb } : {}),
        newSizeMb: sizeMb ?? null,
        remove: false,
    };
}

function adapterForm(nic: VmConfig['network'][number]): AdapterForm {
    return {
        slot: nic.slot,
        enabled: true,
        mode: nic.attachment,
        hostInterface: nic.bridgeAdapter ?? nic.hostOnlyAdapter ?? '',
        networkName: nic.internalNetwork ?? nic.natNetwork ?? '',
        macAddress: nic.macAddress ?? '',
        cableConnected: nic.cableConnected ?? true,
        rules: nic.forwarding.map((rule) => ({ ...rule })),
    };
}

/** A VM's configuration as the editor's baseline form. */
export function toSettingsForm(config: VmConfig, attachments: readonly DiskAttachment[], osTypes: readonly { id: string; description: string }[]): SettingsForm {
    const bootOrder = [...config.system.bootOrder.map(lower)];
    while (bootOrder.length < 4) bootOrder.push('none');
    return {
        general: {
            name: config.general.name,
            osTypeId: osTypeIdOf(config.general.osType, osTypes),
            description: config.general.description,
            groups: groupsText(config.general.groups),
        },
        system: {
            memoryMb: config.system.memoryMb,
            cpus: config.system.cpus,
            firmware: lower(config.system.firmware),
            chipset: lower(config.system.chipset),
            bootOrder: bootOrder.slice(0, 4),
        },
        display: { vramMb: config.display.vramMb, graphicsController: lower(config.display.graphicsController) },
        storage: { attachments: attachments.map(attachmentForm), additions: [] },
        network: { adapters: config.network.map(adapterForm), added: [] },
    };
}

export const attachmentKey = (a: { controller: string; port: number; device: number }) => `${a.controller}\u0000${a.port}\u0000${a.device}`;
