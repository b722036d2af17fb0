import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { ClientCredentialsFactory } from '../../channels/teams/client-credentials.js';
import type { TeamsEndpoints } from '../../channels/teams/auth.js';

export const botFrameworkIssuer = 'https://api.botframework.com';

/** One activity the local connector accepted (or refused), with its route and JSON body. */
export interface ConnectorCall {
  readonly conversationId: string;
  readonly replyToId: string | null;
  readonly body: {
    type?: string;
    text?: string;
    textFormat?: string;
    replyToId?: string;
    attachments?: Array<{
      contentType: string;
      content: {
        buttons?: Array<{ type: string; title: string; value: { postback: string; label: string } }>;
      };
    }>;
  };
  readonly status: number;
}

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

async function signingKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' } };
}

/**
 * Local stand-ins for the Microsoft services a Teams bot talks to, on one port: the Bot Connector's OpenID
 * metadata and JWKS (a key endorsed for `msteams`), an OAuth client-credentials token endpoint for the
 * bot's own token, and the connector (`POST /v3/conversations/:id/activities[/:replyToId]`), which checks
 * that bearer token and records each activity. Tokens for incoming requests are signed with `channelToken`.
 */
export class BotFrameworkPeer {
  readonly calls: ConnectorCall[] = [];
  /** Called with each activity the connector accepts or refuses (the benchmark's clock). */
  onCall: ((call: ConnectorCall) => void) | null = null;
  /** The Emulator's connector: takes activities without a bearer token (anonymous mode). */
  anonymous = false;
  readonly appId = randomUUID();
  readonly appPassword = `secret-${randomUUID()}`;
  private readonly issued = new Set<string>();
  private readonly failures = new Map<string, number[]>();
  private key!: SigningKey;
  /** A key the JWKS does not publish (a forged signature under the published kid). */
  private foreign!: SigningKey;
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.key = await signingKey();
    this.foreign = await signingKey();
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const answer = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        const url = new URL(req.url ?? '/', 'http://peer.local');
        if (req.method === 'GET' && url.pathname === '/v1/.well-known/openidconfiguration')
          return answer(200, {
            issuer: botFrameworkIssuer,
            jwks_uri: `${this.url}/v1/.well-known/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
            token_endpoint_auth_methods_supported: ['private_key_jwt'],
          });
        if (req.method === 'GET' && url.pathname === '/v1/.well-known/keys')
          return answer(200, { keys: [{ ...this.key.jwk, endorsements: ['msteams'] }] });
        if (req.method === 'POST' && url.pathname === '/oauth2/token') {
          const form = new URLSearchParams(raw);
          if (form.get('client_id') !== this.appId || form.get('client_secret') !== this.appPassword)
            return answer(401, { error: 'invalid_client' });
          const token = `bot-${randomUUID()}`;
          this.issued.add(token);
          return answer(200, { token_type: 'Bearer', expires_in: 3600, access_token: token });
        }
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
        if (req.method !== 'POST' || !m) return answer(404, { error: { code: 'NotFound' } });
        const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (!this.anonymous && (!bearer || !this.issued.has(bearer)))
          return answer(401, { message: 'Authorization has been denied for this request.' });
        const conversationId = decodeURIComponent(m[1] ?? '');
        const status = this.failures.get(conversationId)?.shift() ?? 200;
        const body = JSON.parse(raw) as ConnectorCall['body'];
        const call = { conversationId, replyToId: m[2] ? decodeURIComponent(m[2]) : null, body, status };
        this.calls.push(call);
        this.onCall?.(call);
        if (status === 403)
          return answer(403, {
            error: {
              code: 'BotNotInConversationRoster',
              message: 'The bot is not part of the conversation roster.',
            },
          });
        if (status === 404)
          return answer(404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
        if (status === 503)
          return answer(503, { error: { code: 'ServiceUnavailable', message: 'Try again later.' } });
        answer(200, { id: randomUUID() });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The service URL activities carry (the connector's base, with its trailing slash). */
  get serviceUrl(): string {
    return `${this.url}/`;
  }

  /** What Frontdesk gets in place of Microsoft's endpoints. */
  endpoints(): TeamsEndpoints {
    return {
      openIdMetadataUrl: `${this.url}/v1/.well-known/openidconfiguration`,
      credentialsFactory: new ClientCredentialsFactory(
        this.appId,
        this.appPassword,
        `${this.url}/oauth2/token`,
      ),
    };
  }

  /** The next activities posted to this conversation get these statuses, in order (200: accepted). */
  fail(conversationId: string, ...statuses: Array<200 | 403 | 404 | 503>): void {
    this.failures.set(conversationId, [...(this.failures.get(conversationId) ?? []), ...statuses]);
  }

  /** Statuses still queued for a conversation are dropped: it accepts everything again. */
  clearFailures(conversationId: string): void {
    this.failures.delete(conversationId);
  }

  /** The messages (not typing) accepted for a conversation. */
  messagesTo(conversationId: string): ConnectorCall['body'][] {
    return this.calls
      .filter((c) => c.conversationId === conversationId && c.status === 200 && c.body.type === 'message')
      .map((c) => c.body);
  }

  /**
   * A Bot Connector token for a request to the bot, as the channel signs it: RS256 under the published key,
   * `iss` api.botframework.com, `aud` the app id, `serviceurl` the activity's. Options break one part.
   */
  async channelToken(
    options: {
      serviceUrl?: string;
      audience?: string;
      issuer?: string;
      /** Seconds from now (negative: already expired). */
      expiresIn?: number;
      forged?: boolean;
    } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresIn ?? 3600;
    return new SignJWT({ serviceurl: options.serviceUrl ?? this.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: this.key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? botFrameworkIssuer)
      .setAudience(options.audience ?? this.appId)
      .setIssuedAt(Math.min(now, now + expiresIn - 600))
      .setNotBefore(Math.min(now, now + expiresIn - 600))
      .setExpirationTime(now + expiresIn)
      .sign(options.forged ? this.foreign.privateKey : this.key.privateKey);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

let activityCounter = 0;

/** A Teams user in a tenant. */
export interface TeamsUser {
  readonly tenantId: string;
  readonly aadObjectId: string;
  readonly id: string;
  readonly name: string;
}

export function teamsUser(name = 'Ayşe Yılmaz'): TeamsUser {
  return { tenantId: randomUUID(), aadObjectId: randomUUID(), id: `29:${randomUUID()}`, name };
}

/** A message activity from a user in a personal chat with the bot (`a:` conversation ids are Teams'). */
export function personalMessage(
  peer: BotFrameworkPeer,
  user: TeamsUser,
  text: string | undefined,
  extra: Record<string, unknown> = {},
): TeamsActivity {
  return {
    type: 'message',
    id: `${Date.now()}${++activityCounter}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: peer.serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: `28:${peer.appId}`, name: 'Frontdesk' },
    conversation: {
      id: `a:personal-${user.aadObjectId}`,
      conversationType: 'personal',
      tenantId: user.tenantId,
    },
    channelData: { tenant: { id: user.tenantId } },
    locale: 'en-US',
    ...(text === undefined ? {} : { text }),
    ...extra,
  };
}

