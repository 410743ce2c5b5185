import { z } from 'zod';
import { entriesToMap, parseMachineReadableEntries, type MachineReadableEntry } from './machineReadable';

/** `showvminfo <vm> --machinereadable`, read by key only (labels of the human-readable form are translated). */

/** The short state names of `VMState=` (VBoxManageInfo.cpp `machineStateToName(state, true)`). */
export const VM_STATES = [
    'poweroff',
    'saved',
    'teleported',
    'aborted',
    'aborted-saved',
    'running',
    'paused',
    'gurumeditation',
    'teleporting',
    'livesnapshotting',
    'starting',
    'stopping',
    'saving',
    'restoring',
    'teleportingpausedvm',
    'teleportingin',
    'deletingsnapshotlive',
    'deletingsnapshotlivepaused',
    'onlinesnapshotting',
    'restoringsnapshot',
    'deletingsnapshot',
    'settingup',
    'snapshotting',
] as const;
export type VmState = (typeof VM_STATES)[number];

export const NIC_ATTACHMENTS = [
    'none',
    'null',
    'nat',
    'bridged',
    'intnet',
    'hostonly',
    'hostonlynetwork',
    'generic',
    'natnetwork',
    'cloudnetwork',
    'unknown',
] as const;
export type NicAttachment = (typeof NIC_ATTACHMENTS)[number];

export const PortForwardRuleSchema = z.object({
    name: z.string(),
    protocol: z.enum(['tcp', 'udp']),
    hostIp: z.string(),
    hostPort: z.number().int().min(0).max(65535),
    guestIp: z.string(),
    guestPort: z.number().int().min(0).max(65535),
});
export type PortForwardRule = z.infer<typeof PortForwardRuleSchema>;

const AttachmentSchema = z.object({ port: z.number().int(), device: z.number().int(), medium: z.string(), imageUuid: z.string().optional() });

export const StorageControllerSchema = z.object({
    name: z.string(),
    type: z.string(),
    instance: z.number().int(),
    portCount: z.number().int(),
    maxPortCount: z.number().int(),
    bootable: z.boolean(),
    attachments: z.array(AttachmentSchema),
});
export type StorageController = z.infer<typeof StorageControllerSchema>;

export const NicSchema = z.object({
    slot: z.number().int().min(1),
    attachment: z.enum(NIC_ATTACHMENTS),
    nicType: z.string().optional(),
    macAddress: z.string().optional(),
    cableConnected: z.boolean().optional(),
    bridgeAdapter: z.string().optional(),
    hostOnlyAdapter: z.string().optional(),
    internalNetwork: z.string().optional(),
    natNetwork: z.string().optional(),
    forwarding: z.array(PortForwardRuleSchema),
});
export type Nic = z.infer<typeof NicSchema>;

/**
 * A shared folder as showvminfo's machine-readable form prints it: `SharedFolderNameMachineMappingN` /
 * `SharedFolderPathMachineMappingN` (kept in the VM's settings), `...TransientMappingN` (only while a VM process
 * runs) and `...GlobalMappingN` (VirtualBox 7.2's global folders, shared with every VM: printed for each VM, running
 * or not). 7.2 prints no read-only, auto-mount or mount-point keys: those are in the .vbox file (sharedFolderSettings.ts).
 */
export const SharedFolderMappingSchema = z.object({
    name: z.string().min(1),
    hostPath: z.string(),
    transient: z.boolean(),
    global: z.boolean(),
});
export type SharedFolderMapping = z.infer<typeof SharedFolderMappingSchema>;

