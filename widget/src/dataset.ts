/**
 * An element's `data-context-*` attributes as context: `data-context-order-id="A-1042"` → `{ orderId: "A-1042" }`.
 * For the surveys drawn in place (the UI); the loader reads its script tag's with its own few bytes.
 */
export function contextOf(dataset: DOMStringMap): Record<string, string> {
  const context: Record<string, string> = {};
  for (const [k, v] of Object.entries(dataset)) {
    // data-context-product-id → dataset.contextProductId → productId
    if (/^context./.test(k) && v) context[k[7]!.toLowerCase() + k.slice(8)] = v;
  }
  return context;
}
