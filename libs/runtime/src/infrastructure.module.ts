import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { Infrastructure, ReadSideInfrastructure } from './infrastructure';

/**
 * Hands the adapters to every service module under the string tokens the services agree on (`EventStore`,
 * `DocumentStore`, ...): the one place that knows which adapter stands behind each port. A process without an
 * event store of its own provides no `EventStore`; `LogHead` says how far the log goes in every process.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(infra: Infrastructure | ReadSideInfrastructure): DynamicModule {
    const providers: Provider[] = [
      ...('events' in infra ? [{ provide: 'EventStore', useValue: infra.events }] : []),
      { provide: 'LogHead', useValue: infra.head },
      { provide: 'MessageBus', useValue: infra.bus },
      { provide: 'DeadLetterStore', useValue: infra.deadLetters },
      { provide: 'DocumentStore', useValue: infra.documents },
      { provide: 'KeyStore', useValue: infra.keys },
      { provide: 'PersonalDataCipher', useValue: infra.cipher },
      { provide: 'KeyedHasher', useValue: infra.hasher },
    ];
    return { module: InfrastructureModule, providers, exports: providers.map((p) => (p as { provide: string }).provide) };
  }
}
