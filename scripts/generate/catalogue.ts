import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allOperations } from '../../src/operations';
import { connectOperations } from '../../src/operations/connect';
import { networkOperations } from '../../src/operations/network';
import type { Operation } from '../../src/operations/operation';
import { sharedFolderOperations } from '../../src/operations/sharedFolders';
import { snapshotOperations } from '../../src/operations/snapshot';
import { storageOperations } from '../../src/operations/storage';
import { vmOperations } from '../../src/operations/vm';
import { readOperationTypes, type ResultDoc } from './resultTypes';

/** What the generators know of one operation: the definition, its area, and its result as the compiler sees it. */
export interface CatalogueEntry {
    readonly operation: Operation;
    readonly area: Area;
    readonly result: ResultDoc;
    /** The file that defines the operation. */
    readonly sourceFile: string;
}

export type Area = 'vm' | 'storage' | 'network' | 'sharedFolder' | 'snapshot' | 'connect';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const AREAS: readonly (readonly [Area, readonly Operation[]])[] = [
    ['vm', vmOperations],
    ['storage', storageOperations],
    ['network', networkOperations],
    ['sharedFolder', sharedFolderOperations],
    ['snapshot', snapshotOperations],
    ['connect', connectOperations],
];

/** Every operation in catalogue order (the order of allOperations, which is also the order of the tools and docs). */
export function readCatalogue(repoRoot = REPO_ROOT): CatalogueEntry[] {
    const types = readOperationTypes(repoRoot).operations;
    if (types.length !== allOperations.length) {
        throw new Error(`Read ${types.length} result types for ${allOperations.length} operations: allOperations is built in a way the reader cannot follow`);
    }
    return allOperations.map((operation, index) => ({ operation, area: areaOf(operation), ...types[index] }));
}

function areaOf(operation: Operation): Area {
    const area = AREAS.find(([, operations]) => operations.includes(operation));
    if (!area) throw new Error(`Operation ${operation.id} is in allOperations but in no area list`);
    return area[0];
}

/** The named string unions result fields use (e.g. VmState), with their values. */
export function readValueSets(repoRoot = REPO_ROOT): Readonly<Record<string, readonly string[]>> {
    return readOperationTypes(repoRoot).valueSets;
}
