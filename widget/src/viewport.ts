/**
 * Height of what covers the bottom of the layout viewport, in px: a phone's on-screen keyboard
 * shrinks only the visual viewport, and a `position: fixed; bottom` panel would sit under it.
 */
export const coveredBottom = (layoutHeight: number, vv: { height: number; offsetTop: number }): number =>
  Math.max(0, Math.round(layoutHeight - vv.height - vv.offsetTop));
