/**
 * Whether a CSS colour (declared or computed, lower case) has no opacity at all: `transparent`,
 * an alpha of zero in the comma syntax (`rgba(0, 0, 0, 0)`, `hsla(0, 0%, 0%, 0)`) or the slash
 * syntax (`rgb(0 0 0 / 0%)`, `color(srgb 0 0 0 / 0)`), or a hex colour ending in a zero alpha
 * (`#0000`, `#ffffff00`). A three-part colour is opaque whatever its parts (`rgb(0, 0, 0)` is black).
 * Shared by the browser's computed-style test (safe-dom.ts) and the CLI's style reading.
 */
export function isTransparentColour(value: string): boolean {
  const v = value.trim();
  return (
    v === 'transparent' ||
    /^(?:rgba?|hsla?)\(\s*[^,/()]+,\s*[^,/()]+,\s*[^,/()]+,\s*0*\.?0+%?\s*\)$/.test(v) ||
    /\/\s*0*\.?0+%?\s*\)$/.test(v) ||
    /^#(?:[0-9a-f]{3}0|[0-9a-f]{6}00)$/.test(v)
  );
}
