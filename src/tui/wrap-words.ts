// Word wrapping for narration prose in the Script pane — the story of a XEP-0045 scenario (§7–§10)

/** Wraps text at word boundaries to `width` columns; words longer than a line are cut. */
export function wrapWords(text: string, width: number): string[] {
  const size = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let rest = word;
    while (rest.length > size) {
      if (line !== '') {
        lines.push(line);
        line = '';
      }
      lines.push(rest.slice(0, size));
      rest = rest.slice(size);
    }
    if (line === '') line = rest;
    else if (line.length + 1 + rest.length <= size) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

const LIST_ITEM = /^\s*(?:[-*•]\s|\d+\s*[=:.)]\s|\S+\s+=\s)/;

/**
 * Joins narration source lines into paragraphs (a script wraps its prose at ~90 columns);
 * list-like lines (`- x`, `201 = …`) stay lines of their own.
 */
export function narrationParagraphs(lines: readonly string[]): string[] {
  const paragraphs: string[] = [];
  let current = '';
  let inList = false;
  for (const line of lines) {
    const text = line.trim();
    const listItem = LIST_ITEM.test(line);
    if (text === '' || listItem || inList) {
      if (current !== '') paragraphs.push(current);
      current = text;
      inList = listItem;
      continue;
    }
    current = current === '' ? text : `${current} ${text}`;
  }
  if (current !== '') paragraphs.push(current);
  return paragraphs;
}
