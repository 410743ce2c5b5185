import { strict as assert } from 'node:assert';
import { findRuleClash } from '../../../src/operations/network/portForwardRules';
import { runOperation } from '../../../src/operations/operation';
import { shrinkIssue } from '../../../src/operations/storage/resizeRules';
import { checkResourceLimits, readResourceLimitsOperation } from '../../../src/operations/vm/resourceLimits';
import { resourceLimitIssues } from '../../../src/operations/vm/resourceLimitRules';
import { isVBoxError } from '../../../src/vbox/errors';
import { replayVBoxManage, unitContext } from './support/replayVBoxManage';

const recorded = () =>
    replayVBoxManage([
        ['list systemproperties', 'lists/systemproperties'],
        ['list hostinfo', 'lists/hostinfo'],
    ]);

describe('(unit) resource limits: one cached read, one pure check', () => {
    it('reads the limits once per runner, for the UI and for the operations alike', async () => {
        const vbox = recorded();
        const limits = await runOperation(readResourceLimitsOperation, unitContext(vbox), {});
        assert.ok(limits.minCpus >= 1 && limits.maxCpus >= limits.minCpus && limits.maxCpus <= limits.hostCpus, JSON.stringify(limits));
        assert.ok(limits.maxMemoryMb <= limits.hostMemoryMb && limits.minVramMb <= limits.maxVramMb, JSON.stringify(limits));
        await runOperation(readResourceLimitsOperation, unitContext(vbox), {});
        await checkResourceLimits(unitContext(vbox), { cpus: limits.maxCpus, memoryMb: limits.minMemoryMb });
        assert.deepEqual(vbox.calls.map((call) => call.join(' ')), ['list systemproperties', 'list hostinfo']);
    });

    it('the operations refuse exactly what the pure check reports, naming the range', async () => {
        const vbox = recorded();
        const limits = await runOperation(readResourceLimitsOperation, unitContext(vbox), {});
        const request = { cpus: limits.hostCpus + 1, memoryMb: limits.minMemoryMb - 1, vramMb: limits.maxVramMb };
        const issues = resourceLimitIssues(limits, request);
        assert.deepEqual(issues.map((issue) => issue.field), ['cpus', 'memoryMb']);
        assert.match(issues[0].message, new RegExp(`${limits.hostCpus} logical CPUs`));
        await assert.rejects(checkResourceLimits(unitContext(vbox), request), (error: unknown) => {
            assert.ok(isVBoxError(error, 'INVALID_INPUT'));
            for (const issue of issues) assert.ok(error.message.includes(issue.message), error.message);
            return true;
        });
        assert.deepEqual(resourceLimitIssues(limits, { cpus: limits.minCpus, memoryMb: limits.maxMemoryMb, vramMb: limits.minVramMb }), []);
    });

    it('disks only grow; a rule clashes by name on its adapter and by host socket on any NAT adapter', () => {
        assert.match(shrinkIssue(100, 50) ?? '', /cannot shrink to 50 MB/);
        assert.equal(shrinkIssue(100, 100), undefined);
        const nics = [
            { slot: 1, attachment: 'nat', forwarding: [{ name: 'ssh', protocol: 'tcp', hostIp: '', hostPort: 2222 }] },
            { slot: 2, attachment: 'nat', forwarding: [{ name: 'web', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 }] },
        ];
        assert.equal(findRuleClash(nics, 1, { name: 'ssh', protocol: 'tcp', hostPort: 1 })?.field, 'name');
        assert.equal(findRuleClash(nics, 2, { name: 'ssh', protocol: 'tcp', hostPort: 1 }), undefined);
        assert.match(findRuleClash(nics, 2, { name: 'x', protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 2222 })?.message ?? '', /rule "ssh" on adapter 1/);
        assert.equal(findRuleClash(nics, 1, { name: 'x', protocol: 'udp', hostPort: 2222 }), undefined);
        assert.equal(findRuleClash(nics, 1, { name: 'x', protocol: 'tcp', hostIp: '127.0.0.2', hostPort: 8080 }), undefined);
        assert.equal(findRuleClash(nics, 1, { name: 'x', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 })?.field, 'hostPort');
    });
});
