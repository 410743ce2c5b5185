import { strict as assert } from 'node:assert';
import { errorFromOutput, parseErrorLines } from '../../src/vbox/errorMapping';
import type { VBoxErrorCode } from '../../src/vbox/errors';
import { fixtureOutput, listFixtures, loadFixture } from '../support/fixtures';

interface Expectation {
    readonly code: VBoxErrorCode;
    /** The function VirtualBox's Context line names, when there is one. */
    readonly context?: string;
    readonly resultCode?: number;
    /** Set when src/vbox/errorMapping.ts classifies the recorded output wrongly: the test is skipped with this reason. */
    readonly pending?: string;
}

/** What each recorded failure (test/fixtures/vboxmanage/errors) must become. */
const EXPECTED: Record<string, Expectation> = {
    'showvminfo-unknown-vm': { code: 'VM_NOT_FOUND', context: 'FindMachine', resultCode: 0x80bb0001 },
    'snapshot-restore-unknown': { code: 'SNAPSHOT_NOT_FOUND', context: 'FindSnapshot', resultCode: 0x80bb0001 },
    'modifyvm-running': { code: 'VM_LOCKED', context: 'LockMachine', resultCode: 0x80bb0007 },
    // A lock another call has asked for and not yet got: as transient as "already locked", and retried the same way.
    'modifyvm-lock-pending': { code: 'VM_LOCKED', context: 'LockMachine', resultCode: 0x80bb0007 },
    'unregistervm-running': { code: 'VM_LOCKED', context: 'Unregister', resultCode: 0x80bb0007 },
    'snapshot-restore-running': { code: 'INVALID_VM_STATE', context: 'RestoreSnapshot', resultCode: 0x80bb0002 },
    'closemedium-attached': { code: 'MEDIUM_IN_USE', context: 'Close', resultCode: 0x80bb000c },
    'modifymedium-shrink': { code: 'NOT_SUPPORTED', context: 'handleModifyMedium', resultCode: 0x80bb0009 },
    'modifymedium-resize-running': { code: 'INVALID_VM_STATE', context: 'Resize', resultCode: 0x80bb0007 },
    'syntax-unknown-option': { code: 'INVALID_INPUT' },
    // No dedicated code fits an inaccessible VM (7.2: E_ACCESSDENIED from LockMachine); it must not look like a lock.
    'showvminfo-inaccessible': { code: 'VBOX_ERROR', context: 'LockMachine', resultCode: 0x80070005 },
    'modifyvm-slash-name': { code: 'VBOX_ERROR', context: 'SaveSettings', resultCode: 0x80004005 },
    // Under a plain C locale VBoxManage exits 3 on any non-ASCII argument (the runner uses C.UTF-8 for that reason).
    'non-ascii-under-c-locale': { code: 'VBOX_ERROR' },
    'closemedium-unknown': {
        code: 'MEDIUM_NOT_FOUND',
        context: 'OpenMedium',
        resultCode: 0x80bb0004,
    },
    'controlvm-not-running': {
        code: 'INVALID_VM_STATE',
    },
    'hostonlyif-create': {
        code: 'HOST_DRIVER_MISSING',
        context: 'handleCreate',
        resultCode: 0x80004005,
    },
    'natnetwork-add-duplicate': {
        code: 'ALREADY_EXISTS',
    },
    'natnetwork-remove-unknown': {
        code: 'NETWORK_NOT_FOUND',
    },
    // VBoxSVC killed in the middle of the call: the progress object is gone, no Details line.
    'clonevm-vboxsvc-killed': { code: 'VBOXSVC_UNAVAILABLE', context: 'handleCloneVM' },
};

