import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import { customerIdentitiesKey, SNAPSHOT_FORMAT, type Snapshot } from "../core/snapshot/snapshot-schema.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import * as schema from "./schema.ts";

describe("customer identities in workspace snapshots", () => {
  let desk: TestDesk;

  beforeAll(async () => {
    desk = await createTestDesk();
  });

  afterAll(async () => {
    await desk?.close();
  });

  const identitiesIn = (workspaceId: string, customerId: string) =>
    desk.database.db
      .select({ kind: schema.customerIdentities.kind, value: schema.customerIdentities.value })
      .from(schema.customerIdentities)
      .where(
        and(
          eq(schema.customerIdentities.workspaceId, workspaceId),
          eq(schema.customerIdentities.customerId, customerId),
        ),
      )
      .orderBy(asc(schema.customerIdentities.kind), asc(schema.customerIdentities.value));

  it("keeps every identity of a customer with several through export, import and export", async () => {
    const customer = await desk.customers.resolve(desk.workspaceId, {
      email: "ana@example.test",
      phone: "+49 170 1234567",
      name: "Ana",
    });
    // What a merge of her other customers leaves behind: more addresses and numbers than the fields hold.
    await desk.database.db.insert(schema.customerIdentities).values(
      [
        { kind: "email", value: "ana.work@example.test" },
        { kind: "phone", value: "+4930123456" },
        { kind: "handle:whatsapp", value: "491701234567" },
        { kind: "handle:whatsapp", value: "491709999999" },
        { kind: "handle:telegram", value: "ana_t" },
      ].map((identity) => ({ workspaceId: desk.workspaceId, customerId: customer.id, ...identity })),
    );
    const stored = await identitiesIn(desk.workspaceId, customer.id);
    expect(stored).toHaveLength(7);

    const first = await desk.snapshots.exportSnapshot(desk.workspaceId);
    const exported = first.customers.find((candidate) => candidate.id === customer.id);
    expect(exported?.email).toBe("ana@example.test");
    // A handle on a channel the customer named no handle for takes the format's own field.
    expect(Object.keys(exported?.handles ?? {}).sort()).toEqual(["telegram", "whatsapp"]);
    expect(exported?.attributes?.[customerIdentitiesKey]).toHaveLength(3);

    // Through JSON and the parser, as a file would go.
    const document = parseSnapshot(JSON.parse(JSON.stringify(first)));
    await desk.snapshots.importSnapshot("copy", document);
    expect(await identitiesIn("copy", customer.id)).toEqual(stored);
    const found = await desk.customers.resolve("copy", { email: "ANA.work@example.test" });
    expect(found.id).toBe(customer.id);

    const second = await desk.snapshots.exportSnapshot("copy");
    expect(second.customers).toEqual(first.customers);
    // The key is the snapshot's, not the customer's: it is not kept among the stored attributes.
    const [row] = await desk.database.db
      .select({ attributes: schema.customers.attributes })
      .from(schema.customers)
      .where(and(eq(schema.customers.workspaceId, "copy"), eq(schema.customers.id, customer.id)));
    expect(row?.attributes ?? {}).not.toHaveProperty(customerIdentitiesKey);
  });

  it("imports a snapshot from before identities were kept, with its attributes as they were", async () => {
    const older: Snapshot = parseSnapshot({
      format: SNAPSHOT_FORMAT,
      workspace: { name: "Older", timezone: "Europe/Berlin" },
      customers: [
        {
          id: "cus-old",
          name: "Ben",
          email: "ben@example.test",
          handles: { whatsapp: "4915112345678" },
          attributes: { tier: "gold", identities: ["kept as it is"] },
        },
      ],
      tickets: [],
    });
    await desk.snapshots.importSnapshot("older", older);
    expect(await identitiesIn("older", "cus-old")).toEqual([
      { kind: "email", value: "ben@example.test" },
      { kind: "handle:whatsapp", value: "4915112345678" },
    ]);
    const exported = await desk.snapshots.exportSnapshot("older");
    expect(exported.customers).toEqual(older.customers);
  });

  it("refuses kept identities of an unknown kind, naming where they are", () => {
    const document = {
      format: SNAPSHOT_FORMAT,
      workspace: { name: "Bad", timezone: "UTC" },
      customers: [{ id: "c1", name: "C", attributes: { [customerIdentitiesKey]: [{ kind: "fax", value: "123" }] } }],
      tickets: [],
    };
    expect(() => parseSnapshot(document)).toThrow(`customers[0].attributes.${customerIdentitiesKey}[0].kind`);
  });
});
