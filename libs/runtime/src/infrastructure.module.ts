import { DynamicModule, Global, Module } from '@nestjs/common';
import { Infrastructure } from './infrastructure';

/**
 * Hands the adapters to every service module under the string tokens the services agree on (`EventStore`,
 * `DocumentStore`, ...): the one place that knows which adapter stands behind each port.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(infra: Infrastructure): DynamicModule {
    const providers = [
      { provide: 'EventStore', useValue: infra.events },
      { provide: 'MessageBus', useValue: infra.bus },
      { provide: 'DeadLetterStore', useValue: infra.deadLetters },
      { provide: 'DocumentStore', useValue: infra.documents },
      { provide: 'KeyStore', useValue: infra.keys },
      { provide: 'PersonalDataCipher', useValue: infra.cipher },
      { provide: 'KeyedHasher', useValue: infra.hasher },
    ];
    return { module: InfrastructureModule, providers, exports: providers.map((p) => p.provide) };
  }
}

