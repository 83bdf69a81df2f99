/**
 * Text primitives shared by the engine and the claims index: normalisation, tokens with offsets,
 * stopwords, stemming, content terms with normalised numbers, sentence splitting and hashing.
 */
export { normalizeText } from './normalize-text';
export { tokenize, type Token } from './tokenize';
export { isStopword } from './stopwords';
export { stem } from './stem';
export { contentTerms, contentTermsOfTokens } from './content-terms';
export { splitSentences } from './split-sentences';
export { detectLang, resolveLang } from './detect-lang';
export { quotedRanges } from './quoted-ranges';
export { parseNumberToken } from './parse-number';
export { fnv1a32 } from './fnv1a';
