import { describe, expect, it } from "vitest";
import { apiClient, createTestDesk } from "../../testing/create-test-desk.ts";

describe("GET /health", () => {
  it("is ok while the database answers, and 503 with what is wrong once it does not", async () => {
    const desk = await createTestDesk();
    const app = await desk.app();
    try {
      const healthy = await apiClient(app).get("/health");
      expect(healthy.status).toBe(200);
      expect(healthy.body).toEqual({ status: "ok" });

      await desk.database.close();
      const cut = await apiClient(app).get("/health");
      expect(cut.status).toBe(503);
      expect(cut.body).toEqual({
        code: "unavailable",
        message: expect.stringContaining("cannot reach its database"),
      });
    } finally {
      await app.close();
      await desk.jobs.stop();
    }
  });
});
