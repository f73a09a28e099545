import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./packages/server/src/storage/schema.ts",
  out: "./packages/server/src/storage/migrations",
});
