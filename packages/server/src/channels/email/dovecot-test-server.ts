import { spawn } from "node:child_process";
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, Socket } from "node:net";
import os from "node:os";
import path from "node:path";

const dovecotBinary = process.env.DOVECOT_BINARY ?? "/usr/sbin/dovecot";

export type DovecotServer = { port: number; user: string; password: string; stop(): Promise<void> };

/**
 * Debian's dovecot on a free loopback port with its whole configuration, state and mail in a
 * temporary folder: plain IMAP login, one user, Maildir. Run as root it hands mail to the
 * `dovecot` user (dovecot refuses mail access as root); otherwise everything runs as the caller.
 */
export async function startDovecot(): Promise<DovecotServer> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "responder-dovecot-"));
  // mkdtemp makes it private; dovecot's own unprivileged processes read the passwd file in it.
  await chmod(folder, 0o755);
  const port = await freePort();
  const user = "desk";
  const password = "desk-mailbox-password";
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? await systemUser("dovecot") : { uid: os.userInfo().uid, gid: os.userInfo().gid };
  const home = path.join(folder, "home");
  await mkdir(path.join(home, user), { recursive: true });
  if (asRoot) {
    await chown(home, owner.uid, owner.gid);
    await chown(path.join(home, user), owner.uid, owner.gid);
  }
  await writeFile(path.join(folder, "passwd"), `${user}:{PLAIN}${password}::::::\n`);
  const unprivileged = asRoot
    ? ""
    : `default_login_user = ${os.userInfo().username}\ndefault_internal_user = ${os.userInfo().username}\n`;
  const disabled = (service: string, listener: string) =>
    `service ${service} {\n  inet_listener ${listener} {\n    port = 0\n  }\n}\n`;
  await writeFile(
    path.join(folder, "dovecot.conf"),
    `base_dir = ${folder}/run
state_dir = ${folder}/state
log_path = ${folder}/dovecot.log
${unprivileged}protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${folder}/passwd
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${home}/%u
}
mail_location = maildir:~/Maildir
mailbox_idle_check_interval = 1 secs
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
${disabled("pop3-login", "pop3")}${disabled("submission-login", "submission")}service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  // In the foreground, as our own child: stopping it is killing the process we started.
  const master = spawn(dovecotBinary, ["-F", "-c", path.join(folder, "dovecot.conf")], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => master.once("exit", () => resolve()));
  try {
    await waitForPort(port);
  } catch (error) {
    master.kill("SIGTERM");
    const log = await readFile(path.join(folder, "dovecot.log"), "utf8").catch(() => "");
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return {
    port,
    user,
    password,
    async stop() {
      master.kill("SIGTERM");
      await exited;
      await rm(folder, { recursive: true, force: true });
    },
  };
}

async function systemUser(name: string): Promise<{ uid: number; gid: number }> {
  const passwd = await readFile("/etc/passwd", "utf8");
  const fields = passwd
    .split("\n")
    .find((line) => line.startsWith(`${name}:`))
    ?.split(":");
  if (!fields) throw new Error(`the ${name} user is missing: install dovecot-imapd`);
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
      socket.connect(port, "127.0.0.1");
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not open port ${port}`);
}