export const VmInfoSchema = z.object({
    name: z.string(),
    uuid: z.string().min(1),
    accessible: z.boolean(),
    groups: z.array(z.string()),
    osTypeDescription: z.string(),
    cfgFile: z.string(),
    description: z.string(),
    memoryMb: z.number().int().nonnegative(),
    cpus: z.number().int().nonnegative(),
    vramMb: z.number().int().nonnegative(),
    firmware: z.string(),
    chipset: z.string(),
    graphicsController: z.string(),
    bootOrder: z.array(z.string()),
    state: z.union([z.enum(VM_STATES), z.literal('unknown')]),
    stateChangeTime: z.string().optional(),
    sessionName: z.string().optional(),
    stateFile: z.string().optional(),
    storageControllers: z.array(StorageControllerSchema),
    nics: z.array(NicSchema),
    sharedFolders: z.array(SharedFolderMappingSchema),
    snapshotCount: z.number().int().nonnegative(),
    currentSnapshotName: z.string().optional(),
    currentSnapshotUuid: z.string().optional(),
    raw: z.record(z.string(), z.string()),
});
export type VmInfo = z.infer<typeof VmInfoSchema>;

const INACCESSIBLE_NAME = '<inaccessible>';

/** A port number; anything but digits becomes NaN, which the schema refuses (Number('') would be 0). */
const port = (text: string) => (/^\d+$/.test(text) ? Number(text) : Number.NaN);

/** `name,proto,hostip,hostport,guestip,guestport` (a `Forwarding(i)` value or a `--nat-pf` argument). */
export function parsePortForwardRule(text: string): PortForwardRule {
    const fields = text.split(',');
    if (fields.length < 6) throw new Error(`not a port-forwarding rule: ${JSON.stringify(text)}`);
    // The rule's name is printed raw; take the five fields from the right so that nothing else depends on it.
    const [protocol, hostIp, hostPort, guestIp, guestPort] = fields.slice(-5);
    return PortForwardRuleSchema.parse({
        name: fields.slice(0, -5).join(','),
        protocol,
        hostIp,
        hostPort: port(hostPort),
        guestIp,
        guestPort: port(guestPort),
    });
}

function integer(map: Map<string, string>, key: string): number {
    const value = map.get(key);
    if (value === undefined) return 0;
    const n = Number(value);
    if (!Number.isInteger(n)) throw new Error(`${key}=${value} is not a number`);
    return n;
}

function storageControllers(map: Map<string, string>): StorageController[] {
    const controllers: StorageController[] = [];
    for (let i = 0; map.has(`storagecontrollername${i}`); i++) {
        const name = map.get(`storagecontrollername${i}`) ?? '';
        const portCount = integer(map, `storagecontrollerportcount${i}`);
        const attachments: StorageController['attachments'] = [];
        for (let port = 0; port < portCount; port++) {
            for (let device = 0; map.has(`${name}-${port}-${device}`); device++) {
                const medium = map.get(`${name}-${port}-${device}`) ?? 'none';
                if (medium === 'none') continue;
                attachments.push({ port, device, medium, imageUuid: map.get(`${name}-ImageUUID-${port}-${device}`) });
            }
        }
        controllers.push({
            name,
            type: map.get(`storagecontrollertype${i}`) ?? '',
            instance: integer(map, `storagecontrollerinstance${i}`),
            portCount,
            maxPortCount: integer(map, `storagecontrollermaxportcount${i}`),
            bootable: map.get(`storagecontrollerbootable${i}`) === 'on',
            attachments,
        });
    }
    return controllers;
}

function attachment(value: string): NicAttachment {
    // Printed as `Generic` for generic drivers; everything else is lower case already.
    const lower = value.toLowerCase();
    return (NIC_ATTACHMENTS as readonly string[]).includes(lower) ? (lower as NicAttachment) : 'unknown';
}

/** NAT rules are `Forwarding(0..)` with no NIC number: they belong to the `nicN=` entry printed before them. */
function forwardingByNic(entries: MachineReadableEntry[]): Map<number, PortForwardRule[]> {
    const byNic = new Map<number, PortForwardRule[]>();
    let slot = 0;
    for (const { key, value } of entries) {
        const nic = /^nic(\d+)$/.exec(key);
        if (nic) slot = Number(nic[1]);
        else if (slot > 0 && /^Forwarding\(\d+\)$/.test(key)) byNic.set(slot, [...(byNic.get(slot) ?? []), parsePortForwardRule(value)]);
    }
    return byNic;
}

