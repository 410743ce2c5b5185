import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { definedOperations } from '../../../src/operations/operation';

/**
 * Which operations the integration suites ran for real. A suite calls `covers('start_vm')` from a test that ran the
 * operation against VirtualBox and checked the result; the run ends with `OPERATIONS COVERED n/N`, where N counts
 * every `defineOperation` in src/ (catalogue or not), found by loading each file that calls it: no hand-kept list.
 */
const shared = globalThis as { __vscodeVirtualBoxCovered?: Set<string> };
const covered: Set<string> = (shared.__vscodeVirtualBoxCovered ??= new Set());

const SRC = join(import.meta.dirname, '..', '..', '..', 'src');

/** Every source file that calls defineOperation (operation.ts, which declares it, aside). */
export function filesDefiningOperations(): string[] {
    return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
        .map((file) => join(SRC, file))
        .filter((file) => !file.endsWith(join('operations', 'operation.ts')) && /\bdefineOperation\(/.test(readFileSync(file, 'utf8')));
}

/** Loads every file that defines an operation, then returns them all, each id once. */
export async function allDefinedOperations(): Promise<readonly { id: string }[]> {
    for (const file of filesDefiningOperations()) await import(pathToFileURL(file).href);
    return [...new Map(definedOperations.map((operation) => [operation.id, operation])).values()];
}

export function covers(operationId: string): void {
    if (!definedOperations.some((operation) => operation.id === operationId)) {
        throw new Error(`covers(): no operation "${operationId}"`);
    }
    covered.add(operationId);
}

export async function coverageReport(): Promise<string> {
    const operations = await allDefinedOperations();
    const missing = operations.filter((operation) => !covered.has(operation.id)).map((operation) => operation.id);
    const line = `OPERATIONS COVERED ${operations.length - missing.length}/${operations.length}`;
    return missing.length ? `${line}\nwithout an integration test: ${missing.join(', ')}` : line;
}
