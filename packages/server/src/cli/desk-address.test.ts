import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalAdminToken, deskAddressFileName, findRunningDesk, publishDeskAddress } from "./desk-address.ts";

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "responder-address-"));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The pid of a process that has ended. */
async function endedPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.on("exit", resolve));
  if (child.pid === undefined) throw new Error("the child process did not start");
  return child.pid;
}

describe("the desk's address file", () => {
  it("is written whole, readable by its owner only, and names this process", async () => {
    const token = createLocalAdminToken();
    await publishDeskAddress(folder, { url: "http://127.0.0.1:4100", token });

    const file = path.join(folder, deskAddressFileName);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ url: "http://127.0.0.1:4100", pid: process.pid, token });
    expect(await findRunningDesk(folder)).toEqual({ url: "http://127.0.0.1:4100", pid: process.pid, token });
  });

  it("gives a different secret of 32 random bytes on every run", () => {
    const first = createLocalAdminToken();
    const second = createLocalAdminToken();
    expect(first).not.toBe(second);
    expect(Buffer.from(first.replace(/^local_/, ""), "base64url")).toHaveLength(32);
  });

  it("is ignored when the process it names no longer runs", async () => {
    const pid = await endedPid();
    await publishDeskAddress(folder, { url: "http://127.0.0.1:4100", token: createLocalAdminToken() }, pid);
    expect(await findRunningDesk(folder)).toBeNull();
  });

  it("is ignored when it is missing or does not parse", async () => {
    expect(await findRunningDesk(folder)).toBeNull();
    await writeFile(path.join(folder, deskAddressFileName), '{"url": "http://127.0.0.1:4100", "pid":');
    expect(await findRunningDesk(folder)).toBeNull();
    await writeFile(path.join(folder, deskAddressFileName), JSON.stringify({ url: "not a url", pid: process.pid }));
    expect(await findRunningDesk(folder)).toBeNull();
  });

  it("is removed when the desk stops, but not when another desk has written its own since", async () => {
    const published = await publishDeskAddress(folder, {
      url: "http://127.0.0.1:4100",
      token: createLocalAdminToken(),
    });
    await published.remove();
    await expect(stat(path.join(folder, deskAddressFileName))).rejects.toThrow(/ENOENT/);

    const older = await publishDeskAddress(folder, { url: "http://127.0.0.1:4100", token: createLocalAdminToken() }, 1);
    const newer = { url: "http://127.0.0.1:4200", token: createLocalAdminToken() };
    await publishDeskAddress(folder, newer);
    await older.remove();
    expect(await findRunningDesk(folder)).toEqual({ ...newer, pid: process.pid });
  });
});
