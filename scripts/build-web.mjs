// Bundles the browser code (widget, agent console) with esbuild into dist/web and copies their pages.
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

// The agent console (served at /console), built with the same options as the widget.
await build({
  entryPoints: ['web/console/main.ts'],
  bundle: true,
  format: 'iife',
  target: ['es2020'],
  minify: true,
  sourcemap: true,
  outfile: 'dist/web/console.js',
  logLevel: 'warning',
});
await copyFile('web/console/index.html', 'dist/web/console.html');
