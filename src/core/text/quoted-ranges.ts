/**
 * Quoted speech in the quotation marks of every script, for the quote rule (a statement every
 * outlet quotes is not copying): “…” and "…" (English), „…“ and „…” (German, Polish, Hungarian),
 * «…» (French, Spanish, Russian, Arabic), »…« (Danish, German books), ”…” (Swedish), 「…」 and 『…』
 * (Chinese, Japanese), 〝…〞. Single quotes are left out: apostrophes make them ambiguous.
 */

/** Opening mark -> the marks that close it. */
const CLOSERS: Record<string, string> = {
  '"': '"',
  '\u201C': '\u201D\u201C', // “ closed by ” (English) or “ (Hungarian/Polish-style pairs after „)
  '\u201E': '\u201C\u201D', // „ closed by “ (German) or ” (Polish, Hungarian, Romanian)
  '\u201D': '\u201D', // ”…” (Swedish, Finnish)
  '\u00AB': '\u00BB', // «…»
  '\u00BB': '\u00AB\u00BB', // »…« (Danish) or »…» (Swedish)
  '\u300C': '\u300D', // 「…」
  '\u300E': '\u300F', // 『…』
  '\u301D': '\u301E\u301F', // 〝…〞
  '\uFF02': '\uFF02', // full-width "
};

/**
 * Character ranges of the text inside double quotation marks of any script. Quotes are paired
 * within a paragraph (a quote may run over several sentences: '"First. Second," she said.'); an
 * unclosed quote runs to the paragraph's end, as in news style where a continued quote reopens
 * each paragraph.
 */
export function quotedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let open = -1;
  let closers = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      if (open >= 0 && i - open > 1) out.push([open, i]);
      open = -1;
    } else if (open >= 0 && closers.includes(c)) {
      out.push([open, i + 1]);
      open = -1;
    } else if (open < 0 && CLOSERS[c] !== undefined) {
      open = i;
      closers = CLOSERS[c];
    }
  }
  if (open >= 0 && text.length - open > 1) out.push([open, text.length]);
  return out;
}
