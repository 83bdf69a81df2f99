/**
 * Declared-provenance lines in article text: "This story originally appeared in X", "First
 * reported by X", "Republished with permission", wire datelines such as "WASHINGTON (AP) —" and
 * wire copyright lines. Pure string code, no DOM.
 */
import { WIRE_AGENCIES } from '../core/wire-agencies';

// Phrases by which an outlet declares that the text (or its story) comes from elsewhere. Each is a
// phrase an editor writes on purpose; generic attributions ("according to") are left out because
// they credit sources of facts, not of the text.
const CREDIT_PATTERNS: RegExp[] = [
  /\b(originally|first)\s+(appeared|published|ran|posted|aired|reported)\b/i,
  /\b(was|were|is)\s+(originally|first)\s+(published|posted|reported)\b/i,
  /\bfirst reported (by|in|on)\b/i,
  /\b(as|was|were)\s+(first\s+)?reported (by|in)\b/i,
  /\b(re-?published|reprinted|reproduced|shared|syndicated)\s+(here\s+)?(with|by|under)\s+(the\s+)?(kind\s+)?(permission|a creative commons|creative commons|license|licence|agreement|arrangement)/i,
  /\b(re-?published|reprinted)\s+(from|courtesy of)\b/i,
  /\bthis (article|story|piece|report|post|column) (is|was) (re-?published|reprinted|syndicated|produced by|provided by|distributed by)\b/i,
  /\b(is|was) (produced|published) in (partnership|collaboration) with\b/i,
  /\b(story|article|content) (provided|supplied|distributed) by\b/i,
  /\bvia (the )?(associated press|reuters|afp|agence france-presse)\b/i,
  /\bappeared first on\b/i, // the WordPress feed footer "The post X appeared first on Y."
  /\bread the (full|original|complete) (story|article|report|piece)\b.{0,80}\b(at|on|in)\b/i,
  /\b(zuerst|ursprünglich) (erschienen|veröffentlicht)\b|\berschien (zuerst|ursprünglich)\b/i,
  /\b(publié|paru) (initialement|originellement|d'abord)\b|\bpublicado originalmente\b/i,
];
// Short source lines closing aggregated posts: "Source: The Harbor Ledger", "Via: Reuters",
// "H/t Jane Doe". Only as a whole short line: inside prose "source" means something else.
const SOURCE_LINE = /^\(?(source|sources|via|quelle|fuente|h\/t|hat tip)\s*[:-]?\s*\S.{0,100}$/i;

/** News agencies whose datelines and credit lines mark syndicated copy (src/core/wire-agencies.ts). */
const WIRES = WIRE_AGENCIES.flatMap((a) => (a.text ? [[a.text, a.short] as const] : []));
/** The same agencies as their own papers write them in other scripts, in a dateline only. */
const NATIVE_WIRE_OF = new Map(WIRE_AGENCIES.flatMap((a) => (a.native ?? []).map((alias) => [alias, a.short] as const)));
// A dateline in a script without capitals: a place and a date (at most six words, no Latin letters,
// no parentheses) and then the agency in parentheses, ASCII or full-width, or between slashes as
// TASS writes it ("МОСКВА, 4 марта. /ТАСС/."). Only the article's opening is read for it: with no
// capitals to tell a place from a clause, position is the evidence.
const NATIVE_DATELINE = /^\s*([^()（）/\p{Script=Latin}\n]{1,60}?)\s*(?:[(（]\s*([^()（）\n]{1,40}?)\s*[)）]|\/\s*([^/\n]{1,40}?)\s*\/)/u;
const DATELINE_MAX_WORDS = 6;
// Chinese and Japanese agencies open with their own formula: "新华社北京3月4日电", "【北京共同】",
// from the table's names in Han or kana, longest first ("共同通信" before "共同"). The Chinese
// formula takes only names ending in 社 ("agency"): "共同" or "路透" alone open ordinary sentences.
const CJK_NAMES = [...NATIVE_WIRE_OF.keys()].filter((n) => /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+$/u.test(n)).sort((a, b) => b.length - a.length);
const CJK_AGENCIES = CJK_NAMES.filter((n) => n.endsWith('社'));
const CJK_DATELINE = new RegExp(`^\\s*(?:(${CJK_AGENCIES.join('|')})[^，。,]{0,24}?电|【[^】]{0,12}?(${CJK_NAMES.join('|')})】)`, 'u');

/** The agency a native-script dateline names ("(اے ایف پی/اسپورٹس ڈیسک)" names AFP), else null. */
function nativeDatelineWire(text: string): { line: string; wire: string } | null {
  const cjk = CJK_DATELINE.exec(text);
  if (cjk) return { line: cjk[0].trim(), wire: NATIVE_WIRE_OF.get(cjk[1] ?? cjk[2])! };
  const m = NATIVE_DATELINE.exec(text);
  if (!m || m[1].trim().split(/\s+/).length > DATELINE_MAX_WORDS) return null;
  for (const part of (m[2] ?? m[3]).split(/[/،,؛;]/)) {
    const wire = NATIVE_WIRE_OF.get(part.trim().replace(/\s+/g, ' '));
    if (wire) return { line: m[0].trim(), wire };
  }
  return null;
}

// A dateline naming a wire: "WASHINGTON (AP) —", "LONDON, March 14 (Reuters) -", "PARIS (AFP) -".
// The place is upper case (or title case followed by a date); the agency in parentheses; then a
// dash. Local-station datelines like "(KTRK)" are not wires and do not match the agency list.
const DATELINE = /^\s*[A-Z][A-Za-z.'’\- ]{1,60}(,\s*[A-Za-z.\- ]{1,40})?(,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\((AP|Reuters|AFP|UPI|dpa|PA|AAP|CP|EFE|Xinhua|Kyodo|ANSA|Bloomberg|APP|PTI|ANI|IANS|TASS|AA)\)\s*[—–-]{1,2}/;
// A wire copyright line: "Copyright 2026 The Associated Press. All rights reserved."
const WIRE_COPYRIGHT = /^\s*(copyright|©|\(c\))\s*(\d{4}\s+)?(the\s+)?(associated press|thomson reuters|reuters|agence france-presse|afp|united press international)\b/i;
// A credit line as short as a sentence; longer text holding the phrase is a paragraph of prose.
const MAX_CREDIT_CHARS = 400;

/** Splits a paragraph into rough sentences (enough to isolate a credit line). */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z"“(])/u);
}

function wireIn(text: string): string | null {
  for (const [re, name] of WIRES) if (re.test(text)) return name;
  return null;
}

/** Credit lines and the wire agency found in `texts` (paragraphs and short page notes). */
export function findCredits(texts: string[]): { creditLines: string[]; wire: string | null } {
  const creditLines: string[] = [];
  let wire: string | null = null;
  const add = (line: string) => {
    const t = line.trim();
    if (t && !creditLines.includes(t)) creditLines.push(t);
  };
  for (const [k, text] of texts.entries()) {
    const dateline = DATELINE.exec(text);
    if (dateline) {
      // Keep the dateline itself as the credit line, not the whole opening paragraph.
      add(dateline[0].replace(/\s*[—–-]{1,2}$/, '').trim() + ' —');
      wire ??= wireIn(`(${dateline[3]})`);
    }
    const native = dateline || k > 0 ? null : nativeDatelineWire(text);
    if (native) {
      add(native.line);
      wire ??= native.wire;
    }
    if (WIRE_COPYRIGHT.test(text) && text.length <= MAX_CREDIT_CHARS) {
      add(text);
      wire ??= wireIn(text);
    }
    if (SOURCE_LINE.test(text)) {
      add(text);
      wire ??= wireIn(text);
      continue;
    }
    for (const sentence of sentences(text)) {
      if (sentence.length > MAX_CREDIT_CHARS) continue;
      if (CREDIT_PATTERNS.some((re) => re.test(sentence))) {
        add(sentence);
        wire ??= wireIn(sentence);
      }
    }
  }
  return { creditLines, wire };
}

/** The wire agency named by a byline such as "By The Associated Press" or "Reuters staff", else null. */
export function wireFromByline(byline: string | null): string | null {
  if (!byline) return null;
  // Only a byline that IS the agency: "Jane Doe, Reuters" also counts, "Jane Doe" does not.
  if (!/^(by\s+)?(the\s+)?[\w .,'’-]{0,60}$/i.test(byline)) return null;
  return wireIn(byline);
}
