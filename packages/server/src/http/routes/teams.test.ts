import { afterEach, describe, expect, it } from "vitest";
import { defaultTeamIds } from "../../core/routing/routing-rules.ts";
import { ensureDefaultWorkspaceTiers } from "../../desk.ts";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import { escalationPathOf } from "./teams.ts";

let desk: TestDesk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

describe("GET /api/v1/teams", () => {
  it("lists each team with the teams an escalation from it passes through, in order", async () => {
    desk = await createTestDesk();
    await ensureDefaultWorkspaceTiers(desk.database, desk.workspaceId);
    const agent = apiClient(await desk.app(), await desk.issueToken("agent"));
    const response = await agent.get("/teams");
    expect(response.status).toBe(200);
    const teams = (response.body as { teams: { id: string; escalatesTo: string | null; escalationPath: string[] }[] })
      .teams;
    const pathOf = (id: string) => teams.find((team) => team.id === id)?.escalationPath;
    const { general, technical, specialists, billing } = defaultTeamIds;
    expect(pathOf(general)).toEqual([technical, specialists]);
    expect(pathOf(billing)).toEqual([general, technical, specialists]);
    expect(pathOf(specialists)).toEqual([]);
    expect(teams.find((team) => team.id === specialists)?.escalatesTo).toBeNull();
  });

  it("refuses a caller without a token", async () => {
    desk = await createTestDesk();
    expect((await apiClient(await desk.app()).get("/teams")).status).toBe(401);
  });
});

describe("escalationPathOf", () => {
  it("stops before a team it has already passed, so a loop in the paths ends", () => {
    const teams = [
      { id: "a", name: "A", escalatesTo: "b" },
      { id: "b", name: "B", escalatesTo: "c" },
      { id: "c", name: "C", escalatesTo: "a" },
    ];
    expect(escalationPathOf(teams, "a")).toEqual(["b", "c"]);
    expect(escalationPathOf(teams, "c")).toEqual(["a", "b"]);
  });

  it("stops at a team the workspace does not have", () => {
    expect(escalationPathOf([{ id: "a", name: "A", escalatesTo: "gone" }], "a")).toEqual([]);
  });
});
