/** The default site: the captures' PBX and apps/agent-session/config/directory.yaml. */
export const defaultSite = {
  pbxId: 'pbx1',
  globalLoginNumber: '900',
  queues: [
    { name: 'helpdesk', loginNumber: '811' },
    { name: 'sales', loginNumber: '812' },
  ],
  agents: [
    { id: '1001', name: 'Agent One', line: 'SIP/1001', queues: ['helpdesk'] },
    { id: '1002', name: 'Agent Two', line: 'SIP/1002', queues: ['helpdesk', 'sales'] },
    { id: '1003', name: 'Agent Three', line: 'SIP/1003', queues: ['helpdesk', 'sales'] },
  ],
};
