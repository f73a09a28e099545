import type { SnapshotAgent, SnapshotTeam, SnapshotWorkspace } from "../core/snapshot/snapshot-schema.ts";

export const demoCompany = "Northwind Analytics";
export const demoHelpCenter = "https://help.northwind-analytics.com";
export const demoTimeZone = "America/New_York";

export const demoWorkspaceSettings: SnapshotWorkspace = {
  name: `${demoCompany} Support`,
  timezone: demoTimeZone,
  businessHours: { days: ["mon", "tue", "wed", "thu", "fri"], start: "08:00", end: "20:00" },
  slaPolicies: [
    { channel: "email", firstResponseMinutes: 120, resolutionMinutes: 1440 },
    { channel: "chat", firstResponseMinutes: 1 },
    { channel: "social", firstResponseMinutes: 60 },
    { priority: "urgent", firstResponseMinutes: 60 },
  ],
  reportInBusinessHours: false,
};

/** Staffed hours (local): weekdays 08:00–20:00, weekends a smaller crew 10:00–16:00. */
export const demoStaffedHours = { weekdays: [8, 20], weekends: [10, 16] } as const;

export const demoTeams: SnapshotTeam[] = [
  { id: "support", name: "Support", escalatesTo: "technical-support" },
  { id: "technical-support", name: "Technical support", escalatesTo: "engineering" },
  { id: "engineering", name: "Engineering" },
  { id: "billing", name: "Billing", escalatesTo: "support" },
  { id: "privacy", name: "Privacy", escalatesTo: "engineering" },
];

export type DemoAgent = SnapshotAgent & { firstName: string; languages: readonly string[] };

const agent = (
  id: string,
  name: string,
  teamId: string,
  languages: readonly string[],
  role: SnapshotAgent["role"] = "agent",
): DemoAgent => ({
  id,
  name,
  email: `${id.replace("-", ".")}@northwind-analytics.com`,
  role,
  teamId,
  firstName: name.split(" ")[0] ?? name,
  languages,
});

export const demoAgents: readonly DemoAgent[] = [
  agent("priya-raman", "Priya Raman", "support", ["en"], "admin"),
  agent("daniel-okafor", "Daniel Okafor", "support", ["en"]),
  agent("sofia-martinez", "Sofia Martínez", "support", ["en", "es"]),
  agent("lukas-becker", "Lukas Becker", "support", ["en", "de"]),
  agent("hannah-kim", "Hannah Kim", "technical-support", ["en"]),
  agent("wei-zhang", "Wei Zhang", "technical-support", ["en", "zh"]),
  agent("aisha-thompson", "Aisha Thompson", "billing", ["en"]),
  agent("claire-dubois", "Claire Dubois", "privacy", ["en", "fr"]),
];

export const snapshotAgent = ({ firstName: _firstName, languages: _languages, ...rest }: DemoAgent): SnapshotAgent =>
  rest;

