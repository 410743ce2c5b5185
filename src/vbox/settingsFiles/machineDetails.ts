import path from 'node:path';
import type { Nic, NicAttachment, PortForwardRule, StorageController, VmInfo } from '../parsers/vmInfo';
import { isWithin, parseFormatVersion } from './formatVersion';
import { UnreadableSettingsError, bareUuid } from './globalSettings';
import { parseMachineSettings } from './machineSettings';
import { OS_TYPE_DESCRIPTIONS } from './osTypeDescriptions';
import { child, childrenNamed, parseXmlElements, type XmlElement } from './xmlElements';

/**
 * A powered-off machine's configuration read from its .vbox file, in the shape `showvminfo --machinereadable` gives
 * (VmInfo). Reading the file takes no session lock, where showvminfo (and `snapshot list`, `guestproperty
 * enumerate`) take a shared one for their whole run: a user's own `modifyvm`, `storageattach` or `snapshot` arriving
 * then is refused ("already locked", "lock request pending"). The views read a VM that no process uses from here.
 *
 * It covers the settings format VirtualBox 7.2 writes for x86 machines with the PIIX3 chipset (1.12 .. 1.19), and
 * knows VirtualBox's defaults for what the file leaves out. Anything else — another format, another chipset, a
 * controller, device or medium it cannot place — throws UnreadableSettingsError, and the caller asks showvminfo.
 * Checked against showvminfo of the same machines by the integration suite (machine details parity).
 */

const MIN_MINOR = 12;
const MAX_MINOR = 19;
/** Network adapters of the PIIX3 chipset (showvminfo prints nic1..nic8). */
const PIIX3_ADAPTERS = 8;

/** The settings file's controller type → what showvminfo prints, and the bus's maximum port count. */
const CONTROLLERS: Readonly<Record<string, { readonly type: string; readonly maxPortCount: number }>> = {
    PIIX3: { type: 'PIIX3', maxPortCount: 2 },
    PIIX4: { type: 'PIIX4', maxPortCount: 2 },
    ICH6: { type: 'ICH6', maxPortCount: 2 },
    AHCI: { type: 'IntelAhci', maxPortCount: 30 },
    LsiLogic: { type: 'LsiLogic', maxPortCount: 16 },
    BusLogic: { type: 'BusLogic', maxPortCount: 16 },
    LsiLogicSas: { type: 'LsiLogicSas', maxPortCount: 255 },
    I82078: { type: 'I82078', maxPortCount: 1 },
    USB: { type: 'USB', maxPortCount: 8 },
    NVMe: { type: 'NVMe', maxPortCount: 255 },
    VirtioSCSI: { type: 'VirtioSCSI', maxPortCount: 256 },
};

const BOOT_DEVICES: Readonly<Record<string, string>> = {
    None: 'none',
    Floppy: 'floppy',
    DVD: 'dvd',
    HardDisk: 'disk',
    Network: 'net',
    USB: 'usb',
    SharedFolder: 'sharedfolder',
};
const DEFAULT_BOOT_ORDER = ['floppy', 'dvd', 'disk', 'none'];

const GRAPHICS_CONTROLLERS: Readonly<Record<string, string>> = { VBoxVGA: 'vboxvga', VMSVGA: 'vmsvga', VBoxSVGA: 'vboxsvga' };
const FIRMWARES = new Set(['BIOS', 'EFI', 'EFI32', 'EFI64', 'EFIDUAL']);

/** The element naming an adapter's attachment, and what showvminfo calls it. */
const NIC_MODES: readonly (readonly [string, NicAttachment])[] = [
    ['NAT', 'nat'],
    ['BridgedInterface', 'bridged'],
    ['InternalNetwork', 'intnet'],
    ['HostOnlyInterface', 'hostonly'],
    ['HostOnlyNetwork', 'hostonlynetwork'],
    ['GenericInterface', 'generic'],
    ['NATNetwork', 'natnetwork'],
    ['CloudNetwork', 'cloudnetwork'],
];

function unreadable(what: string): never {
    throw new UnreadableSettingsError(`machine details: ${what}`);
}

function integer(value: string | undefined, fallback: number, what: string): number {
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value)) unreadable(`${what} "${value}" is not a number`);
    return Number(value);
}

function flag(value: string | undefined, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (/^(?:true|yes|on|1)$/i.test(value)) return true;
    if (/^(?:false|no|off|0)$/i.test(value)) return false;
    return unreadable(`"${value}" is not a boolean`);
}

/** Every medium the machine's own registry lists (differencing images nest), by UUID, with its absolute path. */
function mediaLocations(machine: XmlElement, folder: string): Map<string, string> {
    const locations = new Map<string, string>();
    const visit = (element: XmlElement) => {
        if (['HardDisk', 'Image'].includes(element.name) && element.attributes.uuid && element.attributes.location) {
            locations.set(bareUuid(element.attributes.uuid), path.resolve(folder, element.attributes.location));
        }
        element.children.forEach(visit);
    };
    const registry = child(machine, 'MediaRegistry');
    if (registry) visit(registry);
    return locations;
}

