const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when the JSON text nests arrays and objects deeper than `maxDepth`. A linear scan of the
 * bytes that only tracks strings and brackets, so it runs BEFORE `JSON.parse`: a parsed document
 * nested thousands deep is harmless to parse but fatal to every recursive walk after it
 * (`JSON.stringify`, graphql's variable coercion), and a crash there takes the process down.
 * Malformed text is not judged here; `JSON.parse` refuses it next.
 */
export function jsonNestedDeeperThan(body: Buffer | string, maxDepth: number): boolean {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (inString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return false;
}
