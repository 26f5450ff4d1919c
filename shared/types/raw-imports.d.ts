// Text files bundled by Vite's `?raw` suffix (the CSL styles and locales in data/citation/).
declare module '*?raw' {
  const text: string;
  export default text;
}
