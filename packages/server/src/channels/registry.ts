import type { Settings } from "../config/config.ts";
import type { Channel } from "../core/channels/channel.ts";
import type { ChannelRegistry } from "../core/channels/channel-ports.ts";
import type { ChannelName } from "../core/snapshot/snapshot-schema.ts";
import type { DatabaseHandle } from "../storage/database.ts";
import { createEmailChannel } from "./email/email-channel.ts";

/** What a channel may need to send: the desk's settings and its database (e.g. for account credentials). */
export type ChannelContext = { settings: Settings; database: DatabaseHandle };

/** The senders a desk process uses, one line per channel; a channel that is not configured adds none. */
export function configuredChannels(context: ChannelContext): Channel[] {
  return [...(context.settings.email.outbound ? [createEmailChannel(context.settings.email.outbound)] : [])];
}

/**
 * The channels replies go out on, by channel and provider. The first channel listed for a channel
 * name is its default: a ticket whose provider has no sender of its own (an email that came in over
 * IMAP, a ticket an agent opened) goes out through it.
 */
export function createChannelRegistry(channels: readonly Channel[]): ChannelRegistry {
  const exact = new Map<string, Channel>();
  const defaults = new Map<ChannelName, Channel>();
  for (const channel of channels) {
    const key = `${channel.channel}:${channel.provider}`;
    if (exact.has(key)) throw new Error(`two senders registered for ${channel.channel} over ${channel.provider}`);
    exact.set(key, channel);
    if (!defaults.has(channel.channel)) defaults.set(channel.channel, channel);
  }
  return {
    find: (channel, provider) =>
      (provider ? exact.get(`${channel}:${provider}`) : undefined) ?? defaults.get(channel) ?? null,
  };
}