function attachedMedium(device: XmlElement, media: Map<string, string>): { medium: string; imageUuid?: string } {
    const image = child(device, 'Image');
    if (image) {
        const uuid = bareUuid(image.attributes.uuid);
        const location = media.get(uuid);
        if (!location) unreadable(`medium {${uuid}} is not in the machine's media registry`);
        return { medium: location, imageUuid: uuid };
    }
    const hostDrive = child(device, 'HostDrive');
    if (hostDrive) return { medium: `host:${hostDrive.attributes.src ?? unreadable('a host drive without src')}` };
    if (device.attributes.type === 'DVD' || device.attributes.type === 'Floppy') return { medium: 'emptydrive' };
    return unreadable(`a ${device.attributes.type ?? 'device'} without a medium`);
}

function storageControllers(hardware: XmlElement, media: Map<string, string>): StorageController[] {
    return childrenNamed(child(hardware, 'StorageControllers'), 'StorageController').map((controller) => {
        const { name, type } = controller.attributes;
        const known = type === undefined ? undefined : CONTROLLERS[type];
        if (!name || !known) unreadable(`storage controller type ${type ?? '(none)'}`);
        const attachments = childrenNamed(controller, 'AttachedDevice')
            .map((device) => ({
                port: integer(device.attributes.port, 0, 'port'),
                device: integer(device.attributes.device, 0, 'device'),
                ...attachedMedium(device, media),
            }))
            .sort((a, b) => a.port - b.port || a.device - b.device);
        return {
            name,
            type: known.type,
            instance: integer(controller.attributes.Instance, 0, 'instance'),
            portCount: integer(controller.attributes.PortCount, 0, 'port count'),
            maxPortCount: known.maxPortCount,
            bootable: flag(controller.attributes.Bootable, true),
            attachments,
        };
    });
}

function forwardingRule(rule: XmlElement): PortForwardRule {
    const { name, proto, hostip, hostport, guestip, guestport } = rule.attributes;
    const protocol = proto === '0' ? 'udp' : proto === '1' ? 'tcp' : unreadable(`forwarding protocol ${proto ?? '(none)'}`);
    return {
        name: name ?? unreadable('a forwarding rule without a name'),
        protocol,
        hostIp: hostip ?? '',
        hostPort: integer(hostport, 0, 'host port'),
        guestIp: guestip ?? '',
        guestPort: integer(guestport, 0, 'guest port'),
    };
}

function nic(slot: number, adapter: XmlElement | undefined): Nic {
    if (!adapter || !flag(adapter.attributes.enabled, false)) return { slot, attachment: 'none', forwarding: [] };
    const mode = NIC_MODES.find(([element]) => child(adapter, element));
    const attachment: NicAttachment = mode?.[1] ?? 'null';
    const modeElement = mode ? child(adapter, mode[0]) : undefined;
    const named = (wanted: NicAttachment) => (attachment === wanted ? (modeElement?.attributes.name ?? '') : undefined);
    return {
        slot,
        attachment,
        nicType: adapter.attributes.type ?? 'Am79C973',
        macAddress: adapter.attributes.MACAddress ?? unreadable(`adapter ${slot} has no MAC address`),
        cableConnected: flag(adapter.attributes.cable, true),
        bridgeAdapter: named('bridged'),
        hostOnlyAdapter: named('hostonly'),
        internalNetwork: named('intnet'),
        natNetwork: named('natnetwork'),
        forwarding: attachment === 'nat' ? childrenNamed(modeElement, 'Forwarding').map(forwardingRule) : [],
    };
}

function nics(hardware: XmlElement): Nic[] {
    const adapters = childrenNamed(child(hardware, 'Network'), 'Adapter');
    const bySlot = new Map(adapters.map((adapter) => [integer(adapter.attributes.slot, -1, 'adapter slot'), adapter]));
    if ([...bySlot.keys()].some((slot) => slot < 0 || slot >= PIIX3_ADAPTERS)) unreadable('an adapter slot beyond the eighth');
    return Array.from({ length: PIIX3_ADAPTERS }, (_, index) => nic(index + 1, bySlot.get(index)));
}

function bootOrder(hardware: XmlElement): string[] {
    const boot = child(hardware, 'Boot');
    if (!boot) return DEFAULT_BOOT_ORDER;
    const order = [...DEFAULT_BOOT_ORDER].fill('none');
    for (const entry of childrenNamed(boot, 'Order')) {
        const position = integer(entry.attributes.position, 0, 'boot position');
        const device = BOOT_DEVICES[entry.attributes.device ?? ''];
        if (position < 1 || position > order.length || device === undefined) unreadable(`boot order entry ${position} ${entry.attributes.device ?? ''}`);
        order[position - 1] = device;
    }
    return order;
}

