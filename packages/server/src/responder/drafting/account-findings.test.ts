import { describe, expect, it } from "vitest";
import type { AccountEvent } from "../../core/customers/customer.ts";
import { exceededLimits, findAccountFindings, operationOf, readFigures } from "./account-findings.ts";

const now = new Date("2026-06-10T12:00:00Z");
let sequence = 0;
function event(type: string, at: string, data: Record<string, unknown> = {}): AccountEvent {
  sequence += 1;
  return { id: `event-${sequence}`, customerId: "customer-1", at: new Date(at), type, data };
}

describe("account findings", () => {
  it("reads the run of failures since the last success of the same operation", () => {
    const events = [
      event("upload.failed", "2026-05-20T10:00:00Z", { sizeGb: 1 }),
      event("upload.completed", "2026-05-25T10:00:00Z"),
      event("upload.failed", "2026-06-07T09:00:00Z", { sizeGb: 3.5, limitGb: 2 }),
      event("upload.failed", "2026-06-09T09:00:00Z", { sizeGb: 3.5, limitGb: 2, timeoutSeconds: 300 }),
      event("invoice.paid", "2026-06-08T09:00:00Z"),
    ];
    const [finding] = findAccountFindings(events, "My uploads keep failing", now);
    expect(finding?.operation).toBe("upload");
    expect(finding?.failures.map((failure) => failure.at.toISOString())).toEqual([
      "2026-06-07T09:00:00.000Z",
      "2026-06-09T09:00:00.000Z",
    ]);
    expect(finding?.startedAt.toISOString()).toBe("2026-06-07T09:00:00.000Z");
  });

  it("ignores failures of an operation the customer does not mention when several kinds failed", () => {
    const events = [
      event("sync.failed", "2026-06-09T09:00:00Z"),
      event("payment.declined", "2026-06-09T10:00:00Z", { amount: 20, currency: "usd" }),
    ];
    const findings = findAccountFindings(events, "Why was my card payment refused?", now);
    expect(findings.map((finding) => finding.eventType)).toEqual(["payment.declined"]);
  });

  it("finds nothing when the account has no failures", () => {
    expect(findAccountFindings([event("login.succeeded", "2026-06-09T09:00:00Z")], "it does not work", now)).toEqual(
      [],
    );
  });

  it("names operations from the event type", () => {
    expect(operationOf("integration.sync_failed")).toBe("integration sync");
    expect(operationOf("reportExport.error")).toBe("report export");
  });

  it("reads figures by field name and pairs a figure with the limit it exceeds", () => {
    const figures = readFigures({
      rowCount: 12000,
      maxRows: 10000,
      durationMs: 4500,
      errorCode: "ROW_LIMIT",
      amount: 12.5,
      currency: "eur",
    });
    expect(figures).toContainEqual({ field: "durationMs", kind: "duration", seconds: 4.5, role: "measured" });
    expect(figures).toContainEqual({ field: "errorCode", kind: "code", value: "ROW_LIMIT" });
    expect(figures).toContainEqual({ field: "amount", kind: "money", amount: 12.5, currency: "eur" });
    const [pair] = exceededLimits(figures);
    expect(pair?.measured.field).toBe("rowCount");
    expect(pair?.limit.field).toBe("maxRows");
  });
});