describe('(unit) errorMapping against recorded VirtualBox failures', () => {
    it('has an expectation for every recorded error fixture', () => {
        assert.deepEqual(listFixtures('errors'), Object.keys(EXPECTED).sort());
    });

    for (const [name, expected] of Object.entries(EXPECTED)) {
        const test = expected.pending ? it.skip : it;
        test(`${name} → ${expected.code}${expected.pending ? ` (pending: ${expected.pending})` : ''}`, () => {
            const fixture = loadFixture('errors', name);
            const output = fixtureOutput(fixture);
            assert.notEqual(fixture.exitCode, 0);
            const error = errorFromOutput(fixture.args, output);
            assert.equal(error.code, expected.code, error.message);
            assert.equal(error.exitCode, fixture.exitCode);
            assert.equal(error.resultCode, expected.resultCode);
            assert.deepEqual(error.args, fixture.args);
            assert.ok(error.details && output.stderr.includes(error.details), 'VirtualBox\'s words are kept as details');
            assert.ok(error.message.length > 0 && !error.message.includes('VBoxManage: error:'), error.message);
        });
    }

    it('reads the Context call and the result code', () => {
        for (const [name, expected] of Object.entries(EXPECTED)) {
            const lines = parseErrorLines(fixtureOutput(loadFixture('errors', name)).stderr);
            assert.equal(lines.contextCall, expected.context, name);
            assert.equal(lines.resultCode, expected.resultCode, name);
        }
    });

    it("uses VirtualBox's own first message, which names the object", () => {
        const fixture = loadFixture('errors', 'showvminfo-unknown-vm');
        const error = errorFromOutput(fixture.args, fixtureOutput(fixture));
        assert.ok(error.message.includes(fixture.args[1]), error.message);
        const syntax = loadFixture('errors', 'syntax-unknown-option');
        assert.ok(errorFromOutput(syntax.args, fixtureOutput(syntax)).message.includes('--no-such-option'));
    });

    it('keeps the reason when VirtualBox ends with a generic "Failed to ..." line, and ends the message once', () => {
        const fixture = loadFixture('errors', 'modifymedium-resize-running');
        const error = errorFromOutput(fixture.args, fixtureOutput(fixture));
        assert.ok(error.message.startsWith(`Failed to lock media when resizing '${fixture.args[2]}'. `), error.message);
        assert.ok(!error.message.includes('Failed to resize medium'), error.message);
        assert.ok(!/[!?.]\./.test(error.message), error.message);
    });

    it('lets the call decide what an unnamed VBOX_E_OBJECT_NOT_FOUND is, but not a named one', () => {
        const fixture = loadFixture('errors', 'showvminfo-unknown-vm');
        const output = fixtureOutput(fixture);
        const withoutContext = { ...output, stderr: output.stderr.split('\n').filter((l) => !l.includes('Context:')).join('\n') };
        assert.equal(errorFromOutput(fixture.args, withoutContext, 'MEDIUM_NOT_FOUND').code, 'MEDIUM_NOT_FOUND');
        assert.equal(errorFromOutput(fixture.args, output, 'MEDIUM_NOT_FOUND').code, 'VM_NOT_FOUND');
    });

    it('reads Windows (VBoxManage.exe, CRLF) stderr the same (a copy of a recorded failure, converted here)', () => {
        const fixture = loadFixture('errors', 'snapshot-restore-unknown');
        const windows = { ...fixture, stderr: fixture.stderr.replace(/^VBoxManage:/gm, 'VBoxManage.exe:').replace(/\n/g, '\r\n') };
        const error = errorFromOutput(windows.args, fixtureOutput(windows));
        assert.equal(error.code, 'SNAPSHOT_NOT_FOUND');
        assert.ok(!error.message.includes('\r'));
    });
});

describe('(unit) errorMapping when VBoxSVC cannot be reached', () => {
    it('gives VBOXSVC_UNAVAILABLE (hand-written: the stderr seen while the testbed VBoxSVC was down)', () => {
        const stderr =
            'VBoxManage: error: Failed to create the VirtualBox object!\n' +
            'VBoxManage: error: Code NS_ERROR_FAILURE (0x80004005) - Operation failed (extended info not available)\n' +
            'VBoxManage: error: Most likely, the VirtualBox COM server is not running or failed to start.\n';
        const error = errorFromOutput(['list', 'vms'], { stdout: '', stderr, exitCode: 1 });
        assert.equal(error.code, 'VBOXSVC_UNAVAILABLE');
        assert.match(error.message, /VBoxSVC/);
    });
});
