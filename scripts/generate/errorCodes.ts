import { readFileSync } from 'node:fs';
import { VBOX_ERROR_CODES, type VBoxErrorCode } from '../../src/vbox/errors';
import { inputJsonSchema, type JsonSchema } from '../../src/api/inputSchema';
import type { CatalogueEntry } from './catalogue';

/** Codes any operation can return, whatever it does: listed once in the reference rather than under each operation. */
export const COMMON_ERROR_CODES: readonly VBoxErrorCode[] = [
    'INVALID_INPUT',
    'VBOXMANAGE_MISSING',
    'VBOXSVC_UNAVAILABLE',
    'TIMEOUT',
    'CANCELLED',
    'PARSE_ERROR',
    'VBOX_ERROR',
];

/**
 * The codes an operation typically returns besides the common ones. Two sources, since most codes come from
 * VirtualBox's own result codes (mapped by the runner) rather than from the operation's code:
 * - what the input names: a `vm` can be missing, locked or in the wrong state; a `snapshot`, `disk` or `network` missing;
 * - what the id says: creating or cloning can collide with an existing name, starting needs the kernel driver;
 * - what the operation's own module throws (`new VBoxError('CODE'`, `notFound: 'CODE'`).
 */
export function typicalErrorCodes(entry: CatalogueEntry): VBoxErrorCode[] {
    const codes = new Set<VBoxErrorCode>();
    const fields = inputFieldNames(entry);
    // An effect that depends on the input may change things.
    const changes = entry.operation.effect !== 'read';
    if (fields.has('vm')) codes.add('VM_NOT_FOUND');
    if (fields.has('vm') && changes) {
        codes.add('VM_LOCKED');
        codes.add('INVALID_VM_STATE');
    }
    if (fields.has('snapshot')) codes.add('SNAPSHOT_NOT_FOUND');
    if (fields.has('disk') && entry.area === 'storage') codes.add('MEDIUM_NOT_FOUND');
    if (fields.has('network')) codes.add('NETWORK_NOT_FOUND');
    if (/^(create|clone)_/.test(entry.operation.id)) codes.add('ALREADY_EXISTS');
    // Running a VM is what needs VirtualBox's kernel driver.
    if (/^start_/.test(entry.operation.id)) codes.add('HOST_DRIVER_MISSING');
    for (const code of thrownCodes(entry.sourceFile)) codes.add(code);
    for (const common of COMMON_ERROR_CODES) codes.delete(common);
    return VBOX_ERROR_CODES.filter((code) => codes.has(code));
}

function thrownCodes(file: string): VBoxErrorCode[] {
    const source = readFileSync(file, 'utf8');
    const found = [...source.matchAll(/(?:new VBoxError\(\s*|notFound:\s*)'([A-Z_]+)'/g)].map((match) => match[1]);
    return VBOX_ERROR_CODES.filter((code) => found.includes(code));
}

/** Top-level input fields, across every form of a union. */
function inputFieldNames(entry: CatalogueEntry): Set<string> {
    const schema = inputJsonSchema(entry.operation.input);
    const forms = (Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : [schema]) as JsonSchema[];
    return new Set(forms.flatMap((form) => Object.keys((form.properties ?? {}) as object)));
}
