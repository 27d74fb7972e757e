import { isStoreUnavailable } from './store-unavailable';

const withCode = (code: unknown): Error => Object.assign(new Error('failed'), { code });

describe('isStoreUnavailable', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', '08006', '08003', '57P01', '53300', 'SQLITE_BUSY'])('says %s is the database being away', (code) => {
    expect(isStoreUnavailable(withCode(code))).toBe(true);
  });

  it.each(['23505', '22P02', '42P01', 'SQLITE_CONSTRAINT', 'ERR_SOMETHING'])('says %s is about the work, not the database', (code) => {
    expect(isStoreUnavailable(withCode(code))).toBe(false);
  });

  it('says no for errors without a string code', () => {
    expect(isStoreUnavailable(new Error('database away'))).toBe(false);
    expect(isStoreUnavailable(withCode(8006))).toBe(false);
    expect(isStoreUnavailable(null)).toBe(false);
    expect(isStoreUnavailable('ECONNREFUSED')).toBe(false);
  });
});
