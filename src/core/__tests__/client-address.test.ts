import type { IncomingMessage } from 'node:http';
import { clientAddressOf, clientAddressResolver, UNKNOWN_ADDRESS } from '../client-address';

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

describe('clientAddressResolver', () => {
  const requestOn = (socket: { remoteAddress?: string }, forwardedFor?: string) =>
    ({ socket, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

  it('with no trusted proxy, gives each socket its own normalised address, and ignores X-Forwarded-For on every request', () => {
    const addressOf = clientAddressResolver(0);
    const first = { remoteAddress: '::ffff:10.0.0.1' };
    const second = { remoteAddress: 'FE80::1' };
    expect(addressOf(requestOn(first))).toBe('10.0.0.1');
    expect(addressOf(requestOn(second, '1.2.3.4'))).toBe('fe80::1');
    expect(addressOf(requestOn(first, '1.2.3.4'))).toBe('10.0.0.1');
    expect(addressOf(requestOn(second))).toBe('fe80::1');
  });

  it('does not remember a socket that had no address yet', () => {
    const addressOf = clientAddressResolver(0);
    const socket: { remoteAddress?: string } = {};
    expect(addressOf(requestOn(socket))).toBe(UNKNOWN_ADDRESS);
    socket.remoteAddress = '10.0.0.2';
    expect(addressOf(requestOn(socket))).toBe('10.0.0.2');
  });

  it('behind a trusted proxy, reads X-Forwarded-For on every request of a connection (a proxy multiplexes clients)', () => {
    const addressOf = clientAddressResolver(1);
    const proxy = { remoteAddress: '10.0.0.9' };
    expect(addressOf(requestOn(proxy, '203.0.113.5'))).toBe('203.0.113.5');
    expect(addressOf(requestOn(proxy, '198.51.100.7'))).toBe('198.51.100.7');
  });
});
