// Bodies are never mutated once a message exists (processors return new bodies), so the JSON text
// a body was decoded from or encoded to can be remembered and reused for hashing: on the hot path
// that saves a second JSON.stringify of every input and output body.
const texts = new WeakMap<object, string>();

/** Records `text` as the JSON of `body` (objects and arrays only; other values are cheap to redo). */
export function rememberBodyJson(body: unknown, text: string): void {
  if (body !== null && typeof body === "object") texts.set(body, text);
}

/** The JSON text of a JSON body, from the cache when the transport already produced it. */
export function bodyJson(body: unknown): string {
  if (body === null || typeof body !== "object") return JSON.stringify(body ?? null);
  let text = texts.get(body);
  if (text === undefined) {
    text = JSON.stringify(body);
    texts.set(body, text);
  }
  return text;
}
