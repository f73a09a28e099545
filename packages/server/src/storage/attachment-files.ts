import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { AttachmentFiles } from "../core/channels/channel-ports.ts";

/** Attachment bytes as files under one folder (by default `attachments` in the data folder). */
export function createFolderAttachmentFiles(folder: string): AttachmentFiles {
  const root = path.resolve(folder);
  const fileOf = (key: string) => {
    if (!/^[a-z0-9][a-z0-9/_-]*$/i.test(key) || key.includes("..")) throw new Error(`unsafe attachment key ${key}`);
    return path.join(root, key);
  };
  return {
    async write(key, content) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside and renamed, so a reader never sees half a file.
      const partial = `${file}.${process.pid}.${Date.now()}.partial`;
      await writeFile(partial, content);
      await rename(partial, file);
    },
    async read(key) {
      try {
        return await readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}

/** For an in-memory desk (tests): the bytes live as long as the process. */
export function createMemoryAttachmentFiles(): AttachmentFiles {
  const files = new Map<string, Buffer>();
  return {
    write: async (key, content) => {
      files.set(key, Buffer.from(content));
    },
    read: async (key) => files.get(key) ?? null,
  };
}
