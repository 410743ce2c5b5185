/**
 * What the reliability suite observed, counted as the tests run (never constants): the summary table at the end of
 * the run is printed from here. One object on globalThis, because mocha under tsx may load this module twice.
 */
export type InputOutcome = 'clear' | 'unclear' | 'accepted' | 'crash';

interface Observations {
    readonly inputs: { label: string; outcome: InputOutcome; byValidation: boolean; spawns: number; note?: string }[];
    readonly faults: { name: string; passed: boolean }[];
    readonly dataLoss: { name: string; passed: boolean }[];
    readonly webview: { malformed: number; rejected: number; handled: number };
    readonly supplyChain: { name: string; passed: boolean }[];
    /** Names with shell characters created through an operation and read back unchanged. */
    readonly roundTrips: { name: string; passed: boolean }[];
    /** Checks that could not run here and were skipped on request: printed under the table, never counted as passed. */
    readonly skipped: string[];
}

const shared = globalThis as { __vscodeVirtualBoxReliability?: Observations };
export const observed: Observations = (shared.__vscodeVirtualBoxReliability ??= {
    inputs: [],
    faults: [],
    dataLoss: [],
    webview: { malformed: 0, rejected: 0, handled: 0 },
    supplyChain: [],
    roundTrips: [],
    skipped: [],
});

export function recordInput(entry: Observations['inputs'][number]): void {
    observed.inputs.push(entry);
}

/** Runs `check` and records whether it completed without throwing; rethrows, so that the test fails too. */
async function observe(list: { name: string; passed: boolean }[], name: string, check: () => Promise<void> | void): Promise<void> {
    try {
        await check();
        list.push({ name, passed: true });
    } catch (error) {
        list.push({ name, passed: false });
        throw error;
    }
}

/** One fault scenario: it counts as survived only when `scenario` completes without throwing. */
export const fault = (name: string, scenario: () => Promise<void>) => observe(observed.faults, name, scenario);

/** One data-loss check: passes when `check` completes without throwing. */
export const dataLossCheck = (name: string, check: () => Promise<void> | void) => observe(observed.dataLoss, name, check);

export function recordSupplyChain(name: string, passed: boolean): void {
    observed.supplyChain.push({ name, passed });
}

const percent = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${Math.floor((100 * part) / whole)}%`);

/** The table printed once at the end of `npm run test:reliability`. */
export function summaryTable(): string {
    const { inputs, faults, dataLoss, webview, supplyChain } = observed;
    const count = (outcome: InputOutcome) => inputs.filter((input) => input.outcome === outcome).length;
    const byValidation = inputs.filter((input) => input.byValidation);
    const spawnedByValidation = byValidation.reduce((sum, input) => sum + input.spawns, 0);
    const survived = faults.filter((entry) => entry.passed).length;
    const lossPassed = dataLoss.filter((entry) => entry.passed).length;
    const chainPassed = supplyChain.filter((entry) => entry.passed).length;
    const rows: [string, string][] = [
        ['bad inputs tried', String(inputs.length)],
        ['  rejected with a clear typed error', `${count('clear')} (${percent(count('clear'), inputs.length)})`],
        ['  unclear error (wrong code or message)', String(count('unclear'))],
        ['  accepted although invalid', String(count('accepted'))],
        ['  crashes (untyped exception)', String(count('crash'))],
        ['  rejected by validation / VBoxManage spawned for them', `${byValidation.length} / ${spawnedByValidation}`],
        ['shell-character names created and read back', String(observed.roundTrips.filter((entry) => entry.passed).length)],
        ['faults injected / survived', `${faults.length} / ${survived}`],
        ['data-loss checks / passed', `${dataLoss.length} / ${lossPassed}`],
        ['webview messages malformed / rejected / handled', `${webview.malformed} / ${webview.rejected} / ${webview.handled}`],
        ['supply-chain checks / passed', `${supplyChain.length} / ${chainPassed}`],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    const lines = rows.map(([label, value]) => `| ${label.padEnd(width)} | ${value.padStart(18)} |`);
    const rule = `|${'-'.repeat(width + 2)}|${'-'.repeat(20)}|`;
    const problems = [
        ...inputs.filter((input) => input.outcome !== 'clear').map((input) => `input ${input.outcome}: ${input.label}${input.note ? ` (${input.note})` : ''}`),
        ...faults.filter((entry) => !entry.passed).map((entry) => `fault not survived: ${entry.name}`),
        ...dataLoss.filter((entry) => !entry.passed).map((entry) => `data-loss check failed: ${entry.name}`),
        ...supplyChain.filter((entry) => !entry.passed).map((entry) => `supply-chain check failed: ${entry.name}`),
        ...observed.skipped.map((entry) => `NOT RUN: ${entry}`),
    ];
    return ['RELIABILITY SUMMARY', rule, ...lines, rule, ...problems].join('\n');
}