function snapshotsOf(machine: XmlElement): XmlElement[] {
    const found: XmlElement[] = [];
    const visit = (element: XmlElement) => {
        for (const snapshot of childrenNamed(element, 'Snapshot')) {
            found.push(snapshot);
            visit(snapshot);
            childrenNamed(snapshot, 'Snapshots').forEach(visit);
        }
    };
    visit(machine);
    return found;
}

/**
 * A machine's network adapters from its settings file, whatever its state: VirtualBox saves a running VM's adapter
 * changes there too (`controlvm natpfN`, a live port-forwarding edit), so its forwards are what the VM uses.
 */
export function parseMachineNics(text: string): Nic[] {
    const root = parseXmlElements(text);
    const version = parseFormatVersion(root.attributes.version);
    if (!version || !isWithin(version, MIN_MINOR, MAX_MINOR)) unreadable(`settings format ${root.attributes.version ?? '(none)'}`);
    const machine = child(root, 'Machine') ?? unreadable('no <Machine>');
    const hardware = child(machine, 'Hardware') ?? unreadable('no <Hardware>');
    const chipset = child(hardware, 'Chipset')?.attributes.type ?? 'PIIX3';
    if (chipset !== 'PIIX3') unreadable(`chipset ${chipset}`);
    return nics(hardware);
}

/** The details of a machine with no VM process, as VmInfo; `state` comes from the caller (see vmStateFromFiles). */
export function parseMachineDetails(text: string, settingsFile: string, state: VmInfo['state']): VmInfo {
    const root = parseXmlElements(text);
    const version = parseFormatVersion(root.attributes.version);
    if (!version || !isWithin(version, MIN_MINOR, MAX_MINOR)) unreadable(`settings format ${root.attributes.version ?? '(none)'}`);
    const settings = parseMachineSettings(text);
    const machine = child(root, 'Machine') ?? unreadable('no <Machine>');
    const hardware = child(machine, 'Hardware') ?? unreadable('no <Hardware>');
    const osTypeDescription = OS_TYPE_DESCRIPTIONS[settings.osTypeId] ?? unreadable(`OS type ${settings.osTypeId}`);
    const chipset = child(hardware, 'Chipset')?.attributes.type ?? 'PIIX3';
    if (chipset !== 'PIIX3') unreadable(`chipset ${chipset}`);
    const firmware = child(hardware, 'Firmware')?.attributes.type ?? 'BIOS';
    if (!FIRMWARES.has(firmware)) unreadable(`firmware ${firmware}`);
    const display = child(hardware, 'Display');
    const graphicsController = GRAPHICS_CONTROLLERS[display?.attributes.controller ?? 'VBoxVGA'] ?? unreadable(`graphics controller ${display?.attributes.controller ?? ''}`);
    const folder = path.dirname(settingsFile);
    const snapshots = snapshotsOf(machine);
    const currentUuid = machine.attributes.currentSnapshot ? bareUuid(machine.attributes.currentSnapshot) : undefined;
    const current = currentUuid === undefined ? undefined : snapshots.find((snapshot) => bareUuid(snapshot.attributes.uuid) === currentUuid);
    if (currentUuid !== undefined && !current) unreadable(`the current snapshot {${currentUuid}} is not in the file`);
    return {
        name: settings.name,
        uuid: settings.uuid,
        accessible: true,
        groups: settings.groups,
        osTypeDescription,
        cfgFile: settingsFile,
        description: child(machine, 'Description')?.text ?? '',
        memoryMb: settings.memoryMb,
        cpus: settings.cpus,
        vramMb: integer(display?.attributes.VRAMSize, 8, 'VRAM size'),
        firmware,
        chipset: chipset.toLowerCase(),
        graphicsController,
        bootOrder: bootOrder(hardware),
        state,
        // As the .vbox writes it (to the second, with a Z); showvminfo prints nanoseconds: isoTime makes them agree.
        stateChangeTime: settings.lastStateChange,
        stateFile: settings.stateFile === undefined ? undefined : path.resolve(folder, settings.stateFile),
        storageControllers: storageControllers(hardware, mediaLocations(machine, folder)),
        nics: nics(hardware),
        // The machine's own folders; the registry's global ones are added by the caller (settingsFiles.ts).
        sharedFolders: childrenNamed(child(hardware, 'SharedFolders'), 'SharedFolder').map((folder) => ({
            name: folder.attributes.name ?? unreadable('a shared folder without a name'),
            hostPath: folder.attributes.hostPath ?? '',
            transient: false,
            global: false,
        })),
        snapshotCount: snapshots.length,
        currentSnapshotName: current?.attributes.name,
        currentSnapshotUuid: currentUuid,
        raw: {},
    };
}
