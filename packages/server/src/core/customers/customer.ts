export type Customer = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  handles: Record<string, string> | null;
  company: string | null;
  plan: string | null;
  language: string | null;
  attributes: Record<string, unknown> | null;
};

export type AccountEvent = {
  id: string;
  customerId: string;
  at: Date;
  type: string;
  data: Record<string, unknown> | null;
};

/** How a message names its sender: an id we know, or a way of reaching them. */
export type CustomerReference = { id?: string; email?: string; phone?: string; name?: string };
