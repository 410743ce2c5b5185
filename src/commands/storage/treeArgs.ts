import { z } from 'zod';

/**
 * What the storage, network and snapshot commands read from the node they were run on. Nodes come from the
 * Machines, Media and Networks trees; they are recognised by their shape rather than their class, so that a
 * command works with any node that carries the data (and from tests that build their own nodes).
 */

export const nodeVm = z.object({ name: z.string(), uuid: z.string(), state: z.string(), accessible: z.boolean().optional() });
export type NodeVm = z.infer<typeof nodeVm>;

const medium = z.object({
    uuid: z.string(),
    location: z.string(),
    capacityMb: z.number().optional(),
    sizeOnDiskMb: z.number().optional(),
    format: z.string().optional(),
    parentUuid: z.string().optional(),
    inUseBy: z.array(z.object({ name: z.string(), uuid: z.string() })),
});
export type NodeMedium = z.infer<typeof medium>;

/** Any node under a VM in the Machines tree (the VM itself, its Snapshots/Storage/Network folders, ...). */
export const vmNode = z.object({ vm: nodeVm });

/** A storage controller of a VM. */
export const controllerNode = z.object({ vm: nodeVm, controller: z.object({ name: z.string(), type: z.string() }) });

/** A medium attached to a VM (`attachment:<kind>`). */
export const attachmentNode = z.object({
    vm: nodeVm,
    attachment: z.object({
        controller: z.string(),
        port: z.number(),
        device: z.number(),
        kind: z.string(),
        location: z.string(),
        uuid: z.string().optional(),
        medium: medium.optional(),
    }),
});
export type AttachmentNodeData = z.infer<typeof attachmentNode>;

/** A registered medium in the Media view (`medium:<kind>:...`). */
export const mediumNode = z.object({ kind: z.enum(['hdd', 'dvd', 'floppy']), medium });

/** The data of a node, when the node has that shape; otherwise undefined. */
export function nodeData<S extends z.ZodType>(shape: S, node: unknown): z.infer<S> | undefined {
    const parsed = shape.safeParse(node);
    return parsed.success ? parsed.data : undefined;
}
