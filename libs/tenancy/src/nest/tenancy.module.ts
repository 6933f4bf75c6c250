import { DynamicModule, InjectionToken, Module, ModuleMetadata, OptionalFactoryDependency, Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { OrgDirectory } from '../org/org-directory.port';
import { TokenVerifier } from '../tokens/token-verifier.port';
import { AuthGuard } from './auth.guard';
import { ORG_DIRECTORY, TOKEN_VERIFIER } from './injection-tokens';
import { RequestContextInterceptor } from './request-context.interceptor';

export interface TenancyModuleOptions {
  directory: OrgDirectory;
  verifier: TokenVerifier;
}

export interface TenancyModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  useFactory: (...args: never[]) => TenancyModuleOptions | Promise<TenancyModuleOptions>;
}

const TENANCY_OPTIONS = Symbol.for('kinship.tenancy.options');

/**
 * Global: provides `ORG_DIRECTORY` and `TOKEN_VERIFIER`, and registers the `AuthGuard` and the
 * `RequestContextInterceptor` for every route of the application.
 */
@Module({})
export class TenancyModule {
  static forRoot(options: TenancyModuleOptions): DynamicModule {
    return TenancyModule.build([{ provide: TENANCY_OPTIONS, useValue: options }]);
  }

  /** For when the directory or verifier must be built from other providers (configuration, discovery). */
  static forRootAsync(options: TenancyModuleAsyncOptions): DynamicModule {
    return TenancyModule.build(
      [{ provide: TENANCY_OPTIONS, useFactory: options.useFactory as (...args: unknown[]) => unknown, inject: options.inject ?? [] }],
      options.imports,
    );
  }

  private static build(optionsProviders: Provider[], imports: ModuleMetadata['imports'] = []): DynamicModule {
    return {
      module: TenancyModule,
      global: true,
      imports,
      providers: [
        ...optionsProviders,
        { provide: ORG_DIRECTORY, useFactory: (o: TenancyModuleOptions) => o.directory, inject: [TENANCY_OPTIONS] },
        { provide: TOKEN_VERIFIER, useFactory: (o: TenancyModuleOptions) => o.verifier, inject: [TENANCY_OPTIONS] },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
      ],
      exports: [ORG_DIRECTORY, TOKEN_VERIFIER],
    };
  }
}
