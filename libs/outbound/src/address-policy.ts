import ipaddr from 'ipaddr.js';

/**
 * Why an outbound request to this IP address is refused, or null when it is a public unicast
 * address. Only ipaddr.js's `unicast` range passes: loopback, private, link-local (which holds the
 * cloud metadata address 169.254.169.254), CGNAT (100.64/10, e.g. Alibaba's metadata), multicast,
 * unspecified, broadcast, reserved and documentation ranges are refused, and so are the IPv6
 * ranges that embed an IPv4 address some gateway would reach for us (NAT64, 6to4, Teredo) — we
 * cannot tell cheaply whether the embedded address is private, so none of them is trusted.
 * An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries.
 */
export function refusalOf(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address.replace(/^\[|\]$/g, ''));
  } catch {
    return 'not an IP address';
  }
  const range = parsed.range();
  return range === 'unicast' ? null : range;
}

/**
 * The IP address a URL host denotes, if it is written as one, in any spelling a resolver or
 * browser accepts: `2130706433`, `0x7f.1`, `127.1`, `0177.0.0.1`, `[::ffff:127.0.0.1]`. Hosts
 * from WHATWG URLs are already normalized; this also covers hosts given without a URL.
 */
export function literalAddress(host: string): string | null {
  const bare = host.replace(/^\[|\]$/g, '');
  if (ipaddr.IPv6.isValid(bare)) return ipaddr.IPv6.parse(bare).toString();
  // ipaddr.js accepts the legacy inet_aton spellings (hex, octal, 1- to 4-part forms).
  if (ipaddr.IPv4.isValid(bare)) return ipaddr.IPv4.parse(bare).toString();
  return null;
}
