import ipaddr from 'ipaddr.js';

/**
 * Internal hosts an operator explicitly lets outbound requests reach (a receiver on the same
 * network, tests on loopback). Entries are host names (matched exactly, case-insensitively) or
 * addresses and CIDR ranges (`127.0.0.1`, `10.0.0.0/8`, `::1/128`).
 */
export class AllowList {
  private readonly hosts = new Set<string>();
  private readonly ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];

  constructor(entries: readonly string[] = []) {
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase();
      if (!entry) continue;
      if (entry.includes('/')) this.ranges.push(ipaddr.parseCIDR(entry));
      else if (ipaddr.isValid(entry)) {
        const address = ipaddr.parse(entry);
        this.ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      } else this.hosts.add(entry.replace(/\.$/, ''));
    }
  }

  /** Throws on an entry that is neither a host name nor a valid address or CIDR range. */
  static parse(value: string): AllowList {
    const entries = value.split(',').filter((e) => e.trim());
    for (const entry of entries) {
      const e = entry.trim();
      if (e.includes('://')) throw new Error(`"${e}" is neither a host name nor an IP address`);
      if (e.includes('/') && !ipaddr.isValidCIDR(e)) throw new Error(`"${e}" is not a CIDR range`);
      if (!e.includes('/') && !/^[a-z0-9.:_-]+$/i.test(e))
        throw new Error(`"${e}" is neither a host name nor an IP address`);
    }
    return new AllowList(entries);
  }

  get isEmpty(): boolean {
    return this.hosts.size === 0 && this.ranges.length === 0;
  }

  allowsHost(host: string): boolean {
    return this.hosts.has(
      host
        .toLowerCase()
        .replace(/^\[|\]$/g, '')
        .replace(/\.$/, ''),
    );
  }

  allowsAddress(address: string): boolean {
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      parsed = ipaddr.process(address.replace(/^\[|\]$/g, ''));
    } catch {
      return false;
    }
    return this.ranges.some(([base, bits]) => {
      if (base.kind() !== parsed.kind()) return false;
      return parsed.match([base, bits] as never);
    });
  }
}
