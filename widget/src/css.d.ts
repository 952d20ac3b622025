/** A stylesheet imported as its minified text (esbuild plugin in scripts/build-widget.mjs; Vite natively). */
declare module "*.css?inline" {
  const css: string;
  export default css;
}
