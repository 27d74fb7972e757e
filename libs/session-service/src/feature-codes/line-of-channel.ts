/**
 * The device a channel belongs to: `SIP/1001-00000001` → `SIP/1001`. The channel name comes from
 * Asterisk and cannot be set by the caller, unlike the caller id; Local channels (no device) give
 * undefined, and the caller id (`Caller:` of the UserEvent) is used instead.
 */
export function lineOfChannel(channel: string): string | undefined {
  const match = /^((?:SIP|PJSIP|IAX2|DAHDI)\/.+)-[0-9a-fA-F]+$/.exec(channel);
  return match?.[1];
}
