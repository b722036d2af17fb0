import type { ChatSuggestion } from '../../channels/web/events.js';

/** Wait this long after the last keystroke before asking for suggestions. */
export const suggestDelayMs = 250;
/** Ask only once the visitor has typed this many characters. */
export const suggestMinLength = 3;

/** Where the suggestions go (the chip row); kept free of the DOM so the logic is testable in Node. */
export interface SuggestionSink {
  show(suggestions: readonly ChatSuggestion[]): void;
  clear(): void;
}

/**
 * Asks for suggestions as the visitor types: debounced, from a few characters, and showing only the
 * answer to the latest request (an older one that arrives late is dropped).
 */
export class Suggester {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  constructor(
    /** Resolves with the suggestions, or null when there is no answer (the chips then stay as they are). */
    private readonly fetch: (text: string) => Promise<readonly ChatSuggestion[] | null>,
    private readonly row: SuggestionSink,
  ) {}

  /** The composer's text changed: the chips shown stay until the answer for the new text arrives. */
  input(text: string): void {
    this.cancel();
    const trimmed = text.trim();
    if ([...trimmed].length < suggestMinLength) {
      this.row.clear();
      return;
    }
    const request = this.latest;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.fetch(trimmed).then(
        (suggestions) => {
          if (request === this.latest && suggestions !== null) this.row.show(suggestions);
        },
        () => undefined,
      );
    }, suggestDelayMs);
  }

  /** Drops the chips, a pending request and any answer still on its way (the input was emptied or sent). */
  reset(): void {
    this.cancel();
    this.row.clear();
  }

  /** Forgets the pending request and makes any answer still on its way stale. */
  private cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.latest += 1;
  }
}
