import { DEFAULT_MAX_CONSUMER_LAG, maxConsumerLagFrom } from './nats-consumer-lag';

describe('READY_MAX_CONSUMER_LAG', () => {
  it('defaults when unset or empty, reads a count, and 0 turns the bound off', () => {
    expect(maxConsumerLagFrom({})).toBe(DEFAULT_MAX_CONSUMER_LAG);
    expect(maxConsumerLagFrom({ READY_MAX_CONSUMER_LAG: '' })).toBe(DEFAULT_MAX_CONSUMER_LAG);
    expect(maxConsumerLagFrom({ READY_MAX_CONSUMER_LAG: '2500' })).toBe(2500);
    expect(maxConsumerLagFrom({ READY_MAX_CONSUMER_LAG: '0' })).toBe(0);
  });

  it('refuses what is not a non-negative integer, so a typo stops the start-up', () => {
    for (const bad of ['-1', '1.5', 'ten', '1e3x']) {
      expect(() => maxConsumerLagFrom({ READY_MAX_CONSUMER_LAG: bad })).toThrow(/READY_MAX_CONSUMER_LAG/);
    }
  });
});
