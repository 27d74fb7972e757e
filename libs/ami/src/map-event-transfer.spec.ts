import { AmiMessage } from './ami-message';
import { AmiFrameParser } from './frame-parser';
import { mapAmiEvent } from './map-event';
import { captureBytes } from './testing/captures';

/** The spontaneous events of a real capture, in AMI order. */
function events(name: string, event: string): AmiMessage[] {
  return new AmiFrameParser()
    .push(captureBytes(name))
    .flatMap((f) => (f.kind === 'message' && f.message.kind === 'event' ? [f.message] : []))
    .filter((m) => m.get('Event') === event);
}

describe('mapAmiEvent: transfers from the real captures', () => {
  it('BlindTransfer of the member leg in the queue’s bridge (queue-call-transfer, call 1)', () => {
    const [fromBridge] = events('queue-call-transfer', 'BlindTransfer');
    expect(mapAmiEvent(fromBridge as AmiMessage)).toEqual({
      type: 'CallTransferred',
      data: {
        kind: 'blind',
        result: 'Success',
        transferer: {
          channel: 'Local/1001@agent-phones-00000001;1',
          uniqueid: '1795337399.6',
          linkedid: '1795337398.4',
          device: 'Local/1001@agent-phones',
        },
        transferee: {
          channel: 'Local/s@inbound-00000000;2',
          uniqueid: '1795337398.5',
          linkedid: '1795337398.4',
          device: 'Local/s@inbound',
        },
        isExternal: true,
        context: 'transfer-target',
        exten: '1003',
      },
    });
  });

  it('BlindTransfer of the agent’s own SIP channel, outside the queue’s bridge (call 2)', () => {
    const [, fromHandset] = events('queue-call-transfer', 'BlindTransfer');
    expect(mapAmiEvent(fromHandset as AmiMessage)).toEqual({
      type: 'CallTransferred',
      data: {
        kind: 'blind',
        result: 'Success',
        transferer: { channel: 'SIP/1001-00000006', uniqueid: '1795337414.14', linkedid: '1795337413.10', device: 'SIP/1001' },
        transferee: {
          channel: 'Local/1001@agent-phones-00000003;2',
          uniqueid: '1795337414.13',
          linkedid: '1795337413.10',
          device: 'Local/1001@agent-phones',
        },
        isExternal: true,
        context: 'transfer-target',
        exten: '1003',
      },
    });
    expect(events('queue-call-transfer', 'BlindTransfer')).toHaveLength(2);
    expect(events('queue-call-transfer', 'AttendedTransfer')).toHaveLength(0);
  });

  it('AttendedTransfer: OrigTransferer and SecondTransferer, no TransferTarget, no context (queue-call-attended-transfer)', () => {
    const [attended] = events('queue-call-attended-transfer', 'AttendedTransfer');
    expect(attended?.get('TransferTargetChannel')).toBeUndefined();
    const member = {
      channel: 'Local/1001@agent-phones-00000046;1',
      uniqueid: '1795337777.190',
      linkedid: '1795337777.188',
      device: 'Local/1001@agent-phones',
    };
    expect(mapAmiEvent(attended as AmiMessage)).toEqual({
      type: 'CallTransferred',
      data: {
        kind: 'attended',
        result: 'Success',
        transferer: member,
        secondTransferer: member,
        transferee: {
          channel: 'Local/s-xfer@inbound-00000045;2',
          uniqueid: '1795337777.189',
          linkedid: '1795337777.188',
          device: 'Local/s-xfer@inbound',
        },
        isExternal: false,
        destType: 'Bridge',
      },
    });
  });

  it('keeps a failed transfer’s Result for the readers to skip', () => {
    const [call1] = events('queue-call-transfer', 'BlindTransfer');
    const failed = new AmiMessage((call1 as AmiMessage).fields.map(([k, v]) => [k, k === 'Result' ? 'Not Permitted' : v]));
    expect(mapAmiEvent(failed)).toMatchObject({ type: 'CallTransferred', data: { kind: 'blind', result: 'Not Permitted' } });
  });
});
