/** The headers of a channel snapshot, in Asterisk's order: what every channel event carries. */
export const CHANNEL_SNAPSHOT_HEADERS = [
  'Channel',
  'ChannelState',
  'ChannelStateDesc',
  'CallerIDNum',
  'CallerIDName',
  'ConnectedLineNum',
  'ConnectedLineName',
  'Language',
  'AccountCode',
  'Context',
  'Exten',
  'Priority',
  'Uniqueid',
  'Linkedid',
];
