// Builds src/widget.ts into one small script: `node packages/widget/build.mjs` writes dist/widget.js
// and prints its size; the server imports buildWidget() when dist/ was never built.
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const here = new URL("./", import.meta.url);

export async function buildWidget({ write }) {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("src/widget.ts", here))],
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    legalComments: "none",
    write: false,
  });
  const code = result.outputFiles[0].text;
  if (write) {
    await mkdir(new URL("dist/", here), { recursive: true });
    await writeFile(new URL("dist/widget.js", here), code);
  }
  return { code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bytes, gzipBytes } = await buildWidget({ write: true });
  console.log(`widget.js: ${(bytes / 1024).toFixed(1)} KB, ${(gzipBytes / 1024).toFixed(1)} KB gzipped`);
}
