import { describe, expect, it } from "vitest";

describe("the widget script", () => {
  it("stays small: under 8 KB gzipped", async () => {
    // build.mjs is the widget's own build script (plain JavaScript, no type declarations).
    const { buildWidget } = (await import(new URL("../build.mjs", import.meta.url).href)) as {
      buildWidget(options: { write: boolean }): Promise<{ code: string; gzipBytes: number }>;
    };
    const { code, gzipBytes } = await buildWidget({ write: false });
    expect(code).toContain("/widget/socket");
    expect(gzipBytes).toBeLessThan(8 * 1024);
  });
});