export const findDemoAgent = (id: string): DemoAgent => {
  const found = demoAgents.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no demo agent ${id}`);
  return found;
};

export const customerNames: Record<string, { first: readonly string[]; last: readonly string[] }> = {
  en: {
    first: [
      "Olivia",
      "James",
      "Amara",
      "Ethan",
      "Chloe",
      "Marcus",
      "Priyanka",
      "Noah",
      "Grace",
      "Tomás",
      "Leah",
      "Samuel",
      "Nadia",
      "Owen",
      "Harper",
      "Kwame",
      "Isabel",
      "Ryan",
      "Zara",
      "Caleb",
      "Fatima",
      "Ben",
      "Ruth",
      "Arjun",
      "Megan",
      "Luis",
      "Tessa",
      "Ibrahim",
      "Hannah",
      "Connor",
      "Yuki",
      "Jasmine",
      "Victor",
      "Naomi",
      "Elijah",
      "Rosa",
      "Dylan",
      "Aaliyah",
      "Patrick",
      "Mei",
      "Jordan",
      "Sienna",
      "Tyler",
      "Imani",
      "Gareth",
      "Kavya",
      "Sean",
      "Lila",
    ],
    last: [
      "Nguyen",
      "Patel",
      "O'Brien",
      "Johnson",
      "Okoye",
      "Walsh",
      "Reyes",
      "Kowalski",
      "Bennett",
      "Hughes",
      "Singh",
      "Carter",
      "Ahmed",
      "Fraser",
      "Lindqvist",
      "Murphy",
      "Brooks",
      "Tanaka",
      "Mensah",
      "Foster",
      "Delgado",
      "Shah",
      "Russo",
      "Campbell",
      "Ellis",
      "Park",
      "Hayes",
      "Greene",
      "Iyer",
      "Morales",
      "Price",
      "Sullivan",
      "Khan",
      "Wood",
    ],
  },
  de: {
    first: ["Jonas", "Lena", "Felix", "Katharina", "Tobias", "Anna", "Matthias", "Sophie", "Stefan", "Julia"],
    last: ["Weber", "Hoffmann", "Schulz", "Wagner", "Krüger", "Neumann", "Fischer", "Braun", "Zimmermann", "Vogel"],
  },
  es: {
    first: ["Lucía", "Javier", "Carmen", "Diego", "Valentina", "Andrés", "Paula", "Miguel", "Elena", "Raúl"],
    last: ["García", "Fernández", "Ruiz", "Torres", "Navarro", "Castillo", "Vargas", "Ortega", "Molina", "Herrera"],
  },
  fr: {
    first: ["Camille", "Julien", "Manon", "Antoine", "Élodie", "Nicolas", "Inès", "Mathieu", "Clémence", "Hugo"],
    last: ["Lefèvre", "Moreau", "Girard", "Fontaine", "Rousseau", "Blanc", "Chevalier", "Mercier", "Garnier", "Faure"],
  },
  zh: {
    first: ["Wei", "Jing", "Lei", "Xiaoling", "Hao", "Yan", "Jun", "Mingyu", "Lan", "Tao"],
    last: ["Wang", "Li", "Zhang", "Liu", "Chen", "Zhao", "Huang", "Zhou", "Wu", "Xu"],
  },
};

export const customerCompanies: Record<string, readonly (readonly [string, string])[]> = {
  en: [
    ["Copperline Retail", "copperline.co"],
    ["Harbor & Pine", "harborandpine.com"],
    ["Lumen Health", "lumenhealth.io"],
    ["Tidewater Logistics", "tidewaterlogistics.com"],
    ["Oakridge Learning", "oakridgelearning.org"],
    ["Pixelfarm", "pixelfarm.dev"],
    ["Summit Outdoor Co.", "summitoutdoor.com"],
    ["Bluejay Travel", "bluejaytravel.com"],
    ["Fernhill Coffee", "fernhillcoffee.com"],
    ["Quarry Labs", "quarrylabs.io"],
    ["Northgate Realty", "northgaterealty.com"],
    ["Kestrel Fitness", "kestrelfit.com"],
    ["Marigold Foods", "marigoldfoods.com"],
    ["Atlas Freight", "atlasfreight.com"],
    ["Silverbirch Media", "silverbirch.media"],
    ["Redwood Dental Group", "redwooddental.com"],
    ["Juniper Apparel", "juniperapparel.com"],
    ["Clearpath Insurance", "clearpathins.com"],
    ["Orbit Games", "orbitgames.gg"],
    ["Meadowbrook Farms", "meadowbrookfarms.com"],
    ["Velvet Hammer Agency", "velvethammer.agency"],
    ["Crescent Bank", "crescentbank.com"],
    ["Ridgeback Software", "ridgeback.software"],
    ["Sparrow Nonprofit Network", "sparrownetwork.org"],
    ["Granite City Brewing", "granitecitybrewing.com"],
    ["Halcyon Hotels", "halcyonhotels.com"],
    ["Beacon Home Care", "beaconhomecare.com"],
  ],
  de: [
    ["Helix Logistik GmbH", "helix-logistik.de"],
    ["Bergmann Möbel", "bergmann-moebel.de"],
    ["Nordlicht Reisen", "nordlicht-reisen.de"],
    ["Rheinwerk Digital", "rheinwerk-digital.de"],
  ],
  es: [
    ["Olivar Cosmética", "olivarcosmetica.es"],
    ["Cumbre Viajes", "cumbreviajes.mx"],
    ["Brisa Moda", "brisamoda.es"],
  ],
  fr: [
    ["Maison Lumière", "maisonlumiere.fr"],
    ["Atelier Sauvage", "ateliersauvage.fr"],
    ["Caravelle Éditions", "caravelle-editions.fr"],
  ],
  zh: [
    ["青藤科技", "qingteng-tech.cn"],
    ["星河电商", "xinghe-shop.com"],
  ],
};

export const personalEmailDomains = ["gmail.com", "outlook.com", "icloud.com", "proton.me", "yahoo.com"] as const;
