import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { withoutControlCharacters } from '../shared/schemas';

/**
 * Input fields shared by the vm operations. Every field carries a description: the schemas also become the
 * language-model tool schemas and the docs.
 */

/**
 * A new VM name. VirtualBox prints names unescaped, one per line, and VBoxManage would take a leading "-" for an
 * option where the name stands alone (`startvm <name>`).
 */
export const newVmName = z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine(withoutControlCharacters, 'must not contain line breaks or control characters')
    .refine((name) => !name.startsWith('-'), 'must not start with "-"');

/** A VM group path as VBoxManage takes it: `/` or `/a/b` (no trailing slash, no empty part, no comma). */
export const groupPath = z
    .string()
    .regex(/^\/(?:[^/,\n]+(?:\/[^/,\n]+)*)?$/, 'must be a group path like "/" or "/Team/Web" (no trailing slash, no commas)')
    .describe('A VM group path such as "/Team/Web"; "/" is the top level.');

export const osTypeId = z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_]+$/, 'must be an OS type id such as "Ubuntu_64" (see list_os_types)')
    .describe('The guest OS type id, e.g. "Ubuntu_64" or "Windows11_64", as list_os_types returns it.');

// Broad bounds only: the exact limits come from VirtualBox (`list systemproperties`) and the host at run time.
export const memoryMb = z.number().int().min(4).max(2_097_152).describe('Guest RAM in MB.');
export const cpuCount = z.number().int().min(1).max(1024).describe('Number of virtual CPUs.');
export const vramMb = z.number().int().min(0).max(1024).describe('Video memory in MB.');

export const absolutePath = z.string().min(1).refine((path) => isAbsolute(path), 'must be an absolute path');

export const firmware = z.enum(['bios', 'efi', 'efi32', 'efi64']).describe('Firmware: "bios" or an EFI variant.');
export const chipset = z.enum(['piix3', 'ich9']).describe('Emulated chipset.');
export const graphicsController = z
    .enum(['none', 'vboxvga', 'vmsvga', 'vboxsvga'])
    .describe('Emulated graphics controller: vmsvga for Linux guests, vboxsvga for Windows, vboxvga for old guests.');
export const bootDevice = z.enum(['none', 'floppy', 'dvd', 'disk', 'net']);
export const bootOrder = z
    .array(bootDevice)
    .min(1)
    .max(4)
    .describe('Boot devices in order (1 to 4 of none, floppy, dvd, disk, net); the positions not given become "none".');
