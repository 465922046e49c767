/**
 * A stored document's JSON text without some of its top-level members, cut out of the text
 * instead of parsed and serialised again. The embedded store writes every document with
 * `JSON.stringify` (no whitespace, an object at the top), so the answer is, byte for byte, what
 * `JSON.stringify` of the document without those members gives: the kept members are copied as
 * stored. SQLite's `json_remove` gives the same bytes but parses each whole document into its
 * binary form and renders it back, which was most of a list page's cost in the store.
 *
 * `omit` holds top-level names (read-filter's field paths: letters, digits and '_'); a member
 * not present is no change. Text that is not an object, as `JSON.stringify` writes one, is
 * refused rather than guessed at.
 */
export function jsonWithoutMembers(json: string, omit: ReadonlySet<string>): string {
  if (omit.size === 0) return json;
  if (json.charCodeAt(0) !== OPEN_BRACE || json.charCodeAt(json.length - 1) !== CLOSE_BRACE) {
    throw new TypeError('jsonWithoutMembers: not a JSON object as JSON.stringify writes one');
  }
  if (json.length === 2) return json;
  // Runs of kept members are copied whole: [from, to) spans of the text, joined by commas.
  let kept = '';
  let runStart = 1;
  let at = 1;
  for (;;) {
    const memberStart = at;
    if (json.charCodeAt(at) !== QUOTE) throw notStringified(at);
    const keyEnd = stringEnd(json, at);
    if (json.charCodeAt(keyEnd + 1) !== COLON) throw notStringified(keyEnd + 1);
    const valueEnd = valueEndAt(json, keyEnd + 2);
    if (omit.has(keyOf(json, memberStart, keyEnd))) {
      if (memberStart > runStart)
        kept += (kept === '' ? '' : ',') + json.slice(runStart, memberStart - 1);
      runStart = valueEnd + 1;
    }
    const next = json.charCodeAt(valueEnd);
    if (next === CLOSE_BRACE) {
      if (valueEnd !== json.length - 1) throw notStringified(valueEnd);
      break;
    }
    if (next !== COMMA) throw notStringified(valueEnd);
    at = valueEnd + 1;
  }
  if (runStart === 1) return json;
  if (runStart < json.length - 1)
    kept += (kept === '' ? '' : ',') + json.slice(runStart, json.length - 1);
  return `{${kept}}`;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function notStringified(at: number): TypeError {
  return new TypeError(`jsonWithoutMembers: unexpected text at ${at}`);
}

/** The member name whose string literal spans [start, end]; decoded only if it has escapes. */
function keyOf(json: string, start: number, end: number): string {
  const raw = json.slice(start + 1, end);
  return raw.includes('\\') ? (JSON.parse(json.slice(start, end + 1)) as string) : raw;
}

/** The index of the quote closing the string literal that opens at `start`. */
function stringEnd(json: string, start: number): number {
  let quote = json.indexOf('"', start + 1);
  while (quote > 0 && json.charCodeAt(quote - 1) === BACKSLASH) {
    // Escaped only after an odd run of backslashes.
    let backslashes = 1;
    while (json.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) break;
    quote = json.indexOf('"', quote + 1);
  }
  if (quote < 0) throw notStringified(start);
  return quote;
}

/**
 * The index just past the value that starts at `start`. Strings are skipped with `indexOf`
 * (most of a document's text is inside strings); only the short runs between them are read a
 * character at a time.
 */
function valueEndAt(json: string, start: number): number {
  const first = json.charCodeAt(start);
  if (first === QUOTE) return stringEnd(json, start) + 1;
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 1;
    for (let at = start + 1; at < json.length; at++) {
      const char = json.charCodeAt(at);
      if (char === QUOTE) at = stringEnd(json, at);
      else if (char === OPEN_BRACE || char === OPEN_BRACKET) depth++;
      else if ((char === CLOSE_BRACE || char === CLOSE_BRACKET) && --depth === 0) return at + 1;
    }
    throw notStringified(start);
  }
  // A number, true, false or null: up to the next separator of the enclosing object.
  for (let at = start; at < json.length; at++) {
    const char = json.charCodeAt(at);
    if (char === COMMA || char === CLOSE_BRACE) return at;
  }
  throw notStringified(start);
}
