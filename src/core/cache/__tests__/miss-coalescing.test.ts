import { MissCoalescer } from '../miss-coalescing';

describe('MissCoalescer', () => {
  it('lets later callers at the same epoch wait for the first, and gives them its result', async () => {
    const coalescer = new MissCoalescer<string>();
    const leader = coalescer.join('key', 'e1');
    const follower = coalescer.join('key', 'e1');
    expect(leader.joined).toBe(false);
    expect(follower.joined).toBe(true);
    if (leader.joined || !follower.joined) throw new Error('unreachable');
    leader.flight.settle('answer');
    await expect(follower.result).resolves.toBe('answer');
    expect(coalescer.size).toBe(0);
  });

  it('never joins a caller to a flight started at another epoch (a write came in between)', () => {
    const coalescer = new MissCoalescer<string>();
    const before = coalescer.join('key', 'e1');
    const after = coalescer.join('key', 'e2');
    expect(before.joined).toBe(false);
    expect(after.joined).toBe(false);
    // The newer flight is the one later callers at e2 join.
    expect(coalescer.join('key', 'e2').joined).toBe(true);
    expect(coalescer.join('key', 'e1').joined).toBe(false);
  });

  it('keeps the first outcome of a flight settled twice, and starts afresh once settled', async () => {
    const coalescer = new MissCoalescer<string>();
    const leader = coalescer.join('key', 'e1');
    const follower = coalescer.join('key', 'e1');
    if (leader.joined || !follower.joined) throw new Error('unreachable');
    leader.flight.settle(undefined);
    leader.flight.settle('late');
    await expect(follower.result).resolves.toBeUndefined();
    expect(coalescer.join('key', 'e1').joined).toBe(false);
  });
});
