import type { ProviderImporter } from "../provider-importer.ts";
import { downloadZendesk } from "./download-zendesk.ts";
import { readZendeskFolder } from "./read-zendesk-folder.ts";

/** Zendesk Support: from a folder of the API's JSON pages, or downloaded from the account with an API token. */
export const zendeskImporter: ProviderImporter = {
  name: "zendesk",
  download: downloadZendesk,
  readFolder: readZendeskFolder,
};
