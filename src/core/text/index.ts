/**
 * Text primitives shared by the engine and the claims index: normalisation, tokens with offsets,
 * stopwords, stemming, content terms with normalised numbers, sentence splitting and hashing.
 */
export { normalizeText, foldChar } from './normalize-text';
export { tokenize, normalizeToken, type Token } from './tokenize';
export { isStopword, STOPWORDS } from './stopwords';
export { stem } from './stem';
export { contentTerms, contentTermsOfTokens, type ContentTerm } from './content-terms';
export { splitSentences, type Sentence } from './split-sentences';
export { detectLang, rankLangs, resolveLang, primaryLang, type LangDecision } from './detect-lang';
export { languageRules, type LanguageRules } from './language-rules';
export { quotedRanges } from './quoted-ranges';
export { parseNumberToken, numberTerm, numberWordValue, scaleOf } from './parse-number';
export { fnv1a32, combineHashes } from './fnv1a';
export { asciiDigits, digitValue } from './ascii-digits';
export { foldLookalikes, type LookalikeScript } from './fold-lookalikes';
