import { helpScoutImporter } from "./help-scout/help-scout-importer.ts";
import type { ProviderImporter } from "./provider-importer.ts";
import { zendeskImporter } from "./zendesk/zendesk-importer.ts";

/** The helpdesks `responder import --from NAME` can migrate from. */
export const providerImporters: readonly ProviderImporter[] = [zendeskImporter, helpScoutImporter];
