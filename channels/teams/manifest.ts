import { colorIcon, outlineIcon } from './icons.js';
import { storedZip } from './zip.js';

export interface ManifestOptions {
  /** The bot's Microsoft App ID (a GUID): the app's id and the bot's id. */
  readonly appId: string;
  /** The app's short name in Teams (at most 30 characters). */
  readonly name: string;
  /** The developer's website (https), also used for the privacy and terms links. */
  readonly websiteUrl: string;
  readonly version?: string;
}

const accent: readonly [number, number, number] = [0x3f, 0x6e, 0x5a];
const hex = (rgb: readonly number[]) =>
  `#${rgb
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()}`;

/** A Teams app manifest (schema 1.17) for the bot in personal chats and team channels. */
export function teamsManifest(options: ManifestOptions): Record<string, unknown> {
  const site = options.websiteUrl.replace(/\/+$/, '');
  return {
    $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json',
    manifestVersion: '1.17',
    version: options.version ?? '1.0.0',
    id: options.appId,
    developer: {
      name: options.name,
      websiteUrl: site,
      privacyUrl: `${site}/privacy`,
      termsOfUseUrl: `${site}/terms`,
    },
    name: { short: options.name, full: `${options.name} help desk` },
    description: {
      short: 'Answers from the knowledge base; hands you to a person when needed.',
      full: 'Ask a question in your own words: the bot answers from the help center, files a ticket, or brings in a person from the support team.',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: hex(accent),
    bots: [
      { botId: options.appId, scopes: ['personal', 'team'], supportsFiles: false, isNotificationOnly: false },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [],
  };
}

/** The app package to sideload: manifest.json, color.png (192×192) and outline.png (32×32), zipped. */
export function teamsAppPackage(options: ManifestOptions): Buffer {
  return storedZip([
    {
      name: 'manifest.json',
      data: Buffer.from(`${JSON.stringify(teamsManifest(options), null, 2)}\n`, 'utf8'),
    },
    { name: 'color.png', data: colorIcon(accent) },
    { name: 'outline.png', data: outlineIcon() },
  ]);
}
