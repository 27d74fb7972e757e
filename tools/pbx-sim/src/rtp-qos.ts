// chan_sip's RTP statistics variables, set on a SIP channel when it hangs up (one VarSet each).
// Values are shaped like the captured ones; nobody should read them.

const ZERO = '000.000000';

export function rtpQosVars(ssrc: number, packets: number): Array<[string, string]> {
  const qos = `ssrc=${ssrc};themssrc=0;lp=0;rxjitter=0.000000;rxcount=0;txjitter=0.000000;txcount=${packets};rlp=0;rtt=0.000000;rxmes=0.000000;txmes=0.000000`;
  return [
    ['RTPAUDIOQOS', qos],
    [
      'RTPAUDIOQOSJITTER',
      `minrxjitter=${ZERO};maxrxjitter=${ZERO};avgrxjitter=${ZERO};stdevrxjitter=${ZERO};mintxjitter=${ZERO};maxtxjitter=${ZERO};avgtxjitter=${ZERO};stdevtxjitter=${ZERO};`,
    ],
    [
      'RTPAUDIOQOSLOSS',
      `  minrxlost=${ZERO};  maxrxlost=${ZERO};  avgrxlost=${ZERO};  stdevrxlost=${ZERO};  mintxlost=${ZERO};  maxtxlost=${ZERO};  avgtxlost=${ZERO};  stdevtxlost=${ZERO};`,
    ],
    [
      'RTPAUDIOQOSRTT',
      `     minrtt=${ZERO};     maxrtt=${ZERO};     avgrtt=${ZERO};     stdevrtt=${ZERO};`,
    ],
    [
      'RTPAUDIOQOSMES',
      `   minrxmes=${ZERO};   maxrxmes=${ZERO};   avgrxmes=${ZERO};   stdevrxmes=${ZERO};   mintxmes=${ZERO};   maxtxmes=${ZERO};   avgtxmes=${ZERO};   stdevtxmes=${ZERO};`,
    ],
  ];
}
