import { BlockList, isIP } from 'node:net'

/**
 * Which peers may tell us the client's address through X-Forwarded-For.
 * Believing any sender would let a client choose its own IP and slip past
 * every per-IP rate limit, so only proxies on this machine or on a private
 * network are trusted by default. `TRUSTED_PROXIES` (comma-separated
 * addresses or CIDRs) replaces the default, e.g. a load balancer's subnet.
 */
const PRIVATE_NETWORKS = ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '::1/128', 'fc00::/7']

export function trustedProxies(setting: string | undefined): (address: string) => boolean {
  const list = new BlockList()
  const entries = (setting ?? '').split(',').map((entry) => entry.trim()).filter(Boolean)
  for (const entry of entries.length ? entries : PRIVATE_NETWORKS) {
    const [address, bits] = entry.split('/')
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (!isIP(address)) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`)
    if (bits === undefined) list.addAddress(address, family)
    else list.addSubnet(address, Number(bits), family)
  }
  return (address: string) => {
    const mapped = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address
    const family = isIP(mapped)
    return family !== 0 && list.check(mapped, family === 6 ? 'ipv6' : 'ipv4')
  }
}
