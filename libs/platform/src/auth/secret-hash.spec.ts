import { hashSecret, isSecretHash, verifySecret } from './secret-hash';

describe('secret hashes', () => {
  it('verify the secret they were made from and nothing else', async () => {
    const hash = await hashSecret('1234');
    expect(hash).not.toContain('1234');
    expect(isSecretHash(hash)).toBe(true);
    await expect(verifySecret('1234', hash)).resolves.toBe(true);
    await expect(verifySecret('1235', hash)).resolves.toBe(false);
    await expect(verifySecret('', hash)).resolves.toBe(false);
  });

  it('are salted: one PIN hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashSecret('0000'), hashSecret('0000')]);
    expect(a).not.toBe(b);
    await expect(verifySecret('0000', b)).resolves.toBe(true);
  });

  it.each([
    '1234',
    'scrypt$16384$8$1$c2FsdHNhbHQ=',
    'bcrypt$16384$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==',
    // N not a power of two, and N so large it would cost gigabytes: refused, not computed.
    'scrypt$1000$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==',
    'scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA==',
  ])('never match a value that is not a usable hash: %p', async (stored) => {
    expect(isSecretHash(stored)).toBe(false);
    await expect(verifySecret('1234', stored)).resolves.toBe(false);
  });
});
