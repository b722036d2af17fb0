// Bundles the browser code (widget) with esbuild into dist/web and copies the demo page.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

await mkdir('dist/web', { recursive: true });
await build({
  entryPoints: ['web/widget/main.ts'],
  bundle: true,
  format: 'iife',
  target: ['es2020'],
  minify: true,
  sourcemap: true,
  outfile: 'dist/web/widget.js',
  logLevel: 'warning',
});
await copyFile('web/demo/index.html', 'dist/web/index.html');
