import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
    INCLUDE_LINE,
    followForwards,
    hasInclude,
    hostAlias,
    parseManagedConfig,
    renderManagedConfig,
    withEntry,
    withInclude,
    type SshHostEntry,
} from '../../../src/operations/connect/sshConfigText';

const A: SshHostEntry = { uuid: '11111111-2222-3333-4444-555555555555', alias: 'vbox-web', host: '127.0.0.1', port: 2222, user: 'dev' };
const B: SshHostEntry = { uuid: '66666666-7777-8888-9999-000000000000', alias: 'vbox-db', host: '192.168.56.10', port: 22, user: 'root' };

describe("(unit) connect: the SSH configuration kept for VMs, and the one line added to the user's", () => {
    it('makes a Host alias of any VM name: only a-z, 0-9 and "-", never empty', () => {
        assert.equal(hostAlias('Web Server (test)', A.uuid), 'vbox-web-server-test');
        assert.equal(hostAlias(`fx "dq" 'sq' ; $(x) ünï 日本 🎉`, A.uuid), 'vbox-fx-dq-sq-x-uni');
        assert.equal(hostAlias('日本', A.uuid), 'vbox-11111111');
        fc.assert(fc.property(fc.string(), (name) => /^vbox-[a-z0-9]+(-[a-z0-9]+)*$/.test(hostAlias(name, A.uuid))));
    });

    it('reads back exactly the entries it wrote', () => {
        fc.assert(
            fc.property(fc.uniqueArray(fc.constantFrom(A, B), { selector: (entry) => entry.uuid }), (entries) => {
                const read = parseManagedConfig(renderManagedConfig(entries));
                assert.deepEqual(read.sort((a, b) => a.alias.localeCompare(b.alias)), [...entries].sort((a, b) => a.alias.localeCompare(b.alias)));
            }),
        );
        assert.deepEqual(parseManagedConfig(renderManagedConfig([A, B]).replace(/\n/g, '\r\n')).length, 2, 'CRLF too');
    });

    it("replaces a VM's entry by UUID (a renamed VM keeps one), and gives another VM a free alias", () => {
        const moved = withEntry([A, B], { ...A, alias: 'vbox-web2', port: 2223 });
        assert.deepEqual(moved.map((entry) => [entry.alias, entry.port]).sort(), [['vbox-db', 22], ['vbox-web2', 2223]]);
        const clash = withEntry([A], { ...B, alias: 'vbox-web' });
        assert.deepEqual(clash.map((entry) => entry.alias).sort(), ['vbox-web', 'vbox-web-2']);
    });

    it("adds the Include line first, in the file's own line ending, keeping every other byte", () => {
        const lf = 'Host work\n    HostName work.example\n';
        assert.equal(withInclude(lf), `${INCLUDE_LINE}\n\n${lf}`);
        const crlf = 'Host work\r\n    User me\r\n';
        assert.equal(withInclude(crlf), `${INCLUDE_LINE}\r\n\r\n${crlf}`);
        assert.equal(withInclude(''), `${INCLUDE_LINE}\n`);
        fc.assert(fc.property(fc.string(), (text) => withInclude(text).endsWith(text) && hasInclude(withInclude(text))));
    });

    it('adds it only once, whatever its spacing or case', () => {
        const once = withInclude('Host x\n');
        assert.equal(withInclude(once), once);
        assert.equal(hasInclude('  include   ~/.ssh/vscode-virtualbox.conf  \n'), true);
        assert.equal(hasInclude('# Include ~/.ssh/vscode-virtualbox.conf\n'), false);
    });

    it("follows the VM's first forward when the entry points at none of its forwards, and only then", () => {
        // The rule's port moved: the entry takes the new one, keeping its alias and user.
        assert.deepEqual(followForwards(A, [{ host: '127.0.0.1', port: 2230 }]), { ...A, port: 2230 });
        // Still one of the forwards (even not the first): unchanged.
        assert.equal(followForwards(A, [{ host: '127.0.0.1', port: 2230 }, { host: '127.0.0.1', port: 2222 }]), undefined);
        // No forward left: kept as written (the next connect finds the way in again).
        assert.equal(followForwards(A, []), undefined);
        // An entry made from a bridged address, and the VM has a forward now: the forward is what a connect would use.
        assert.deepEqual(followForwards(B, [{ host: '127.0.0.1', port: 2222 }]), { ...B, host: '127.0.0.1', port: 2222 });
    });
});
