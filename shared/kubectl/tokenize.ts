/**
 * Splits a command line into words the way a POSIX shell would before kubectl sees them:
 * blanks separate words, single quotes keep everything literally, double quotes keep
 * everything but `\"`, `\\`, `\$` and `` \` ``, a backslash outside quotes escapes the next
 * character. A bare `<<<` (bash's here-string) makes the next word the command's stdin.
 * Each word remembers where it starts and ends in the line, for tab completion.
 */

/** One word of a command line and its span [start, end) in the line. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/** The words of a line, the here-string's text if any, or why the line cannot be split. */
export type Tokenized =
  { ok: true; tokens: Token[]; hereString?: string; open: boolean } | { ok: false; error: string };

const BLANK = /[ \t\r\n]/;
/** What a shell would take as an operator rather than a word (`|`, `>`, `;`, `&&`, …). */
const SHELL_OPERATOR = /^(\||\|\||&&?|;|>>?|<|2>&1|\$\(.*|`.*)$/;

/**
 * Splits `line` into words. An unterminated quote is an error (a shell would wait for
 * more input); `open` tells completion that the last word runs to the end of the line.
 */
export function tokenize(line: string): Tokenized {
  const tokens: Token[] = [];
  let i = 0;
  let open = false;
  while (i < line.length) {
    if (BLANK.test(line[i]!)) {
      i++;
      continue;
    }
    const start = i;
    let text = "";
    let quoted = false;
    while (i < line.length && !BLANK.test(line[i]!)) {
      const ch = line[i]!;
      if (ch === "'") {
        quoted = true;
        const close = line.indexOf("'", i + 1);
        if (close < 0) return { ok: false, error: "bash: unexpected EOF while looking for matching `''" };
        text += line.slice(i + 1, close);
        i = close + 1;
      } else if (ch === '"') {
        quoted = true;
        i++;
        let closed = false;
        while (i < line.length) {
          const c = line[i]!;
          if (c === '"') {
            closed = true;
            i++;
            break;
          }
          if (c === "\\" && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) {
            text += line[i + 1];
            i += 2;
          } else {
            text += c;
            i++;
          }
        }
        if (!closed) return { ok: false, error: "bash: unexpected EOF while looking for matching `\"'" };
      } else if (ch === "\\") {
        if (i + 1 < line.length) text += line[i + 1];
        i += 2;
      } else {
        text += ch;
        i++;
      }
    }
    // Only an unquoted `<<<` is the here-string operator; `'<<<'` is a word.
    if (!quoted && SHELL_OPERATOR.test(text))
      return {
        ok: false,
        error: `error: the game's console runs one kubectl command: no pipes, redirections or command lists (${text})`,
      };
    tokens.push({ text: quoted && text === "<<<" ? "\0<<<" : text, start, end: Math.min(i, line.length) });
  }
  open = line.length > 0 && !BLANK.test(line[line.length - 1]!);
  const here = tokens.findIndex((t) => t.text === "<<<");
  for (const t of tokens) if (t.text === "\0<<<") t.text = "<<<";
  if (here < 0) return { ok: true, tokens, open };
  const word = tokens[here + 1];
  if (!word) return { ok: false, error: "bash: syntax error near unexpected token `newline'" };
  // bash appends a newline to a here-string.
  return {
    ok: true,
    tokens: [...tokens.slice(0, here), ...tokens.slice(here + 2)],
    hereString: `${word.text}\n`,
    open,
  };
}
