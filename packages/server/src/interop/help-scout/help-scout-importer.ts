import type { ProviderImporter } from "../provider-importer.ts";
import { downloadHelpScout } from "./download-help-scout.ts";
import { mapHelpScoutAccount } from "./map-help-scout.ts";
import { readHelpScoutFolder } from "./read-help-scout-folder.ts";

/** Help Scout's Inbox API 2.0, and FreeScout's API module, which speaks the same JSON. */
export const helpScoutImporter: ProviderImporter = {
  name: "helpscout",
  download: downloadHelpScout,
  async readFolder(folder) {
    return mapHelpScoutAccount(await readHelpScoutFolder(folder));
  },
};
