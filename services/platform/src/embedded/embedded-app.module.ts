import { ProjectionsModule } from '@kinship/projections';
import { RegistryModule } from '@kinship/registry';
import { TenancyModule } from '@kinship/tenancy';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { EmbeddedInfrastructure } from './embedded-infrastructure';

/**
 * Hands the embedded adapters to every service module under the string tokens the services agree on
 * (`EventStore`, `DocumentStore`, ...): the only place that knows which adapter stands behind each port.
 */
@Global()
@Module({})
class EmbeddedInfrastructureModule {
  static forRoot(infra: EmbeddedInfrastructure): DynamicModule {
    const providers = [
      { provide: 'EventStore', useValue: infra.events },
      { provide: 'MessageBus', useValue: infra.bus },
      { provide: 'DeadLetterStore', useValue: infra.deadLetters },
      { provide: 'DocumentStore', useValue: infra.documents },
      { provide: 'KeyStore', useValue: infra.keys },
      { provide: 'PersonalDataCipher', useValue: infra.cipher },
      { provide: 'KeyedHasher', useValue: infra.hasher },
    ];
    return { module: EmbeddedInfrastructureModule, providers, exports: providers.map((p) => p.provide) };
  }
}

/** Every service present, in one process: the embedded default. */
@Module({})
export class EmbeddedAppModule {
  static forRoot(infra: EmbeddedInfrastructure, options: { districtId: string }): DynamicModule {
    return {
      module: EmbeddedAppModule,
      imports: [
        EmbeddedInfrastructureModule.forRoot(infra),
        TenancyModule.forRoot({ directory: infra.org, verifier: infra.verifier }),
        RegistryModule.forRoot({ districtId: options.districtId }),
        ProjectionsModule.forRoot(),
      ],
    };
  }
}
