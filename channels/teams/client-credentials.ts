import {
  AppCredentials,
  ServiceClientCredentialsFactory,
  type AuthenticatorResult,
} from 'botframework-connector';

/**
 * The bot's outgoing token from an OAuth 2.0 client-credentials endpoint of one's choosing (the
 * `TeamsEndpoints` of tests and the benchmark: a local token server). Production never uses it: there
 * botbuilder gets the token from Microsoft Entra ID through MSAL.
 */
class ClientCredentials extends AppCredentials {
  constructor(
    appId: string,
    private readonly secret: string,
    private readonly tokenUrl: string,
    scope: string,
  ) {
    super(appId, undefined, scope);
  }

  protected async refreshToken(): Promise<AuthenticatorResult> {
    const res = await fetch(this.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.appId,
        client_secret: this.secret,
        scope: `${this.oAuthScope}/.default`,
      }),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
    if (!res.ok || typeof body.access_token !== 'string')
      throw new Error(`The token endpoint answered ${res.status}.`);
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    return { accessToken: body.access_token, expiresOn: new Date(Date.now() + seconds * 1000) };
  }
}

export class ClientCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(
    private readonly appId: string,
    private readonly secret: string,
    private readonly tokenUrl: string,
  ) {
    super();
  }

  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }

  async createCredentials(appId: string, audience: string | undefined): Promise<AppCredentials> {
    if (appId !== this.appId) throw new Error('Invalid appId.');
    return new ClientCredentials(
      appId,
      this.secret,
      this.tokenUrl,
      audience ?? 'https://api.botframework.com',
    );
  }
}
