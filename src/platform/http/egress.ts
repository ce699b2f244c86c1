import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

/**
 * The egress guard: outgoing requests whose destination a user chose (Slack and webhook URLs) must not
 * reach opsdeck's own network (cloud metadata at 169.254.169.254, the database, admin consoles on
 * loopback). Every address a host resolves to is checked, and the connection is then made to the checked
 * address itself (see egress-request.ts), so a DNS answer that changes between check and connect (DNS
 * rebinding) cannot slip through.
 */

/** Why a destination was refused; its message names the host and the kind of address, never the URL. */
export class EgressRefusedError extends Error {
  override name = "EgressRefusedError";
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses; injectable so tests need no DNS. */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export interface EgressPolicy {
  /** Config.egressAllow: host names, addresses or CIDR ranges that may be reached although private. */
  allow: readonly string[];
  resolve?: Resolver;
}

interface Cidr {
  family: 4 | 6;
  bytes: number[];
  prefix: number;
}

const denied: { cidr: Cidr; why: string }[] = [
  ["0.0.0.0/8", "unspecified"],
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "carrier-grade NAT"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "IETF protocol assignment"],
  ["192.168.0.0/16", "private"],
  ["198.18.0.0/15", "benchmarking"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"],
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  ["100::/64", "discard"],
  ["fc00::/7", "unique local (private)"],
  ["fe80::/10", "link-local"],
  ["fec0::/10", "site-local"],
  ["ff00::/8", "multicast"],
].map(([text, why]) => ({ cidr: parseCidrOrThrow(text as string), why: why as string }));

/** 16 bytes of an IPv6 address (zone id dropped, embedded dotted quad allowed), or null. */
function ipv6Bytes(text: string): number[] | null {
  const address = text.replace(/%.*$/, "");
  if (isIP(address) !== 6) return null;
  let head = address;
  const tail: number[] = [];
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (quad) {
    head = `${address.slice(0, quad.index)}0:0`;
    tail.push(...quad.slice(1, 5).map(Number));
  }
  const [left = "", right] = head.split("::");
  const groups = (s: string) => (s === "" ? [] : s.split(":").map((g) => Number.parseInt(g, 16)));
  const l = groups(left);
  const r = right === undefined ? [] : groups(right);
  const words = [...l, ...new Array(8 - l.length - r.length).fill(0), ...r];
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (quad) bytes.splice(12, 4, ...tail);
  return bytes;
}

function ipBytes(address: string): { family: 4 | 6; bytes: number[] } | null {
  if (isIP(address) === 4) return { family: 4, bytes: address.split(".").map(Number) };
  const v6 = ipv6Bytes(address);
  return v6 ? { family: 6, bytes: v6 } : null;
}

function parseCidr(text: string): Cidr | null {
  const [addr = "", prefixText] = text.split("/");
  const ip = ipBytes(addr);
  if (!ip) return null;
  const max = ip.family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { ...ip, prefix };
}

function parseCidrOrThrow(text: string): Cidr {
  const cidr = parseCidr(text);
  if (!cidr) throw new Error(`not a CIDR range: ${text}`);
  return cidr;
}

function contains(cidr: Cidr, ip: { family: 4 | 6; bytes: number[] }): boolean {
  if (cidr.family !== ip.family) return false;
  for (let bit = 0; bit < cidr.prefix; bit++) {
    const i = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((cidr.bytes[i] ?? 0) & mask) !== ((ip.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

/**
 * An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 host on a dual-stack socket, so it is judged as
 * that IPv4 address; v4-compatible, NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses also embed one.
 */
function embeddedIpv4(ip: { family: 4 | 6; bytes: number[] }): { family: 4; bytes: number[] } | null {
  if (ip.family !== 6) return null;
  const b = ip.bytes;
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return { family: 4, bytes: b.slice(12, 16) };
  if (zeros(0, 12) && !zeros(12, 16)) return { family: 4, bytes: b.slice(12, 16) };
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12))
    return { family: 4, bytes: b.slice(12, 16) };
  if (b[0] === 0x20 && b[1] === 0x02) return { family: 4, bytes: b.slice(2, 6) };
  return null;
}

/** Why an address must not be reached (e.g. "loopback"), or null for a public address. */
export function forbiddenReason(address: string): string | null {
  const ip = ipBytes(address);
  if (!ip) return "not an IP address";
  for (const candidate of [ip, embeddedIpv4(ip)]) {
    if (!candidate) continue;
    const hit = denied.find((d) => contains(d.cidr, candidate));
    if (hit) return hit.why;
  }
  return null;
}

/** Config.egressAllow split into host names and address ranges. */
export interface AllowList {
  hosts: Set<string>;
  ranges: Cidr[];
}

const normalHost = (host: string) =>
  host
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");

export function parseAllowList(entries: readonly string[]): AllowList {
  const list: AllowList = { hosts: new Set(), ranges: [] };
  for (const entry of entries) {
    const cidr = parseCidr(normalHost(entry));
    if (cidr) list.ranges.push(cidr);
    else list.hosts.add(normalHost(entry));
  }
  return list;
}

function addressAllowed(list: AllowList, address: string): boolean {
  const ip = ipBytes(address);
  if (!ip) return false;
  const mapped = embeddedIpv4(ip);
  // A mapped address is the IPv4 host itself, so an IPv4 range allows it too.
  const forms = mapped && ip.bytes[10] === 0xff ? [ip, mapped] : [ip];
  return list.ranges.some((r) => forms.some((f) => contains(r, f)));
}

const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/**
 * The address to connect to for `url`, after checking every address its host resolves to. Refuses
 * (EgressRefusedError) schemes other than http(s), hosts that resolve to nothing, and any private,
 * loopback, link-local, CGNAT, unspecified or multicast address, unless the host or the address is
 * allowed by the policy. One bad address refuses the whole host: a mixed answer is a rebinding attempt
 * or a misconfiguration, and connecting to "the good one" would depend on resolver order.
 */
export async function checkDestination(url: URL, policy: EgressPolicy): Promise<ResolvedAddress> {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new EgressRefusedError(`only http and https destinations are allowed, not ${url.protocol}`);
  const host = normalHost(url.hostname);
  const allow = parseAllowList(policy.allow);
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await (policy.resolve ?? systemResolver)(host);
    } catch (error) {
      const code = (error as { code?: string }).code ?? "lookup failed";
      throw new Error(`cannot resolve ${host}: ${code}`);
    }
  }
  const first = addresses[0];
  if (!first) throw new Error(`cannot resolve ${host}: no addresses`);
  if (allow.hosts.has(host)) return first;
  for (const a of addresses) {
    const why = forbiddenReason(a.address);
    if (why && !addressAllowed(allow, a.address))
      throw new EgressRefusedError(
        `refused to connect to ${host}: it resolves to ${a.address} (${why}); allow it with OPSDECK_EGRESS_ALLOW`,
      );
  }
  return first;
}