/** A message in a channel thread mentioning the bot (`<at>Frontdesk</at> text`), or not mentioning it. */
export function channelMessage(
  peer: BotFrameworkPeer,
  user: TeamsUser,
  thread: string,
  text: string,
  mention = true,
): TeamsActivity {
  const bot = { id: `28:${peer.appId}`, name: 'Frontdesk' };
  return {
    ...personalMessage(peer, user, mention ? `<at>Frontdesk</at> ${text}` : text),
    conversation: {
      id: `19:${thread}@thread.tacv2;messageid=${thread}`,
      conversationType: 'channel',
      tenantId: user.tenantId,
      isGroup: true,
    },
    channelData: {
      tenant: { id: user.tenantId },
      team: { id: '19:team@thread.tacv2' },
      channel: { id: `19:${thread}@thread.tacv2` },
    },
    entities: mention ? [{ type: 'mention', text: '<at>Frontdesk</at>', mentioned: bot }] : [],
  };
}

/** POSTs an activity to the bot's messaging endpoint with this Authorization header (none if null). */
export function postActivity(
  teamsUrl: string,
  activity: unknown,
  authorization: string | null,
): Promise<Response> {
  return fetch(`${teamsUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    body: JSON.stringify(activity),
  });
}

/** An activity as the tests build it. */
export type TeamsActivity = Record<string, unknown> & {
  id: string;
  conversation: { id: string; conversationType: string; tenantId: string; isGroup?: boolean };
};
