import { clientAddressOf } from '../client-address';

describe('clientAddressOf', () => {
  it('uses the socket address and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddressOf('203.0.113.7', '198.51.100.1', 0)).toBe('203.0.113.7');
    expect(clientAddressOf('::ffff:203.0.113.7', undefined, 0)).toBe('203.0.113.7');
    expect(clientAddressOf('2001:DB8::1', undefined, 0)).toBe('2001:db8::1');
    expect(clientAddressOf(undefined, undefined, 0)).toBe('unknown');
  });

  it('behind N trusted proxies, takes the address the outermost one saw, whatever the client wrote before it', () => {
    // client wrote "1.1.1.1"; the proxy (10.0.0.5, the socket peer) appended the client's real address.
    expect(clientAddressOf('10.0.0.5', '1.1.1.1, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientAddressOf('10.0.0.5', ['1.1.1.1', '203.0.113.7, 10.0.0.4'], 2)).toBe('203.0.113.7');
    expect(clientAddressOf('10.0.0.5', '203.0.113.7', 5)).toBe('203.0.113.7');
    expect(clientAddressOf('10.0.0.5', '::ffff:203.0.113.7', 1)).toBe('203.0.113.7');
  });

  it('does not trust an entry that is not an IP address', () => {
    expect(clientAddressOf('10.0.0.5', 'evil, <script>', 1)).toBe('10.0.0.5');
    expect(clientAddressOf('10.0.0.5', '', 1)).toBe('10.0.0.5');
  });
});
