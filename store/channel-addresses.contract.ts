import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Store } from './ports.js';

/** The channel-address part of the store contract; `store()` is the current test's store. */
export function describeChannelAddressesContract(store: () => Store): void {
  describe('channel addresses', () => {
    it('saves an address per channel and visitor, replaces it, and keeps nested JSON as it was', async () => {
      const key = `tenant/${randomUUID()}`;
      expect(await store().channelAddresses.get('teams', key)).toBeNull();
      const first = {
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { id: 'a:1', conversationType: 'personal', tenantId: 't' },
        user: { id: '29:1', aadObjectId: 'aad', name: 'Ayşe' },
        locale: null,
      };
      await store().channelAddresses.save('teams', key, first);
      expect(await store().channelAddresses.get('teams', key)).toEqual(first);
      expect(await store().channelAddresses.get('messenger', key)).toBeNull();
      const second = { ...first, serviceUrl: 'https://smba.trafficmanager.net/amer/' };
      await store().channelAddresses.save('teams', key, second);
      expect(await store().channelAddresses.get('teams', key)).toEqual(second);
    });
  });
}
