/**
 * An article the test made up, sent through the background's check as pageCaptured sends the
 * article it extracted (BackgroundService.checkArticle), answered as the router answers: a Result.
 * For tests whose pages are records rather than HTML; pages given as HTML go through pageCaptured.
 */
import type { BackgroundService } from '../../../src/background/background-service';
import type { ExtractedPage } from '../../../src/background/content-handlers';
import type { TabSender } from '../../../src/background/router';
import { fail, ok, type Result } from '../../../src/shared/messages';

export async function checkExtracted(svc: Pick<BackgroundService, 'checkArticle'>, page: ExtractedPage, sender: TabSender): Promise<Result<{ highlightsOn: boolean }>> {
  try {
    return ok(await svc.checkArticle(page, sender));
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
}
