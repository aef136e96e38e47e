import { addressBucket, CachedHitThrottle, CredentialFailureThrottle } from '../address-throttles';
import { ConcurrencyLimiter } from '../concurrency-limiter';
import { WindowCounters } from '../window-counters';

const T0 = 1_800_000_000_000;

describe('WindowCounters', () => {
  it('adds within the limit, refuses without charging what would exceed it, and starts over when the window ends', () => {
    const counters = new WindowCounters({ windowMs: 60_000 });
    expect(counters.addWithin('a', 600, 1000, T0)).toEqual({ added: true, used: 600, resetAt: T0 + 60_000 });
    expect(counters.addWithin('a', 500, 1000, T0 + 1)).toEqual({ added: false, used: 600, resetAt: T0 + 60_000 });
    expect(counters.addWithin('a', 400, 1000, T0 + 2)).toEqual({ added: true, used: 1000, resetAt: T0 + 60_000 });
    expect(counters.addWithin('b', 1, 1000, T0 + 3).used).toBe(1);
    expect(counters.current('a', T0 + 59_999).used).toBe(1000);
    expect(counters.addWithin('a', 700, 1000, T0 + 60_000)).toEqual({ added: true, used: 700, resetAt: T0 + 120_000 });
  });

  it('forgets the least recently used key beyond maxKeys, so hostile addresses cannot grow it', () => {
    const counters = new WindowCounters({ windowMs: 60_000, maxKeys: 2 });
    counters.add('a', 5, T0);
    counters.add('b', 5, T0);
    counters.add('c', 5, T0);
    expect(counters.current('a', T0).used).toBe(0);
    expect(counters.current('c', T0).used).toBe(5);
  });
});

describe('addressBucket', () => {
  it('keeps IPv4 addresses and puts IPv6 addresses in their /64', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('2001:db8:85a3:0042:1000:8a2e:0370:7334')).toBe('2001:db8:85a3:42::/64');
    expect(addressBucket('2001:DB8:85A3:42::1')).toBe('2001:db8:85a3:42::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBucket('unknown')).toBe('unknown');
  });
});

describe('CachedHitThrottle', () => {
  it('allows hitsPerSecond hits per address and second, each address on its own', () => {
    const throttle = new CachedHitThrottle(3);
    const allowed = (address: string, at: number) => throttle.allowCachedHit(address, at);
    expect([allowed('10.0.0.1', T0), allowed('10.0.0.1', T0), allowed('10.0.0.1', T0 + 10), allowed('10.0.0.1', T0 + 20)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(allowed('10.0.0.2', T0 + 20)).toBe(true);
    // Two addresses of one /64 share a count.
    expect([allowed('2001:db8::1', T0), allowed('2001:db8::2', T0), allowed('2001:db8::3', T0), allowed('2001:db8::4', T0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(allowed('10.0.0.1', T0 + 1_000)).toBe(true);
  });
});

describe('CredentialFailureThrottle', () => {
  it('blocks an address after maxFailures within the window, for what is left of it', () => {
    const throttle = new CredentialFailureThrottle(2, 300);
    throttle.recordFailure('10.0.0.1', T0);
    expect(throttle.blockedForSeconds('10.0.0.1', T0 + 1_000)).toBe(0);
    throttle.recordFailure('10.0.0.1', T0 + 1_000);
    expect(throttle.blockedForSeconds('10.0.0.1', T0 + 1_000)).toBe(299);
    expect(throttle.blockedForSeconds('10.0.0.2', T0 + 1_000)).toBe(0);
    expect(throttle.blockedForSeconds('10.0.0.1', T0 + 300_000)).toBe(0);
  });
});

describe('ConcurrencyLimiter', () => {
  it('gives each key maxInFlight slots and takes them back on release', () => {
    const limiter = new ConcurrencyLimiter(2);
    expect([limiter.tryAcquire('a'), limiter.tryAcquire('a'), limiter.tryAcquire('a')]).toEqual([true, true, false]);
    expect(limiter.tryAcquire('b')).toBe(true);
    limiter.release('a');
    expect(limiter.count('a')).toBe(1);
    expect(limiter.tryAcquire('a')).toBe(true);
    limiter.release('a');
    limiter.release('a');
    expect(limiter.count('a')).toBe(0);
    expect(() => new ConcurrencyLimiter(0)).toThrow(/positive integer/);
  });
});
