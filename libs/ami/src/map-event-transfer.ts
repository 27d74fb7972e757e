import type { CallTransferredData, TransferChannelRef } from '@switchboard/contracts';
import type { AmiMessage } from './ami-message';
import { deviceOfChannel } from './map-event-device';

/** The channel snapshot AMI writes under a prefix (`Transferer`, `OrigTransferer`, …). */
function transferChannel(m: AmiMessage, prefix: string): TransferChannelRef {
  const channel = m.get(`${prefix}Channel`) ?? '';
  return {
    channel,
    uniqueid: m.get(`${prefix}Uniqueid`) ?? '',
    linkedid: m.get(`${prefix}Linkedid`) ?? '',
    device: deviceOfChannel(channel),
  };
}

function yes(m: AmiMessage, name: string): boolean {
  return (m.get(name) ?? '').toLowerCase() === 'yes';
}

/**
 * AMI BlindTransfer → CallTransferred. In the queue-call-transfer capture: Result, Transferer* (the
 * channel the transfer was asked of), Transferee* (the party moved), Bridge*, IsExternal, and the
 * destination as Context and Extension.
 */
export function blindTransfer(m: AmiMessage): CallTransferredData {
  return {
    kind: 'blind',
    result: m.get('Result') ?? '',
    transferer: transferChannel(m, 'Transferer'),
    transferee: transferChannel(m, 'Transferee'),
    isExternal: yes(m, 'IsExternal'),
    context: m.get('Context') ?? '',
    exten: m.get('Extension') ?? '',
  };
}

/**
 * AMI AttendedTransfer → CallTransferred. In the queue-call-attended-transfer capture: Result,
 * OrigTransferer* and SecondTransferer* (the transferer's two channels, in the order their bridges
 * were made), the OrigBridge and SecondBridge snapshots, Transferee*, IsExternal, DestType and its Dest* detail.
 * No TransferTarget* block and no Context/Extension: where the caller went is the second call.
 */
export function attendedTransfer(m: AmiMessage): CallTransferredData {
  return {
    kind: 'attended',
    result: m.get('Result') ?? '',
    transferer: transferChannel(m, 'OrigTransferer'),
    secondTransferer: transferChannel(m, 'SecondTransferer'),
    transferee: transferChannel(m, 'Transferee'),
    isExternal: yes(m, 'IsExternal'),
    destType: m.get('DestType') ?? '',
  };
}
