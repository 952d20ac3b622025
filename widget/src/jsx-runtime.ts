/**
 * The JSX runtime of the widget's bundles (aliased for `preact/jsx-runtime` in
 * scripts/build-widget.mjs): Preact's own `createElement` under the automatic runtime's names.
 * Preact's jsx-runtime carries a second vnode factory with development fields (`__source`,
 * `__self`); this one costs ~110 B gzip less, and the vnodes are the same.
 */
import { createElement, Fragment, type VNode } from "preact";

export { Fragment };

// biome-ignore lint/suspicious/noExplicitAny: JSX hands any element type and its props
export const jsx = (type: any, props: Record<string, unknown>, key?: string): VNode =>
  createElement(type, key === undefined ? props : { ...props, key });

export { jsx as jsxs };
