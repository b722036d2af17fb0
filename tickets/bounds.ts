/**
 * What one ticket may hold, the same in both stores, so that no ticket outgrows a MongoDB document
 * (16 MB; the search columns repeat the comments' text): the transcript's latest lines (the rest stays in
 * the conversation, `conversationId`), its lines cut, the comments' number and total text, the audit's
 * first entry and latest ones, the email thread's first and latest Message-IDs.
 */
export const ticketBounds = {
  transcriptLines: 200,
  transcriptLineChars: 4000,
  comments: 1000,
  commentChars: 1_000_000,
  audit: 300,
  emailThread: 50,
} as const;

/** How many of a conversation's latest messages filing a ticket reads to find what was said since its previous ticket. */
export const transcriptReadLimit = ticketBounds.transcriptLines * 5;

/** A merge's note on the kept ticket: at most a comment's length (the API's limit), the rest is on the merged one. */
export const mergeNoteChars = 10_000;
