import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { teamsAppPackage } from '../../channels/teams/manifest.js';
import type { Output } from './output.js';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `frontdesk teams manifest --app-id GUID [--name N] [--website https://…] [--out FILE.zip]`: writes the
 * Teams app package to sideload (manifest.json with the bot id, scopes personal + team, two icons).
 */
export function teamsManifestCommand(
  flags: {
    appId?: string | undefined;
    name?: string | undefined;
    website?: string | undefined;
    out?: string | undefined;
  },
  defaults: { appId: string | undefined; publicUrl: string | undefined },
  out: Output,
): number {
  const appId = (flags.appId ?? defaults.appId ?? '').trim();
  if (!guid.test(appId)) {
    out.error('Give the bot’s Microsoft App ID (a GUID) with --app-id, or set MICROSOFT_APP_ID.');
    return 2;
  }
  const name = (flags.name ?? 'Frontdesk').trim();
  if (name.length === 0 || [...name].length > 30) {
    out.error('The --name must have 1–30 characters (Teams’ short name).');
    return 2;
  }
  const fallback = defaults.publicUrl?.startsWith('https://') ? defaults.publicUrl : undefined;
  const website = flags.website ?? fallback ?? 'https://www.example.com';
  if (!/^https:\/\/[^\s/]+/.test(website)) {
    out.error('The --website must be an https:// URL (Teams requires https links in the manifest).');
    return 2;
  }
  const file = path.resolve(flags.out ?? 'frontdesk-teams.zip');
  writeFileSync(file, teamsAppPackage({ appId, name, websiteUrl: website }));
  out.line(`Wrote ${file} (manifest.json, color.png, outline.png) for the bot ${appId}.`);
  if (!flags.website && !fallback)
    out.line(
      'The developer links point to https://www.example.com: pass --website https://your.site before publishing.',
    );
  out.line('Upload it in Teams: Apps → Manage your apps → Upload an app → Upload a custom app.');
  return 0;
}
