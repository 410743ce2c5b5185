import type { DiskAttachment } from '../../../../src/operations/storage/listDisks';
import { toVmConfig } from '../../../../src/operations/vm/config';
import { parseHostInfo } from '../../../../src/vbox/parsers/hostInfo';
import { parseOsTypes } from '../../../../src/vbox/parsers/osTypes';
import { parseSystemProperties } from '../../../../src/vbox/parsers/systemProperties';
import { parseVmInfo } from '../../../../src/vbox/parsers/vmInfo';
import { toSettingsForm } from '../../../../src/webviews/settings/formModel';
import type { EditorChoices, SettingsForm } from '../../../../src/webviews/settings/settingsForm';
import { fixtureOutput } from '../../operations/support/replayVBoxManage';

/**
 * Settings forms and choices built from output RECORDED on the real testbed: `showvminfo-hardware` (3 storage
 * controllers, a NAT adapter with two rules, an internal network and a NAT network adapter), the OS type list, the
 * system properties and the host info.
 */
export const VM_UUID = parseVmInfo(fixtureOutput('vm/showvminfo-hardware').stdout).uuid;

export function recordedOsTypes(): EditorChoices['osTypes'] {
    return parseOsTypes(fixtureOutput('lists/ostypes').stdout).map((type) => ({ id: type.id, description: type.description }));
}

/** The attachments as list_disks reports them, from the VM's storage controllers (disks by their image UUID). */
function attachmentsOf(info: ReturnType<typeof parseVmInfo>): DiskAttachment[] {
    return info.storageControllers.flatMap((controller) =>
        controller.attachments.map((attachment) => ({
            controller: controller.name,
            controllerType: controller.type,
            port: attachment.port,
            device: attachment.device,
            kind: attachment.imageUuid ? ('hdd' as const) : ('emptydrive' as const),
            location: attachment.medium,
            ...(attachment.imageUuid ? { uuid: attachment.imageUuid } : {}),
        })),
    );
}

export function recordedForm(fixture = 'vm/showvminfo-hardware'): SettingsForm {
    const info = parseVmInfo(fixtureOutput(fixture).stdout);
    return toSettingsForm(toVmConfig(info), attachmentsOf(info), recordedOsTypes());
}

export function recordedChoices(): EditorChoices {
    const system = parseSystemProperties(fixtureOutput('lists/systemproperties').stdout);
    const host = parseHostInfo(fixtureOutput('lists/hostinfo').stdout);
    return {
        osTypes: recordedOsTypes(),
        networks: { bridged: ['eth0'], hostOnly: [], natNetworks: ['fx-natnet-8bdb12'], internal: [] },
        limits: {
            minMemoryMb: system.minGuestRamMb,
            maxMemoryMb: Math.min(system.maxGuestRamMb, host.memorySizeMb),
            minCpus: system.minGuestCpus,
            maxCpus: Math.min(system.maxGuestCpus, host.processorCount),
            minVramMb: system.minGuestVramMb,
            maxVramMb: system.maxGuestVramMb,
            hostMemoryMb: host.memorySizeMb,
            hostCpus: host.processorCount,
        },
        disks: [],
    };
}

export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
