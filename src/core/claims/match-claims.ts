import type { ArticleRecord, ClaimMatch } from '../types';
import type { ClaimIndex } from './claim-index';

/** The claims an article repeats (for `report.claims`): one match per sentence above the threshold. */
export function matchClaims(article: Pick<ArticleRecord, 'paragraphs'>, index: ClaimIndex): ClaimMatch[] {
  return index.matchArticle(article);
}
