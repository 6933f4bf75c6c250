import { Global, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Role } from '@kinship/contracts';
import { createHttpApp } from '@kinship/http';
import { createLogger, HealthRegistry, Metrics } from '@kinship/observability';
import { SharedSecretTokenVerifier, sharedSecretFromConfig, TenancyModule, TokenIssuer } from '@kinship/tenancy';
import { HeadPositionSource } from '../projection/projection-runner';
import { ProjectionsModule } from '../projections.module';
import {
  DEAD_LETTER_STORE,
  DOCUMENT_STORE,
  EVENT_STORE,
  KEYED_HASHER,
  MESSAGE_BUS,
  PERSONAL_DATA_CIPHER,
} from '../projections.tokens';
import { TestInfrastructure } from './registry-fixture';

export interface ProjectionsTestApp {
  app: NestFastifyApplication;
  /** A bearer token for a user of that role at that org unit. */
  token(role: Role, orgUnitId: string, userId?: string): Promise<string>;
  close(): Promise<void>;
}

/** The projections module as the platform mounts it: real tokens, real stores, Fastify. */
export async function openProjectionsApp(
  infra: TestInfrastructure,
  options: {
    readYourWritesTimeoutMs?: number;
    /** What the module reads the head of the log from instead of the event store (as Kafka's head in distributed mode). */
    head?: HeadPositionSource;
  } = {},
): Promise<ProjectionsTestApp> {
  const secret = sharedSecretFromConfig('projections-test-secret-of-at-least-32-bytes');
  const issuer = new TokenIssuer({ secret });

  @Global()
  @Module({
    providers: [
      { provide: DOCUMENT_STORE, useValue: infra.documents },
      { provide: MESSAGE_BUS, useValue: infra.bus },
      { provide: DEAD_LETTER_STORE, useValue: infra.deadLetters },
      { provide: EVENT_STORE, useValue: options.head ?? infra.events },
      { provide: PERSONAL_DATA_CIPHER, useValue: infra.cipher },
      { provide: KEYED_HASHER, useValue: infra.hasher },
    ],
    exports: [DOCUMENT_STORE, MESSAGE_BUS, DEAD_LETTER_STORE, EVENT_STORE, PERSONAL_DATA_CIPHER, KEYED_HASHER],
  })
  class TestInfrastructureModule {}

  @Module({
    imports: [
      TenancyModule.forRoot({ directory: infra.org, verifier: new SharedSecretTokenVerifier({ secret }) }),
      TestInfrastructureModule,
      ProjectionsModule.forRoot({ readYourWritesTimeoutMs: options.readYourWritesTimeoutMs ?? 2000 }),
    ],
  })
  class TestRootModule {}

  const app = await createHttpApp(TestRootModule, {
    logger: createLogger({ name: 'projections-test', level: 'silent' }),
    title: 'Kinship projections',
    version: 'test',
    metrics: new Metrics(),
    health: new HealthRegistry(),
    shutdownHooks: false,
  });
  return {
    app,
    token: (role, orgUnitId, userId = `${role}-at-${orgUnitId}`) => issuer.issueDevToken({ sub: userId, role, org: orgUnitId }),
    close: () => app.close(),
  };
}
