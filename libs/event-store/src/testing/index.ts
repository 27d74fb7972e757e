export { describeEventStoreContract, type EventStoreFixture } from './event-store-contract';
export {
  startEsdbFakeServer,
  type EsdbFakeServer,
  type EsdbFakeServerOptions,
  type FakeAppend,
  type FakeRead,
} from './esdb-fake-server';
