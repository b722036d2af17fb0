/** DOM helpers shared by the widget and the agent console; text always goes in through textContent. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A message id the server accepts (1–64 of A–Z a–z 0–9 _ -): crypto.randomUUID where there is one (it
 * needs a secure context), otherwise 16 random bytes in hex.
 */
export function newClientId(): string {
  const raw =
    typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
          '',
        );
  return raw.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64);
}
