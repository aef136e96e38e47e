const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the HTML entities Markdown lists use (`&#8230;`, `&amp;`). */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

/** Removes Markdown backslash escapes (`\|`, `\[`, `\#`). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}

/**
 * Turns a fragment of Markdown into plain text: links keep their text, emphasis marks, emoji
 * shortcodes and inline HTML go, escapes and entities are decoded, whitespace is collapsed.
 */
export function markdownToPlainText(markdown: string): string {
  const withoutLinks = markdown.replace(/\[((?:\\.|[^\]\\])*)\]\([^)\s]*\)/g, '$1');
  const withoutMarkup = withoutLinks
    .replace(/<[^>]+>/g, '')
    .replace(/:[a-z][a-z0-9_+-]*:/g, '')
    .replace(/(?<!\\)\*+/g, '')
    // Underscores inside words are part of names (snake_case); only the ones around words are emphasis.
    .replace(/(?<![\\A-Za-z0-9])_+|(?<!\\)_+(?![A-Za-z0-9])/g, '');
  return decodeHtmlEntities(unescapeMarkdown(withoutMarkup)).replace(/\s+/g, ' ').trim();
}
