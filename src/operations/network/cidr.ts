/**
 * What VirtualBox accepts as a NAT network's IPv4 CIDR, checked before anything runs: a failed
 * `natnetwork add` leaves a network with the default 10.0.2.0/24 behind.
 */
export function cidrProblem(cidr: string): string | undefined {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
    if (!match) return 'must be an IPv4 network in CIDR notation, e.g. 10.0.5.0/24';
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((octet) => octet > 255)) return 'has an octet above 255';
    if (prefix < 1 || prefix > 30) return 'needs a prefix length from /1 to /30 (smaller networks leave no room for the gateway and a guest)';
    const address = octets.reduce((value, octet) => value * 256 + octet, 0);
    const hostBits = 2 ** (32 - prefix);
    if (address % hostBits !== 0) {
        const network = address - (address % hostBits);
        const dotted = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.');
        return `has host bits set: the network address for /${prefix} is ${dotted}/${prefix}`;
    }
    return undefined;
}
