import { z } from "zod";

/**
 * The parts of Help Scout's Inbox API 2.0 JSON (and FreeScout's copy of it) the importer reads. Loose
 * objects: every other field is kept and lands in `attributes`. Ids are numbers in Help Scout and may
 * be strings elsewhere; both are read as strings.
 */
const identifier = z.union([z.number().int(), z.string().min(1)]).transform(String);
const text = z.string().nullish();

export const personSchema = z.looseObject({
  id: identifier.nullish(),
  type: z.string().nullish(),
  first: text,
  last: text,
  firstName: text,
  lastName: text,
  email: text,
});

export const attachmentSchema = z.looseObject({
  id: identifier.nullish(),
  filename: text,
  mimeType: text,
  size: z.number().nullish(),
  _links: z
    .looseObject({
      data: z.looseObject({ href: z.string() }).nullish(),
      web: z.looseObject({ href: z.string() }).nullish(),
    })
    .nullish(),
});

export const threadSchema = z.looseObject({
  id: identifier,
  type: z.string(),
  status: text,
  state: text,
  body: text,
  createdAt: z.string(),
  createdBy: personSchema.nullish(),
  action: z.looseObject({ type: text, text }).nullish(),
  _embedded: z.looseObject({ attachments: z.array(attachmentSchema).nullish() }).nullish(),
});

export const conversationSchema = z.looseObject({
  id: identifier,
  type: text,
  status: z.string(),
  subject: text,
  mailboxId: identifier.nullish(),
  assignee: personSchema.nullish(),
  primaryCustomer: personSchema.nullish(),
  createdBy: personSchema.nullish(),
  createdAt: z.string(),
  closedAt: text,
  tags: z.array(z.looseObject({ tag: z.string() })).nullish(),
  _embedded: z.looseObject({ threads: z.array(threadSchema).nullish() }).nullish(),
});

const contactSchema = z.looseObject({ value: z.string(), type: text });

export const customerSchema = z.looseObject({
  id: identifier,
  firstName: text,
  lastName: text,
  organization: text,
  _embedded: z
    .looseObject({
      emails: z.array(contactSchema).nullish(),
      phones: z.array(contactSchema).nullish(),
      social_profiles: z.array(contactSchema).nullish(),
      chats: z.array(contactSchema).nullish(),
      websites: z.array(z.looseObject({ value: z.string() })).nullish(),
    })
    .nullish(),
});

export const userSchema = z.looseObject({
  id: identifier,
  firstName: text,
  lastName: text,
  email: z.string(),
  role: text,
  timezone: text,
});

export const mailboxSchema = z.looseObject({ id: identifier, name: z.string() });
export const teamSchema = z.looseObject({ id: identifier, name: z.string() });

export const ratingSchema = z.looseObject({
  id: identifier,
  conversationId: identifier,
  threadId: identifier.nullish(),
  rating: z.string(),
  comments: text,
  createdAt: z.string(),
  user: personSchema.nullish(),
});

/** One page of a HAL list: `_embedded.<kind>`, `page` and `_links.next`. */
export const halPageSchema = z.looseObject({
  _embedded: z.record(z.string(), z.array(z.unknown())).nullish(),
  page: z.looseObject({ number: z.number(), totalPages: z.number(), totalElements: z.number().nullish() }).nullish(),
  _links: z.looseObject({ next: z.looseObject({ href: z.string() }).nullish() }).nullish(),
});

export type HelpScoutPerson = z.infer<typeof personSchema>;
export type HelpScoutAttachment = z.infer<typeof attachmentSchema>;
export type HelpScoutThread = z.infer<typeof threadSchema>;
export type HelpScoutConversation = z.infer<typeof conversationSchema>;
export type HelpScoutCustomer = z.infer<typeof customerSchema>;
export type HelpScoutUser = z.infer<typeof userSchema>;
export type HelpScoutMailbox = z.infer<typeof mailboxSchema>;
export type HelpScoutTeam = z.infer<typeof teamSchema>;
export type HelpScoutRating = z.infer<typeof ratingSchema>;
export type HalPage = z.infer<typeof halPageSchema>;

/** A whole account as read from the pages: what the mapping turns into one snapshot. */
export type HelpScoutAccount = {
  mailboxes: HelpScoutMailbox[];
  users: HelpScoutUser[];
  teams: HelpScoutTeam[];
  customers: HelpScoutCustomer[];
  conversations: HelpScoutConversation[];
  ratings: HelpScoutRating[];
  /** Anything the download learnt that the pages cannot say, e.g. that ratings were not available. */
  notes?: string[];
};
