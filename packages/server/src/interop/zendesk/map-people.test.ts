import { describe, expect, it } from "vitest";
import { accountName, commonTimeZone, latestById, mapGroups, mapUsers } from "./map-people.ts";
import type { ZendeskOrganization, ZendeskUser } from "./zendesk-pages.ts";

const organizations: ZendeskOrganization[] = [
  {
    id: 50,
    name: "Acme Corp",
    domain_names: ["acme.example"],
    tags: ["enterprise"],
    organization_fields: { plan: "gold" },
  },
];

function user(fields: Partial<ZendeskUser> & Pick<ZendeskUser, "id" | "role">): ZendeskUser {
  return {
    name: `User ${fields.id}`,
    email: `user${fields.id}@mail.example`,
    locale: "en-US",
    active: true,
    ...fields,
  };
}

describe("Zendesk users, organisations and groups", () => {
  it("makes groups teams with stable ids", () => {
    expect(mapGroups([{ id: 8, name: "Billing" }])).toEqual([{ id: "zd-group-8", name: "Billing" }]);
  });

  it("makes end users customers: organisation as company and attributes, locale as language", () => {
    const { customers, agents } = mapUsers(
      [user({ id: 1, role: "end-user", organization_id: 50, phone: "+4915112345678", locale: "de", tags: ["vip"] })],
      organizations,
      new Set(),
    );
    expect(agents).toEqual([]);
    expect(customers).toEqual([
      {
        id: "zd-user-1",
        name: "User 1",
        email: "user1@mail.example",
        phone: "+4915112345678",
        company: "Acme Corp",
        language: "de",
        attributes: {
          zendesk: { id: 1, tags: ["vip"] },
          organization: {
            id: 50,
            name: "Acme Corp",
            domainNames: ["acme.example"],
            tags: ["enterprise"],
            fields: { plan: "gold" },
          },
        },
      },
    ]);
  });

  it("makes agents and admins agents with their role and default group as team", () => {
    const { agents } = mapUsers(
      [user({ id: 2, role: "admin", default_group_id: 8 }), user({ id: 3, role: "agent", default_group_id: 9 })],
      [],
      new Set(["zd-group-8"]),
    );
    expect(agents.map((agent) => [agent.id, agent.role, agent.teamId])).toEqual([
      ["zd-user-2", "admin", "zd-group-8"],
      ["zd-user-3", "agent", undefined],
    ]);
  });

  it("keeps deleted and suspended users, giving a deleted agent a placeholder address", () => {
    const { agents, customers, notes } = mapUsers(
      [
        user({ id: 4, role: "agent", email: null, active: false, name: "Permanently deleted user" }),
        user({ id: 5, role: "end-user", email: null, active: false, name: "Permanently deleted user" }),
        user({ id: 6, role: "end-user", suspended: true }),
      ],
      [],
      new Set(),
    );
    expect(agents[0]).toMatchObject({ id: "zd-user-4", email: "zendesk-user-4@deleted.invalid" });
    expect(agents[0]?.attributes).toEqual({ zendesk: { id: 4, active: false } });
    expect(customers.map((customer) => [customer.id, customer.email, customer.attributes?.zendesk])).toEqual([
      ["zd-user-5", undefined, { id: 5, active: false }],
      ["zd-user-6", "user6@mail.example", { id: 6, suspended: true }],
    ]);
    expect(notes[0]).toMatch(/1 agents without a usable email/);
  });

  it("gives an address to the first user holding it and keeps a second holder's copy in attributes", () => {
    const { customers } = mapUsers(
      [
        user({ id: 7, role: "end-user", email: "Shared@Mail.example" }),
        user({ id: 8, role: "end-user", email: "shared@mail.example" }),
        user({ id: 9, role: "end-user", email: "not an address" }),
      ],
      [],
      new Set(),
    );
    expect(customers.map((customer) => customer.email)).toEqual(["shared@mail.example", undefined, undefined]);
    expect(customers[1]?.attributes?.zendesk).toMatchObject({ email: "shared@mail.example" });
    expect(customers[2]?.attributes?.zendesk).toMatchObject({ email: "not an address" });
  });

  it("takes the last version of a user the incremental export lists twice", () => {
    expect(
      latestById([
        { id: 1, name: "old" },
        { id: 2, name: "b" },
        { id: 1, name: "new" },
      ]),
    ).toEqual([
      { id: 1, name: "new" },
      { id: 2, name: "b" },
    ]);
  });

  it("sets the workspace in the time zone most agents work in, and names it after the account", () => {
    const agents = [
      user({ id: 1, role: "agent", time_zone: "Berlin", iana_time_zone: "Europe/Berlin" }),
      user({ id: 2, role: "admin", time_zone: "Europe/Berlin" }),
      user({ id: 3, role: "agent", time_zone: "Eastern Time (US & Canada)", iana_time_zone: "America/New_York" }),
      user({ id: 4, role: "end-user", iana_time_zone: "Asia/Tokyo" }),
      user({ id: 5, role: "end-user", iana_time_zone: "Asia/Tokyo" }),
    ];
    expect(commonTimeZone(agents)).toBe("Europe/Berlin");
    expect(commonTimeZone([user({ id: 6, role: "agent", time_zone: "Pacific Time (US & Canada)" })])).toBe("UTC");
    expect(accountName([null, "https://acme.zendesk.com/api/v2/tickets/1.json"])).toBe("acme (Zendesk)");
    expect(accountName(["https://example.com/x"])).toBe("Zendesk import");
  });
});
