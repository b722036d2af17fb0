import type { Conversation } from '../conversation/types.js';
import { memoryRateLimits, type LimitCheck, type RateLimits } from '../common/rate-limiter.js';
import type { FormDefinition } from '../forms/types.js';
import type { Ticket } from '../tickets/types.js';
import type { TicketNotifierDeps } from '../tickets/notifier.js';
import { EmailVerification } from './email-verification.js';

const day = 24 * 3600_000;

/**
 * What the ticket emails obey (issue #13 item 5): subjects carry the number and the category's label only;
 * acknowledgements are limited per requester address and per client address (EMAIL_ACKS_PER_DAY, × the
 * IP factor); with EMAIL_VERIFICATION, further mail waits until the requester opened the emailed link.
 */
export function ticketMailPolicy(deps: {
  acksPerDay: number;
  ipFactor: number;
  verification: boolean;
  ticketForm: () => FormDefinition | undefined;
  conversation: (id: string) => Promise<Conversation | null>;
  /** The connected visitor's client address (web), or null. */
  clientAddress: (conversation: Conversation) => string | null;
  key: () => string;
  publicUrl: () => string;
  /** Whether a ticket of this requester address has it confirmed. */
  confirmedBefore: (email: string) => Promise<boolean>;
  /** Where the acknowledgement limits are counted; default: this process's memory. */
  rateLimits?: RateLimits;
}): Pick<TicketNotifierDeps, 'categoryLabel' | 'mayAcknowledge' | 'verification'> & {
  readonly emailVerification: EmailVerification | null;
} {
  const counted = deps.rateLimits ?? memoryRateLimits();
  const perEmail = counted.limiter('ack-email', deps.acksPerDay, day);
  const perAddress =
    deps.acksPerDay > 0 ? counted.limiter('ack-address', deps.acksPerDay * deps.ipFactor, day) : null;
  const emailVerification = deps.verification ? new EmailVerification(deps.key, deps.publicUrl) : null;
  return {
    emailVerification,
    verification: emailVerification
      ? {
          link: (ticket, email) => emailVerification.link(ticket, email),
          confirmedBefore: deps.confirmedBefore,
        }
      : null,
    categoryLabel: (category, lang) => {
      const field = deps.ticketForm()?.fields.find((f) => f.name === 'category');
      const option = field?.options.find((o) => o.value === category);
      return option?.label[lang] ?? option?.label['en'] ?? category;
    },
    mayAcknowledge: async (ticket: Ticket) => {
      const email = ticket.requester.email?.toLowerCase();
      if (!email) return true;
      const checks: LimitCheck[] = [[perEmail, email]];
      const conversation = ticket.conversationId ? await deps.conversation(ticket.conversationId) : null;
      const address = conversation ? deps.clientAddress(conversation) : null;
      if (address !== null) checks.push([perAddress, address]);
      return (await counted.takeAll(checks)).ok;
    },
  };
}
