/** Keys of `TurnContext.bag` that one step sets and a later one reads. */

/** The article just answered is marked `handoff: true`. */
export const handoffArticle = 'handoffArticle';
/** The tags of the best articles the bot tried this turn (the chat's skills, for routing). */
export const triedTags = 'triedTags';
/** The visitor chose "Talk to a person" inside a form. */
export const personRequested = 'personRequested';
