import assert from 'node:assert/strict'
import { test } from 'node:test'
import { truncateIp } from './client-ip.js'

test('client-ip: addresses are reduced to their /24 or /48 network', () => {
  const cases: [string, string][] = [
    ['203.0.113.57', '203.0.113.0/24'],
    ['::ffff:198.51.100.7', '198.51.100.0/24'],
    ['2001:db8:85a3:7:8a2e:370:7334:1', '2001:db8:85a3::/48'],
    ['2001:DB8:85A3:FFFF::9', '2001:db8:85a3::/48'],
    ['2001:db8::1', '2001:db8::/48'],
    ['fe80::1%eth0', 'fe80::/48'],
    [' 192.0.2.1 ', '192.0.2.0/24'],
  ]
  for (const [address, prefix] of cases) assert.equal(truncateIp(address), prefix, address)
})

test('client-ip: anything that is not an address is "unknown"', () => {
  for (const value of ['', 'unknown', 'example.org', '1.2.3.4.5', '2001:db8::g', '<script>']) assert.equal(truncateIp(value), 'unknown', value)
})
