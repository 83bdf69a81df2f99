/**
 * Readability's readerable test on its own (the package's index.js bundles it with all of
 * Readability, which the content script does not need): the same function index.d.ts declares,
 * the module's whole export.
 */
declare module '@mozilla/readability/Readability-readerable.js' {
  import type { isProbablyReaderable } from '@mozilla/readability';
  const readerable: typeof isProbablyReaderable;
  export default readerable;
}
