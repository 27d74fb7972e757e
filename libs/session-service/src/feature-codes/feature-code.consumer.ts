import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { TransientError, type Bus, type Consumer } from '@switchboard/bus';
import { consumers, isPbxEvent, subjects } from '@switchboard/contracts';
import { BUS, HealthRegistry } from '@switchboard/platform';
import { FeatureCodeHandler } from './feature-code.handler';

/** Durable consumer of FeatureCodeDialed: acked once the decision is recorded and carried out. */
@Injectable()
export class FeatureCodeConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FeatureCodeConsumer.name);
  private consumer: Consumer | null = null;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    private readonly handler: FeatureCodeHandler,
    health: HealthRegistry,
  ) {
    health.register('feature-code-consumer', () => this.consumer?.health() ?? { ok: false, detail: 'not started' });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bus.consume<unknown>({
      durable: `${consumers.agentSession}-feature-codes`,
      filterSubject: subjects.pbxEventsOfType('FeatureCodeDialed'),
      handler: async (message) => {
        if (!isPbxEvent(message.data) || message.data.type !== 'FeatureCodeDialed') {
          throw new Error(`not a FeatureCodeDialed event of a known schema version on ${message.subject}`);
        }
        try {
          await this.handler.handle(message.data);
        } catch (error) {
          // A store or bus hiccup must not lose the login: retry the message later. (Rule
          // violations never throw here: they are decided as refusals.)
          throw new TransientError(`feature code not handled yet: ${(error as Error).message}`, 1000);
        }
      },
      onPoison: (message, error) =>
        this.logger.error(`feature-code event ${message.seq} dropped as poison: ${String(error)}`),
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = null;
  }
}
