import { InProcessBus } from './in-process-bus';
import { describeBusContract } from './testing/bus-contract';

describeBusContract('in process', async () => {
  const bus = new InProcessBus();
  return { bus, peer: bus, prefix: 'test', cleanup: () => bus.close() };
});
