/** Runs `then` once the next frame has been painted: a timer alone may come before that frame. */
export const afterPaint = (then: () => void): void => void requestAnimationFrame(() => setTimeout(then));
