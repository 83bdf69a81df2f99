/**
 * A page as the content script sends it to the background (gate, bounded copy, capture; no layout
 * here, so no words are left out as hidden): the `html` of a `pageCaptured` message.
 */
import { captureHtml, isArticleCandidate } from '../../src/extract/capture-page';

export function capturedHtml(doc: Document): string {
  const gate = isArticleCandidate(doc);
  if (!gate.ok || !gate.snapshot) throw new Error(`page not captured: ${gate.reason}`);
  const cap = captureHtml(gate.snapshot);
  if (!cap.ok) throw new Error(`page not captured: ${cap.reason}`);
  return cap.html;
}
