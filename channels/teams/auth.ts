import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';

/** The bot's Azure registration (MICROSOFT_APP_*); null = the Emulator's anonymous mode. */
export interface TeamsApp {
  readonly id: string;
  readonly password: string | undefined;
  readonly type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  readonly tenantId: string | undefined;
}

/**
 * Local stand-ins for Microsoft's endpoints (tests and the benchmark only): where incoming tokens' signing
 * keys are published (OpenID metadata with a JWKS), and how the bot gets its own outgoing token (MSAL
 * refuses any authority but Microsoft's, so a credentials factory replaces it). Production passes none.
 */
export interface TeamsEndpoints {
  readonly openIdMetadataUrl: string;
  readonly credentialsFactory: ServiceClientCredentialsFactory;
}

/** Microsoft's public-cloud values, set with a local OpenID URL: botbuilder needs all of them or none. */
const publicCloud = {
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  CallerId: 'urn:botframework:azure',
  ValidateAuthority: true,
} as const;

/**
 * botbuilder's authentication from the app settings. Incoming requests are checked against the Bot
 * Connector's signing keys (issuer, audience = the app id, the `serviceurl` claim, endorsements, 5 min
 * clock skew); outgoing calls carry the app's token. Without an app: anonymous (the Emulator).
 */
export function teamsAuthentication(
  app: TeamsApp | null,
  endpoints?: TeamsEndpoints,
): ConfigurationBotFrameworkAuthentication {
  const settings = app
    ? {
        MicrosoftAppId: app.id,
        MicrosoftAppPassword: app.password,
        MicrosoftAppType: app.type,
        MicrosoftAppTenantId: app.tenantId,
      }
    : {};
  if (!endpoints) return new ConfigurationBotFrameworkAuthentication(settings);
  return new ConfigurationBotFrameworkAuthentication(
    {
      ...settings,
      ...publicCloud,
      ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
    },
    endpoints.credentialsFactory,
  );
}
