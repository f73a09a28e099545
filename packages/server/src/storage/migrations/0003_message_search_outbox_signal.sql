-- Hand-written (drizzle-kit keeps no functions or triggers, and the search column is kept out of the
-- drizzle schema so that reading messages never fetches it).
-- New outbox rows announce themselves (LISTEN responder_outbox), so live feeds in every desk process wake at once.
CREATE OR REPLACE FUNCTION "responder_announce_outbox"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('responder_outbox', '');
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "notifications_announce" AFTER INSERT ON "notifications" FOR EACH STATEMENT EXECUTE FUNCTION "responder_announce_outbox"();
--> statement-breakpoint
-- Message search (storage/message-search.ts): the 'simple' configuration matches word for word in every language.
ALTER TABLE "messages" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED;
--> statement-breakpoint
CREATE INDEX "messages_search" ON "messages" USING gin ("search");
