/**
 * Valibot schemas for ClaimReview data (schema.org), as fact-checkers publish it: a `DataFeed` of
 * `DataFeedItem`s (the Data Commons / Google Fact Check feed format) or bare `ClaimReview` objects.
 *
 * Every object is a strictObject: a key outside the allow-list rejects the record (feeds are data,
 * never code: no key we do not know is carried along). Keys that schema.org defines and publishers
 * commonly send but that we do not store (image, description, publisher...) are allowed with any
 * JSON value: they are dropped after validation and never reach storage or a DOM; the byte cap on
 * the whole feed bounds them. Strings we keep are length-capped.
 */
import * as v from 'valibot';
import { MAX_CLAIM_CHARS, MAX_FEED_RECORDS, MAX_SHORT_CHARS, MAX_TEXT_CHARS, MAX_URL_CHARS } from './limits';

const ignored = v.unknown();
const shortText = v.pipe(v.string(), v.maxLength(MAX_SHORT_CHARS));
const longText = v.pipe(v.string(), v.maxLength(MAX_TEXT_CHARS));
const urlText = v.pipe(v.string(), v.maxLength(MAX_URL_CHARS));
const typeName = v.union([shortText, v.pipe(v.array(shortText), v.maxLength(8))]);
const context = ignored;
const oneOrMany = <T extends v.GenericSchema>(s: T) => v.union([s, v.pipe(v.array(s), v.maxLength(50))]);

/** schema.org Person / Organization as a reviewer or claim author. */
const agentSchema = v.union([
  shortText,
  v.strictObject({
    '@context': v.optional(context),
    '@type': v.optional(typeName),
    '@id': v.optional(urlText),
    name: v.optional(shortText),
    alternateName: v.optional(ignored),
    url: v.optional(urlText),
    sameAs: v.optional(ignored),
    image: v.optional(ignored),
    logo: v.optional(ignored),
    jobTitle: v.optional(ignored),
    description: v.optional(ignored),
  }),
]);

const numberish = v.union([v.number(), v.pipe(v.string(), v.maxLength(32))]);

/** schema.org Rating as used in `reviewRating`. */
const ratingSchema = v.strictObject({
  '@context': v.optional(context),
  '@type': v.optional(typeName),
  '@id': v.optional(urlText),
  alternateName: v.optional(shortText),
  name: v.optional(shortText),
  ratingValue: v.optional(numberish),
  bestRating: v.optional(numberish),
  worstRating: v.optional(numberish),
  ratingExplanation: v.optional(longText),
  description: v.optional(ignored),
  image: v.optional(ignored),
  author: v.optional(ignored),
});

/** A place the claim appeared (CreativeWork or a bare URL). */
const appearanceSchema = v.union([
  urlText,
  v.strictObject({
    '@context': v.optional(context),
    '@type': v.optional(typeName),
    '@id': v.optional(urlText),
    url: v.optional(urlText),
    headline: v.optional(ignored),
    name: v.optional(ignored),
    datePublished: v.optional(ignored),
    author: v.optional(ignored),
    publisher: v.optional(ignored),
    description: v.optional(ignored),
    sameAs: v.optional(ignored),
    image: v.optional(ignored),
  }),
]);

/** The `itemReviewed` Claim. */
const claimItemSchema = v.strictObject({
  '@context': v.optional(context),
  '@type': v.optional(typeName),
  '@id': v.optional(urlText),
  name: v.optional(v.pipe(v.string(), v.maxLength(MAX_CLAIM_CHARS))),
  text: v.optional(v.pipe(v.string(), v.maxLength(MAX_CLAIM_CHARS))),
  author: v.optional(oneOrMany(agentSchema)),
  datePublished: v.optional(shortText),
  dateCreated: v.optional(shortText),
  appearance: v.optional(oneOrMany(appearanceSchema)),
  firstAppearance: v.optional(appearanceSchema),
  description: v.optional(ignored),
  sameAs: v.optional(ignored),
  url: v.optional(urlText),
  image: v.optional(ignored),
});

