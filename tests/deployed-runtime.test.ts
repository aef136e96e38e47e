import { bytesOfQuantity } from './helpers/deployed-runtime';

describe('bytesOfQuantity (Kubernetes memory quantities)', () => {
  it('reads binary and decimal suffixes and plain bytes', () => {
    expect(bytesOfQuantity('512Mi')).toBe(512 * 1024 * 1024);
    expect(bytesOfQuantity('1Gi')).toBe(1024 ** 3);
    expect(bytesOfQuantity('256Ki')).toBe(256 * 1024);
    expect(bytesOfQuantity('1G')).toBe(1e9);
    expect(bytesOfQuantity('1.5M')).toBe(1.5e6);
    expect(bytesOfQuantity('1048576')).toBe(1048576);
  });

  it('refuses what it does not read instead of guessing', () => {
    for (const quantity of ['512MB', '', 'Mi', '1e9', '-1Gi', '512 Mi'])
      expect(() => bytesOfQuantity(quantity)).toThrow(/not a memory quantity/);
  });
});
