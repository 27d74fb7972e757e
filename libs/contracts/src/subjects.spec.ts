import { PBX_EVENT_SCHEMA_VERSION, isPbxEvent } from './pbx-events';
import { streamNames } from './streams';
import { subjects } from './subjects';

describe('subjects', () => {
  it('puts the PBX id and the event type in the subject', () => {
    expect(subjects.pbxEvent('pbx1', 'FeatureCodeDialed')).toBe('pbx.pbx1.event.FeatureCodeDialed');
    expect(subjects.pbxAction('paris-2')).toBe('pbx.paris-2.action');
    expect(subjects.pbxEventsOfType('Hangup')).toBe('pbx.*.event.Hangup');
  });

  it.each(['pbx.1', 'pbx*', 'a>b', 'with space', ''])('refuses %j as a subject token', (token) => {
    expect(() => subjects.pbxEvent(token, 'Hangup')).toThrow(/not a valid subject token/);
  });
});

describe('stream names', () => {
  it('follows <category>-<id>', () => {
    expect(streamNames.agent('1001')).toBe('agent-1001');
    expect(streamNames.phone('SIP/1001')).toBe('phone-sip-1001');
  });
});

describe('isPbxEvent', () => {
  const event = {
    type: 'Hangup',
    data: {},
    metadata: { schemaVersion: PBX_EVENT_SCHEMA_VERSION, pbxId: 'pbx1', seq: 1, connectionId: 'c', occurredAt: '2026-11-23T00:00:00Z' },
  };

  it('accepts a known event of the current schema version', () => {
    expect(isPbxEvent(event)).toBe(true);
    // Added under version 1: readers of this release take it; older ones refuse it (readers first).
    expect(isPbxEvent({ ...event, type: 'CallTransferred' })).toBe(true);
  });

  it('refuses unknown types, other schema versions and non-objects', () => {
    expect(isPbxEvent({ ...event, type: 'Nope' })).toBe(false);
    expect(isPbxEvent({ ...event, metadata: { ...event.metadata, schemaVersion: 99 } })).toBe(false);
    expect(isPbxEvent(null)).toBe(false);
    expect(isPbxEvent('Hangup')).toBe(false);
  });
});
