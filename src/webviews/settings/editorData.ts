import type { Services } from '../../services/services';
import { listNetworks } from '../../operations/network/listNetworks';
import { listDisks } from '../../operations/storage/listDisks';
import { getVmConfig, type VmConfig } from '../../operations/vm/config';
import { listOsTypes } from '../../operations/vm/osTypes';
import { readResourceLimitsOperation } from '../../operations/vm/resourceLimits';
import { toSettingsForm } from './formModel';
import type { EditorChoices, SettingsForm } from './settingsForm';

export interface VmSnapshot {
    readonly config: VmConfig;
    readonly form: SettingsForm;
}

/** The VM as the form shows it: its configuration and its attached media, each read through an operation. */
export async function readVmForm(services: Services, vm: string, osTypes: EditorChoices['osTypes']): Promise<VmSnapshot> {
    const config = await services.vbox.execute(getVmConfig, { vm });
    const disks = await services.vbox.execute(listDisks, { vm: config.general.uuid });
    const attachments = 'attachments' in disks ? disks.attachments : [];
    return { config, form: toSettingsForm(config, attachments, osTypes) };
}

/** What the form offers: OS types, networks that exist, limits, and the registered disks to attach. */
export async function readChoices(services: Services, vmUuid: string): Promise<EditorChoices> {
    const osTypes = (await services.vbox.execute(listOsTypes, {})).map((type) => ({ id: type.id, description: type.description }));
    const networks = await services.vbox.execute(listNetworks, {});
    const limits = await services.vbox.execute(readResourceLimitsOperation, {});
    const media = await services.vbox.execute(listDisks, {});
    const hdds = 'hdds' in media ? media.hdds : [];
    return {
        osTypes,
        networks: {
            bridged: networks.bridged.map((i) => i.name),
            hostOnly: networks.hostOnly.map((i) => i.name),
            natNetworks: networks.natNetworks.map((n) => n.name),
            internal: networks.internal,
        },
        limits,
        disks: hdds
            // Differencing images belong to snapshots; a disk of this VM is already attached.
            .filter((disk) => !disk.parentUuid && !disk.inUseBy.some((usage) => usage.uuid === vmUuid))
            .map((disk) => ({ uuid: disk.uuid, location: disk.location, sizeMb: disk.capacityMb, inUse: disk.inUseBy.length > 0 })),
    };
}