function nics(map: Map<string, string>, entries: MachineReadableEntry[]): Nic[] {
    const forwarding = forwardingByNic(entries);
    const result: Nic[] = [];
    for (let slot = 1; map.has(`nic${slot}`); slot++) {
        const cable = map.get(`cableconnected${slot}`);
        result.push({
            slot,
            attachment: attachment(map.get(`nic${slot}`) ?? ''),
            nicType: map.get(`nictype${slot}`),
            macAddress: map.get(`macaddress${slot}`),
            cableConnected: cable === undefined ? undefined : cable === 'on',
            bridgeAdapter: map.get(`bridgeadapter${slot}`),
            hostOnlyAdapter: map.get(`hostonlyadapter${slot}`),
            internalNetwork: map.get(`intnet${slot}`),
            natNetwork: map.get(`nat-network${slot}`),
            forwarding: forwarding.get(slot) ?? [],
        });
    }
    return result;
}

function sharedFolders(map: Map<string, string>): SharedFolderMapping[] {
    const result: SharedFolderMapping[] = [];
    for (const kind of ['Machine', 'Transient', 'Global'] as const) {
        for (let i = 1; map.has(`SharedFolderName${kind}Mapping${i}`); i++) {
            result.push({
                name: map.get(`SharedFolderName${kind}Mapping${i}`) ?? '',
                hostPath: map.get(`SharedFolderPath${kind}Mapping${i}`) ?? '',
                transient: kind === 'Transient',
                global: kind === 'Global',
            });
        }
    }
    return result;
}

function bootOrder(map: Map<string, string>): string[] {
    const order: string[] = [];
    for (let i = 1; map.has(`boot${i}`); i++) order.push(map.get(`boot${i}`) ?? 'none');
    return order;
}

function state(value: string | undefined): VmState | 'unknown' {
    return (VM_STATES as readonly string[]).includes(value ?? '') ? (value as VmState) : 'unknown';
}

export function parseVmInfo(text: string): VmInfo {
    const entries = parseMachineReadableEntries(text);
    const map = entriesToMap(entries);
    const name = map.get('name');
    const uuid = map.get('UUID');
    if (name === undefined || uuid === undefined) throw new Error('showvminfo output has no name or UUID');
    const groups = map.get('groups');
    return VmInfoSchema.parse({
        name,
        uuid,
        // Older VirtualBox prints only name="<inaccessible>" and the UUID; 7.2 fails with E_ACCESSDENIED instead.
        accessible: name !== INACCESSIBLE_NAME || map.has('CfgFile'),
        groups: groups ? groups.split(',') : [],
        osTypeDescription: map.get('ostype') ?? '',
        cfgFile: map.get('CfgFile') ?? '',
        description: map.get('description') ?? '',
        memoryMb: integer(map, 'memory'),
        cpus: integer(map, 'cpus'),
        vramMb: integer(map, 'vram'),
        firmware: map.get('firmware') ?? '',
        chipset: map.get('chipset') ?? '',
        graphicsController: map.get('graphicscontroller') ?? '',
        bootOrder: bootOrder(map),
        state: state(map.get('VMState')),
        stateChangeTime: map.get('VMStateChangeTime'),
        sessionName: map.get('SessionName'),
        stateFile: map.get('VMStateFile'),
        storageControllers: storageControllers(map),
        nics: nics(map, entries),
        sharedFolders: sharedFolders(map),
        snapshotCount: entries.filter((e) => /^SnapshotName(?:-\d+)*$/.test(e.key)).length,
        currentSnapshotName: map.get('CurrentSnapshotName'),
        currentSnapshotUuid: map.get('CurrentSnapshotUUID'),
        raw: Object.fromEntries(map),
    });
}