/** One schema.org ClaimReview record. */
export const claimReviewSchema = v.strictObject({
  '@context': v.optional(context),
  '@type': typeName,
  '@id': v.optional(urlText),
  url: v.optional(urlText),
  claimReviewed: v.optional(v.pipe(v.string(), v.maxLength(MAX_CLAIM_CHARS))),
  itemReviewed: v.optional(claimItemSchema),
  reviewRating: v.optional(oneOrMany(ratingSchema)),
  author: v.optional(oneOrMany(agentSchema)),
  datePublished: v.optional(shortText),
  dateModified: v.optional(shortText),
  dateCreated: v.optional(shortText),
  name: v.optional(shortText),
  headline: v.optional(shortText),
  alternativeHeadline: v.optional(ignored),
  description: v.optional(ignored),
  reviewBody: v.optional(ignored),
  inLanguage: v.optional(ignored),
  publisher: v.optional(ignored),
  sdPublisher: v.optional(ignored),
  image: v.optional(ignored),
  thumbnailUrl: v.optional(ignored),
  mainEntityOfPage: v.optional(ignored),
  sameAs: v.optional(ignored),
  identifier: v.optional(ignored),
  isPartOf: v.optional(ignored),
  about: v.optional(ignored),
  keywords: v.optional(ignored),
  license: v.optional(ignored),
  citation: v.optional(ignored),
  reviewAspect: v.optional(ignored),
});

/** Output type of `claimReviewSchema`. */
export type ClaimReviewInput = v.InferOutput<typeof claimReviewSchema>;

/** One `DataFeedItem` of a DataFeed (its `item` is validated record by record, not here). */
export const dataFeedItemSchema = v.strictObject({
  '@context': v.optional(context),
  '@type': v.optional(typeName),
  '@id': v.optional(urlText),
  dateCreated: v.optional(shortText),
  dateModified: v.optional(shortText),
  dateDeleted: v.optional(shortText),
  item: v.optional(v.unknown()),
});

/** The DataFeed envelope; `dataFeedElement` entries are validated one by one so one bad record is
 * skipped and counted instead of failing the feed. */
export const dataFeedSchema = v.strictObject({
  '@context': v.optional(context),
  '@type': typeName,
  '@id': v.optional(urlText),
  name: v.optional(shortText),
  description: v.optional(ignored),
  url: v.optional(urlText),
  dateCreated: v.optional(shortText),
  dateModified: v.optional(shortText),
  datePublished: v.optional(shortText),
  version: v.optional(shortText),
  license: v.optional(ignored),
  inLanguage: v.optional(ignored),
  publisher: v.optional(ignored),
  provider: v.optional(ignored),
  author: v.optional(ignored),
  creator: v.optional(ignored),
  dataFeedElement: v.pipe(v.array(v.unknown()), v.maxLength(MAX_FEED_RECORDS)),
});

/** One review in the Google Fact Check Tools API format (`claims[].claimReview[]`). */
const factCheckToolsReviewSchema = v.strictObject({
  publisher: v.optional(v.strictObject({ name: v.optional(shortText), site: v.optional(shortText) })),
  url: v.optional(urlText),
  title: v.optional(shortText),
  reviewDate: v.optional(shortText),
  textualRating: v.optional(shortText),
  languageCode: v.optional(v.pipe(v.string(), v.maxLength(35))),
});

/** One claim in the Google Fact Check Tools API format (`claims:search` results, Explorer exports). */
export const factCheckToolsClaimSchema = v.strictObject({
  text: v.pipe(v.string(), v.maxLength(MAX_CLAIM_CHARS)),
  claimant: v.optional(shortText),
  claimDate: v.optional(shortText),
  claimReview: v.pipe(v.array(factCheckToolsReviewSchema), v.maxLength(50)),
});
