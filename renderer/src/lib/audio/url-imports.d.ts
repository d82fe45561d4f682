// Vite's `?url` imports: the asset's URL in the build.
declare module '*?url' {
  const url: string;
  export default url;
}
