import type { IncomingMessage } from 'node:http';
import { isIP, isIPv6, type Socket } from 'node:net';

/** The address of a request whose socket has none (it was closed before we asked). */
export const UNKNOWN_ADDRESS = 'unknown';

/**
 * The address of the client that sent a request. With `trustedProxies` = 0 it is the socket's peer:
 * `X-Forwarded-For` is written by the client and proves nothing. Behind N reverse proxies (TRUST_PROXY),
 * each proxy appends the address it received the request from, so the N-th address from the right of
 * "X-Forwarded-For entries + socket address" is the one the outermost trusted proxy saw; entries to its
 * left were written by the client. With fewer entries than that, the leftmost one is used. An entry
 * that is not an IP address (a proxy would never write one) is not trusted: the socket's address is used.
 */
export function clientAddressOf(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: number,
): string {
  const socket = socketAddress ? normaliseAddress(socketAddress) : UNKNOWN_ADDRESS;
  if (trustedProxies === 0) return socket;
  const hops = [...forwardedForEntries(forwardedFor), socket];
  const address = normaliseAddress(hops[Math.max(0, hops.length - 1 - trustedProxies)]);
  return isIP(address) ? address : socket;
}

function forwardedForEntries(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const text = Array.isArray(header) ? header.join(',') : header;
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is 10.0.0.1; IPv6 is lower-cased. */
function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  return isIPv6(address) ? address.toLowerCase() : address;
}

/**
 * `clientAddressOf` for requests, by the server's TRUST_PROXY. With no trusted proxy the address is the
 * socket's, the same for every request a keep-alive connection carries: worked out once per socket
 * (a response-cache hit asks on every request, and the normalisation was ~3 % of its CPU).
 */
export function clientAddressResolver(trustedProxies: number): (request: IncomingMessage) => string {
  if (trustedProxies > 0) {
    return (request) => clientAddressOf(request.socket.remoteAddress, request.headers['x-forwarded-for'], trustedProxies);
  }
  const addressBySocket = new WeakMap<Socket, string>();
  return ({ socket }) => {
    let address = addressBySocket.get(socket);
    if (address === undefined) {
      address = clientAddressOf(socket.remoteAddress, undefined, 0);
      // A socket closed before we asked has no address yet to remember.
      if (address !== UNKNOWN_ADDRESS) addressBySocket.set(socket, address);
    }
    return address;
  };
}
