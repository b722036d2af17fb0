import type { NewTicket } from '../../tickets/types.js';

/** A web ticket in English with nothing set but what is given, for tests that put tickets in the store. */
export function ticketInput(overrides: Partial<NewTicket> = {}): NewTicket {
  return {
    subject: 'Parcel missing',
    status: 'new',
    priority: 'normal',
    category: null,
    tags: [],
    lang: 'en',
    channel: 'web',
    conversationId: null,
    requester: { email: null, name: null, channelId: null },
    fields: {},
    transcript: [],
    assignee: null,
    team: null,
    firstReplyDue: null,
    resolutionDue: null,
    ...overrides,
  };
}
