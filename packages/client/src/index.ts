export type { ApiOperations, Schemas } from "./api-types.ts";
export * from "./client.ts";
