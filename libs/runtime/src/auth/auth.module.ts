import { Global, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import type { Environment } from '../config/environment';
import { AuthGuard } from './auth.guard';
import { resolveSigningSecret } from './signing-secret';
import {
  TOKEN_VERIFICATION_SETTINGS,
  TokenVerifier,
  type TokenVerificationSettings,
} from './token-verifier';

@Global()
@Module({
  providers: [
    {
      provide: TOKEN_VERIFICATION_SETTINGS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): TokenVerificationSettings => {
        const common = {
          issuer: config.get('JWT_ISSUER', { infer: true }),
          audience: config.get('JWT_AUDIENCE', { infer: true }),
          maxLifetimeSeconds: config.get('JWT_MAX_LIFETIME_SECONDS', { infer: true }),
          clockSkewSeconds: config.get('JWT_CLOCK_SKEW_SECONDS', { infer: true }),
        };
        const jwksUrl = config.get('JWT_JWKS_URL', { infer: true });
        const publicKey = config.get('JWT_PUBLIC_KEY', { infer: true });
        if (jwksUrl) return { ...common, jwksUrl };
        if (publicKey) return { ...common, rs256PublicKeyPem: publicKey.replace(/\\n/g, '\n') };
        const dataDir = config.get('DATA_DIR', { infer: true });
        const signing = resolveSigningSecret(dataDir, config.get('JWT_SECRET', { infer: true }));
        if (signing.source !== 'JWT_SECRET') {
          new Logger('Auth').log(
            `${signing.source === 'created' ? 'Created' : 'Using'} the embedded token secret ${signing.path}. ` +
              `Mint a token with: npm run token -- --sub alice --roles pmo,project-manager --programs '*'`,
          );
        }
        return { ...common, hs256Secret: signing.secret };
      },
    },
    TokenVerifier,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
