// Feature codes dialled from a SIP phone, as in feature-code-sip-phone: the UserEvent with the
// channel snapshot, the Redirect that moves the held channel to an announcement, the hangup
// when no Redirect comes, and the phone's device/member status around the call.

import type { AmiMessage } from '@switchboard/ami';
import type { RedirectRecord } from './pbx';
import { PbxSimulator } from './simulator';
import { captureEvent, captureResponse } from './testing/captures';
import { AmiTestClient, headerNames } from './testing/ami-test-client';

describe('feature codes (over TCP)', () => {
  let sim: PbxSimulator;
  let client: AmiTestClient;

  beforeEach(async () => {
    sim = new PbxSimulator({ seed: 11, timing: { featureHoldMs: 300, playbackMs: 30 } });
    const { port } = await sim.start();
    client = await AmiTestClient.login(port);
  });

  afterEach(async () => {
    await client.close();
    await sim.stop();
  });

  /** Dial, and wait until the client has seen the UserEvent (the call then holds). */
  const dial = async (
    ext: string,
    code: string,
  ): Promise<{ channel: string; uniqueid: string }> => {
    const call = await sim.dialFeatureCode(ext, code);
    await client.waitForEvent('UserEvent', { Channel: call.channel });
    await client.waitForEvent('Newexten', { Channel: call.channel, Application: 'Wait' });
    return call;
  };

  it('raises the AgentFeature UserEvent with the captured headers', async () => {
    const from = client.mark();
    const { channel, uniqueid } = await sim.dialFeatureCode('1001', '811');
    expect(channel).toMatch(/^SIP\/1001-[0-9a-f]{8}$/);
    const user = await client.waitForEvent('UserEvent', {}, { from });

    const expected = captureEvent('feature-code-sip-phone', 'UserEvent');
    expect(headerNames(user)).toEqual(headerNames(expected));
    expect(user.toRecord()).toMatchObject({
      Privilege: 'user,all',
      Channel: channel,
      ChannelStateDesc: 'Up',
      CallerIDNum: '1001',
      CallerIDName: 'Agent One',
      Context: 'from-agents',
      Exten: '811',
      Uniqueid: uniqueid,
      Linkedid: uniqueid,
      UserEvent: 'AgentFeature',
      Code: '811',
      Caller: '1001',
    });
    expect(uniqueid).toMatch(/^\d{10}\.\d+$/);

    const created = client.events(from, 'Newchannel')[0] as AmiMessage;
    expect(headerNames(created)).toEqual(
      headerNames(captureEvent('feature-code-sip-phone', 'Newchannel')),
    );
    expect(created.toRecord()).toMatchObject({
      Channel: channel,
      ChannelStateDesc: 'Down',
      Exten: '811',
      CallerIDNum: '1001',
      CallerIDName: 'Agent One',
    });
    const states = client.events(from, 'Newstate').map((m) => m.get('ChannelStateDesc'));
    expect(states).toEqual(['Ring', 'Up']);
    const apps = client.events(from, 'Newexten').map((m) => m.get('Application'));
    expect(apps).toEqual(['NoOp', 'Answer', 'UserEvent', 'Wait']);
    const inUse = client
      .events(from, 'DeviceStateChange')
      .find((m) => m.get('Device') === 'SIP/1001');
    expect(inUse?.get('State')).toBe('INUSE');
  });

  it('keeps * and # of a code in the Exten and the Code field', async () => {
    const from = client.mark();
    await sim.dialFeatureCode('1001', '*35*1001*1234#');
    const user = await client.waitForEvent('UserEvent', {}, { from });
    expect(user.get('Code')).toBe('*35*1001*1234#');
    expect(user.get('Exten')).toBe('*35*1001*1234#');
  });

  it('a Redirect moves the held channel to the announcement, which then hangs up', async () => {
    const seen: RedirectRecord[] = [];
    sim.on('redirect', (r: RedirectRecord) => seen.push(r));
    const { channel } = await dial('1001', '811');
    const from = client.mark();
    const response = await client.action('Redirect', [
      ['Channel', channel],
      ['Context', 'from-agents'],
      ['Exten', 'gw-loginok'],
      ['Priority', '1'],
    ]);
    expect(response.get('Message')).toBe(
      captureResponse('feature-code-sip-phone', 'feature-code-sip-phone-4').get('Message'),
    );
    const hangup = await client.waitForEvent('Hangup', { Channel: channel }, { from });
    expect(headerNames(hangup)).toEqual(
      headerNames(captureEvent('feature-code-sip-phone', 'Hangup')),
    );
    expect(hangup.toRecord()).toMatchObject({
      Exten: 'gw-loginok',
      Cause: '16',
      'Cause-txt': 'Normal Clearing',
    });

    const after = client.messages.slice(from);
    const names = after.map((m) => m.get('Event') ?? `Response:${m.get('Response')}`);
    expect(names[0]).toBe('Response:Success');
    const newexten = client.events(from, 'Newexten');
    expect(newexten.map((m) => `${m.get('Exten')}/${m.get('Application')}`)).toEqual([
      'gw-loginok/NoOp',
      'gw-loginok/Playback',
      'gw-loginok/Hangup',
    ]);
    expect(newexten[1]?.get('AppData')).toBe('agent-loginok');
    const cdr = client.events(from, 'Cdr')[0] as AmiMessage;
    expect(headerNames(cdr)).toEqual(headerNames(captureEvent('feature-code-sip-phone', 'Cdr')));
    expect(cdr.toRecord()).toMatchObject({
      Destination: 'gw-loginok',
      DestinationChannel: '',
      Source: '1001',
    });
    expect(names.indexOf('SoftHangupRequest')).toBeLessThan(names.indexOf('Cdr'));
    expect(names.indexOf('Cdr')).toBeLessThan(names.indexOf('Hangup'));

    expect(sim.redirects).toHaveLength(1);
    expect(sim.redirects[0]).toMatchObject({
      channel,
      context: 'from-agents',
      exten: 'gw-loginok',
    });
    expect(seen).toHaveLength(1);
    expect(sim.calls()).toHaveLength(0);
  });

  it('refuses a Redirect of a channel that does not exist', async () => {
    const response = await client.action('Redirect', [
      ['Channel', 'SIP/9999-00000000'],
      ['Context', 'from-agents'],
      ['Exten', 'feature-done'],
      ['Priority', '1'],
    ]);
    expect(response.get('Response')).toBe('Error');
    expect(response.get('Message')).toBe(
      captureResponse('errors-after-login', 'errors-after-login-10').get('Message'),
    );
    expect(sim.redirects).toHaveLength(0);
  });

  it('without a Redirect the dialplan plays a beep and hangs up after the hold time', async () => {
    const { channel } = await dial('1002', '900');
    const from = client.mark();
    const hangup = await client.waitForEvent('Hangup', { Channel: channel }, { from: 0 });
    expect(hangup.get('Exten')).toBe('900');
    const apps = client
      .events(from, 'Newexten')
      .map((m) => `${m.get('Priority')}:${m.get('Application')}`);
    expect(apps).toEqual(['5:Playback', '6:Hangup']);
    const idle = client
      .events(from, 'DeviceStateChange')
      .find((m) => m.get('Device') === 'SIP/1002');
    expect(idle?.get('State')).toBe('NOT_INUSE');
  });

  it('a member on a feature call shows Status 2, then 1 when the call ends', async () => {
    const { channel } = await dial('1001', '811');
    const from = client.mark();
    await client.action('QueueAdd', [
      ['Queue', 'helpdesk'],
      ['Interface', 'Local/1001@agent-phones/n'],
      ['MemberName', 'Agent 1001'],
      ['StateInterface', 'SIP/1001'],
      ['Paused', 'false'],
    ]);
    const added = await client.waitForEvent('QueueMemberAdded', {}, { from });
    expect(added.get('Status')).toBe('2');
    await client.action('Redirect', [
      ['Channel', channel],
      ['Context', 'from-agents'],
      ['Exten', 'gw-loginok'],
      ['Priority', '1'],
    ]);
    const status = await client.waitForEvent('QueueMemberStatus', {}, { from });
    expect(status.get('Status')).toBe('1');
    const hangupAt = client.messages.findIndex(
      (m) => m.get('Event') === 'Hangup' && m.get('Channel') === channel,
    );
    expect(client.messages.indexOf(status)).toBeLessThan(hangupAt < 0 ? Infinity : hangupAt);
  });

  it('a phone that is not registered cannot dial', async () => {
    sim.unregisterPhone('1003');
    await expect(sim.dialFeatureCode('1003', '811')).rejects.toThrow(/not registered/);
    await expect(sim.dialFeatureCode('4242', '811')).rejects.toThrow(/no phone/);
  });

  it('Hangup of the feature channel ends it, and unknown channels get No such channel', async () => {
    const { channel } = await dial('1001', '811');
    const from = client.mark();
    const ok = await client.action('Hangup', [['Channel', channel]]);
    expect(ok.get('Message')).toBe('Channel Hungup');
    await client.waitForEvent('Hangup', { Channel: channel }, { from });
    const missing = await client.action('Hangup', [
      ['Channel', 'Local/nothing@nowhere-00000000;1'],
    ]);
    expect(missing.get('Message')).toBe(
      captureResponse('errors-after-login', 'errors-after-login-12').get('Message'),
    );
  });
});
