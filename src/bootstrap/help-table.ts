/** Help output is read in a terminal: 80 columns, the usual width. */
export const HELP_COLUMNS = 80;
const INDENT = '  ';
const GAP = 2;

/** Words of `text` in lines of at most `width` characters; a word longer than that keeps a line of its own. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return line === '' ? [''] : [...lines, line];
}

/**
 * Two columns: names on the left, the text of each starting in one column
 * (two spaces after the longest name), wrapped to fit 80 columns with its
 * continuation lines under that column.
 */
export function helpTable(rows: readonly (readonly [string, string])[], columns = HELP_COLUMNS): string[] {
  const nameWidth = Math.max(0, ...rows.map(([name]) => name.length)) + GAP;
  const textWidth = Math.max(24, columns - INDENT.length - nameWidth);
  return rows.flatMap(([name, text]) =>
    wrap(text, textWidth).map((line, i) => `${INDENT}${(i === 0 ? name : '').padEnd(nameWidth)}${line}`.trimEnd()),
  );
}
