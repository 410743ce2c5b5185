import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NAT_RULE } from '../../../scripts/fixtures/recipes/lists';
import type { FixtureFile } from '../../../scripts/fixtures/recipe';
import { normalizeNewlines, stripWrapperBanner } from '../../../src/vbox/normalize';
import { parseHostInterfaces, parseInternalNetworks, parseNatNetworks, parseNatPortForward } from '../../../src/vbox/parsers/networks';

// Until test/support/fixtures.ts lands: the recorded call, stdout normalised as the runner does.
function loadFixture(name: string): FixtureFile {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'vboxmanage', 'lists', `${name}.json`), 'utf8')) as FixtureFile;
    return { ...file, stdout: stripWrapperBanner(normalizeNewlines(file.stdout)).text };
}

describe('(unit) parseHostInterfaces', () => {
    it('reads every bridged interface of the host with its addresses', () => {
        const { stdout } = loadFixture('bridgedifs');
        const interfaces = parseHostInterfaces(stdout);
        assert.ok(interfaces.length > 0);
        assert.equal(interfaces.length, stdout.match(/^Name:/gm)?.length);
        for (const nic of interfaces) {
            assert.match(nic.hardwareAddress ?? '', /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
            assert.match(nic.guid ?? '', /^[0-9a-f-]{36}$/);
            assert.equal(typeof nic.dhcp, 'boolean');
            assert.ok(['Up', 'Down', 'Unknown'].includes(nic.status ?? ''), nic.status);
            assert.equal(nic.vboxNetworkName, `HostInterfaceNetworking-${nic.name}`);
            assert.match(nic.ipAddress ?? '', /^\d+\.\d+\.\d+\.\d+$/);
        }
        const up = interfaces.find((nic) => nic.status === 'Up');
        assert.ok(up, 'the testbed has one interface up');
        assert.notEqual(up.ipAddress, '0.0.0.0');
        assert.ok(interfaces.some((nic) => nic.ipv6Address === undefined), 'an empty IPV6Address is absent, not ""');
    });

    it('reads the empty host-only list (no host-only driver on the testbed)', () => {
        const fixture = loadFixture('hostonlyifs');
        assert.equal(fixture.exitCode, 0);
        assert.deepEqual(parseHostInterfaces(fixture.stdout), []);
    });

    it('rejects an unknown label and a malformed DHCP value', () => {
        const { stdout } = loadFixture('bridgedifs');
        assert.throws(() => parseHostInterfaces(stdout.replace('Status:', 'Zustand:')), /Unexpected line.*Zustand/);
        assert.throws(() => parseHostInterfaces(stdout.replace(/^DHCP:( +)Disabled/m, 'DHCP:$1Aus')), /DHCP: Aus/);
    });
});

describe('(unit) parseNatNetworks', () => {
    it('reads no NAT networks from either command', () => {
        assert.deepEqual(parseNatNetworks(loadFixture('natnets-empty').stdout), []);
        const none = loadFixture('natnetwork-list-none');
        assert.match(none.stdout, /^0 networks found$/m);
        assert.deepEqual(parseNatNetworks(none.stdout), []);
    });

    it('reads one network in the short form (no Enabled line, no rules)', () => {
        const fixture = loadFixture('natnets-one');
        const networks = parseNatNetworks(fixture.stdout);
        assert.equal(networks.length, 1);
        const [net] = networks;
        assert.equal(net.name, `${fixture.names.nat}-a`);
        assert.equal(net.network, '10.0.9.0/24');
        assert.equal(net.gateway, '10.0.9.1');
        assert.equal(net.dhcp, true);
        assert.equal(net.ipv6, false);
        assert.equal(net.enabled, undefined);
        assert.deepEqual(net.portForwards4, []);
    });

    for (const name of ['natnets-one-long', 'natnetwork-list-one']) {
        it(`reads the long form with its port-forward rule (${name})`, () => {
            const fixture = loadFixture(name);
            const [net, ...rest] = parseNatNetworks(fixture.stdout);
            assert.equal(rest.length, 0);
            assert.equal(net.name, `${fixture.names.nat}-a`);
            assert.equal(net.enabled, true);
            assert.equal(net.dhcp, true);
            assert.deepEqual(net.portForwards4, [NAT_RULE]);
            assert.deepEqual(net.portForwards6, []);
            assert.deepEqual(net.loopbackMappings4, ['127.0.0.1=2']);
            assert.deepEqual(parseNatPortForward(net.portForwards4[0]), {
                name: 'ssh', protocol: 'tcp', hostIp: '', hostPort: 2222, guestIp: '10.0.9.5', guestPort: 22,
            });
        });
    }

    for (const name of ['natnets-two', 'natnets-two-long', 'natnetwork-list-two']) {
        it(`reads two networks, the second disabled with DHCP off and IPv6 on (${name})`, () => {
            const fixture = loadFixture(name);
            const networks = parseNatNetworks(fixture.stdout);
            assert.deepEqual(networks.map((n) => n.name), [`${fixture.names.nat}-a`, `${fixture.names.nat}-b`]);
            const [first, second] = networks;
            assert.equal(second.network, '10.0.10.0/24');
            assert.equal(second.gateway, '10.0.10.1');
            assert.equal(second.dhcp, false);
            assert.equal(second.ipv6, true);
            assert.match(second.ipv6Prefix ?? '', /::\/64$/);
            const long = name !== 'natnets-two';
            assert.equal(first.enabled, long ? true : undefined);
            assert.equal(second.enabled, long ? false : undefined);
            assert.deepEqual(first.portForwards4, long ? [NAT_RULE] : []);
            assert.deepEqual(second.portForwards4, []);
        });
    }

    it('checks the natnetwork list footer against the networks it read', () => {
        const { stdout } = loadFixture('natnetwork-list-two');
        const withoutSecond = stdout.replace(/^Name:[^\n]*-b\n[\s\S]*?\n\n/m, '');
        assert.throws(() => parseNatNetworks(withoutSecond), /reported 2 networks but 1 were read/);
    });

    it('rejects a record without its Network line and an unknown label', () => {
        const { stdout } = loadFixture('natnets-one-long');
        assert.throws(() => parseNatNetworks(stdout.replace(/^Network:.*\n/m, '')), /no "Network:" line/);
        assert.throws(() => parseNatNetworks(stdout.replace('Gateway:', 'Passerelle:')), /Unexpected line.*Passerelle/);
    });
});

describe('(unit) parseNatPortForward', () => {
    it('reads IPv6 rules, whose addresses contain colons, and rejects other shapes', () => {
        assert.deepEqual(parseNatPortForward('web6:udp:[::1]:8053:[fd17::5]:53'), {
            name: 'web6', protocol: 'udp', hostIp: '::1', hostPort: 8053, guestIp: 'fd17::5', guestPort: 53,
        });
        assert.throws(() => parseNatPortForward('ssh,tcp,,2222,,22'), /port-forwarding rule/);
        assert.throws(() => parseNatPortForward('ssh:tcp:[]:99999:[]:22'));
    });
});

describe('(unit) parseInternalNetworks', () => {
    it('reads the internal network names a VM registered, spaces included', () => {
        const fixture = loadFixture('intnets');
        const names = parseInternalNetworks(fixture.stdout);
        assert.deepEqual(names, [fixture.names.labnet, `${fixture.names.labnet} with spaces`]);
    });

    it('rejects a line that is not a Name line', () => {
        assert.throws(() => parseInternalNetworks('Nom:        x\n'), /Unexpected line/);
    });
});
