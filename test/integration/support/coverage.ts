import { allOperations } from '../../../src/operations';

/**
 * Which operations the integration suites ran for real. A suite calls `covers('start_vm')` from a test that ran the
 * operation against VirtualBox and checked the result; the run ends with `OPERATIONS COVERED n/N`.
 */
const shared = globalThis as { __vscodeVirtualBoxCovered?: Set<string> };
const covered: Set<string> = (shared.__vscodeVirtualBoxCovered ??= new Set());

export function covers(operationId: string): void {
    if (!allOperations.some((operation) => operation.id === operationId)) {
        throw new Error(`covers(): no operation "${operationId}"`);
    }
    covered.add(operationId);
}

export function coverageReport(): string {
    const missing = allOperations.filter((operation) => !covered.has(operation.id)).map((operation) => operation.id);
    const line = `OPERATIONS COVERED ${allOperations.length - missing.length}/${allOperations.length}`;
    return missing.length ? `${line}\nwithout an integration test: ${missing.join(', ')}` : line;
}
