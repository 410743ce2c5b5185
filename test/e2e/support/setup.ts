import { keepEvidence, session, startSession, stopSession } from './session';

/**
 * Root hooks of the e2e run (loaded before the journeys): one workbench for all of them, a clean workbench before
 * each, the evidence of each failure, and everything stopped at the end, also after a failure or an interrupt.
 */
before(async function () {
    this.timeout(300_000);
    await startSession();
});

beforeEach(async function () {
    this.timeout(60_000);
    try {
        await session().workbench.reset();
    } catch (error) {
        console.log(`      evidence: ${await keepEvidence(`reset before ${this.currentTest?.fullTitle() ?? 'a journey'}`)}`);
        throw error;
    }
});

afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    this.timeout(60_000);
    const dir = await keepEvidence(this.currentTest.fullTitle());
    console.log(`      evidence: ${dir}`);
});

after(async function () {
    this.timeout(60_000);
    await stopSession();
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
        void stopSession().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
}
