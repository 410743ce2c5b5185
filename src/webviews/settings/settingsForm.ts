import { z } from 'zod';
import { formNumber, text } from '../shared/ipc';

/**
 * The settings editor's form: what the page shows and edits, as plain JSON. The host turns a VM's configuration into
 * a baseline form; the page edits a copy (the draft); the apply planner turns the difference into operations. The
 * shape is checked here; the values are checked by the operations' own schemas (see applyPlanner/formValidation).
 */

const attachment = z.strictObject({
    controller: text(200),
    port: z.number().int().min(0).max(1000),
    device: z.number().int().min(0).max(1000),
    kind: z.enum(['hdd', 'dvd', 'floppy', 'other']),
    /** The image file (or host drive) as VirtualBox lists it. */
    location: text(4000),
    uuid: text(40).optional(),
    /** Capacity now, in MB (undefined for DVDs and unknown media). */
    sizeMb: z.number().nonnegative().optional(),
    newSizeMb: formNumber,
    remove: z.boolean(),
});

const addition = z.strictObject({
    /** A stable id the page gives each row, so that errors and rebasing find it. */
    id: text(40),
    kind: z.enum(['new', 'existing']),
    sizeMb: formNumber,
    format: text(10),
    fileName: text(300),
    /** For an existing disk: the registered disk's UUID or an image path. */
    path: text(4000),
    controller: text(200),
});

const rule = z.strictObject({
    name: text(200),
    protocol: text(10),
    hostIp: text(100),
    hostPort: formNumber,
    guestIp: text(100),
    guestPort: formNumber,
});

export const ATTACHMENT_MODES = ['nat', 'bridged', 'hostonly', 'intnet', 'natnetwork', 'null'] as const;

const adapter = z.strictObject({
    slot: z.number().int().min(1).max(36),
    enabled: z.boolean(),
    /** One of ATTACHMENT_MODES, or what VirtualBox reports for modes this editor does not change (e.g. generic). */
    mode: text(40),
    hostInterface: text(300),
    networkName: text(300),
    macAddress: text(40),
    cableConnected: z.boolean(),
    rules: z.array(rule).max(100),
});

const newAdapter = z.strictObject({ id: text(40), mode: text(40), hostInterface: text(300), networkName: text(300) });

export const settingsForm = z.strictObject({
    general: z.strictObject({ name: text(1000), osTypeId: text(200), description: text(20_000), groups: text(4000) }),
    system: z.strictObject({
        memoryMb: formNumber,
        cpus: formNumber,
        firmware: text(20),
        chipset: text(20),
        bootOrder: z.array(text(20)).max(4),
    }),
    display: z.strictObject({ vramMb: formNumber, graphicsController: text(20) }),
    storage: z.strictObject({ attachments: z.array(attachment).max(300), additions: z.array(addition).max(20) }),
    network: z.strictObject({ adapters: z.array(adapter).max(36), added: z.array(newAdapter).max(36) }),
});

export type SettingsForm = z.infer<typeof settingsForm>;
export type AttachmentForm = z.infer<typeof attachment>;
export type DiskAdditionForm = z.infer<typeof addition>;
export type AdapterForm = z.infer<typeof adapter>;
export type NewAdapterForm = z.infer<typeof newAdapter>;
export type RuleForm = z.infer<typeof rule>;

/** What the page offers to choose from, read by the host when the editor opens. */
export const editorChoices = z.strictObject({
    osTypes: z.array(z.strictObject({ id: text(200), description: text(300) })).max(2000),
    networks: z.strictObject({
        bridged: z.array(text(300)).max(500),
        hostOnly: z.array(text(300)).max(500),
        natNetworks: z.array(text(300)).max(500),
        internal: z.array(text(300)).max(500),
    }),
    limits: z.strictObject({
        minMemoryMb: z.number(),
        maxMemoryMb: z.number(),
        minCpus: z.number(),
        maxCpus: z.number(),
        minVramMb: z.number(),
        maxVramMb: z.number(),
        hostMemoryMb: z.number(),
        hostCpus: z.number(),
    }),
    /** Registered hard disks not attached to this VM, for "attach existing". */
    disks: z.array(z.strictObject({ uuid: text(40), location: text(4000), sizeMb: z.number().optional(), inUse: z.boolean() })).max(5000),
});
export type EditorChoices = z.infer<typeof editorChoices>;
