/**
 * The device a channel belongs to, the way Asterisk names devices (ast_channel_get_device_name:
 * the channel name up to its last `-`): `SIP/1001-00000003` → `SIP/1001`,
 * `PJSIP/1001-0000000a` → `PJSIP/1001`, and for a Local half `Local/811@from-agents-00000000;2`
 * → `Local/811@from-agents` (the device the captures' DeviceStateChange names). A name without a
 * `-<hex>` suffix is its own device.
 */
export function deviceOfChannel(channel: string): string {
  const match = /^(.+)-[0-9a-fA-F]+(?:;[12])?$/.exec(channel);
  return match?.[1] ?? channel;
}
