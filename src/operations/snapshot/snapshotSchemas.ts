import { z } from 'zod';
import { withoutControlCharacters } from '../shared/schemas';

/**
 * A snapshot name VirtualBox can show back: it prints names unescaped, one per `SnapshotName="..."` line, so a
 * line break would corrupt the list, and a leading `-` would be taken by VBoxManage for an option.
 */
export const snapshotName = z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine(withoutControlCharacters, 'must not contain line breaks or control characters')
    .refine((name) => !name.startsWith('-'), 'must not start with "-"')
    .describe('Snapshot name, unique within the VM.');

export const snapshotRef = z.string().trim().min(1).describe('The snapshot: its name (list_snapshots shows them) or its UUID.');
