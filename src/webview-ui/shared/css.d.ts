// Style sheets imported by the entry points: esbuild emits them next to the bundle (dist/webview/<editor>.css).
declare module '*.css';
