-- Hand-written (drizzle-kit keeps no functions or triggers).
-- The ticket-create statement announces its rows after commit, sharing one NOTIFY with
-- the creates committed meanwhile (storage/outbox-announcer.ts), and says so with a setting local to
-- its transaction; every other writer is still announced by this trigger.
CREATE OR REPLACE FUNCTION "responder_announce_outbox"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF current_setting('responder.outbox_announced_after_commit', true) IS DISTINCT FROM 'on' THEN
		PERFORM pg_notify('responder_outbox', '');
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The report's per-ticket times (columns added in 0005; insights/report-figures.ts): kept on the
-- ticket so that a month's report reads one row per ticket instead of grouping every message and
-- event. Only times are kept, never yes/no answers, so a past month's report is the same whatever
-- happened to its tickets later.
-- The whole definition: the times recomputed from a ticket's messages and events. Used for existing
-- tickets below, and wherever messages move between tickets (a merge) or a snapshot is imported.
CREATE OR REPLACE FUNCTION "responder_refresh_report_figures"(workspace text, ticket_ids text[]) RETURNS void LANGUAGE sql AS $$
	UPDATE tickets t SET
		first_reply_at = r.first_at,
		second_reply_at = r.second_at,
		first_escalated_at = e.first_escalated_at,
		first_reopened_at = e.first_reopened_at,
		first_solved_at = e.solved_at[1],
		last_solved_at = e.solved_at[cardinality(e.solved_at)],
		solved_at = e.solved_at
	FROM unnest(ticket_ids) AS chosen(id)
	LEFT JOIN LATERAL (
		SELECT min(m.at) AS first_at, (array_agg(m.at ORDER BY m.at))[2] AS second_at
		FROM messages m
		WHERE m.workspace_id = workspace AND m.ticket_id = chosen.id
			AND m.public AND (m.author = 'responder' OR m.author LIKE 'agent:%')
	) r ON true
	LEFT JOIN LATERAL (
		SELECT
			min(ev.at) FILTER (WHERE ev.type = 'escalated') AS first_escalated_at,
			min(ev.at) FILTER (WHERE ev.type = 'reopened') AS first_reopened_at,
			array_agg(ev.at ORDER BY ev.at) FILTER (WHERE ev.type = 'status_changed') AS solved_at
		FROM ticket_events ev
		WHERE ev.workspace_id = workspace AND ev.ticket_id = chosen.id
			AND (ev.type IN ('escalated', 'reopened') OR (ev.type = 'status_changed' AND ev.to_value = 'solved'))
	) e ON true
	WHERE t.workspace_id = workspace AND t.id = chosen.id;
$$;
--> statement-breakpoint
-- A new public reply by an agent or the responder: keep the first two reply times. Bulk writers that
-- refresh the figures themselves afterwards (a snapshot import) turn these triggers off for their
-- transaction with `SET LOCAL responder.defer_report_figures = 'on'`.
CREATE OR REPLACE FUNCTION "responder_note_reply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE tickets SET
		first_reply_at = least(first_reply_at, NEW.at),
		second_reply_at = CASE
			WHEN first_reply_at IS NULL THEN NULL
			WHEN NEW.at < first_reply_at THEN first_reply_at
			ELSE least(second_reply_at, NEW.at)
		END
	WHERE workspace_id = NEW.workspace_id AND id = NEW.ticket_id
		AND (first_reply_at IS NULL OR second_reply_at IS NULL OR NEW.at < second_reply_at);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "messages_report_figures" AFTER INSERT ON "messages" FOR EACH ROW
	WHEN (NEW.public AND (NEW.author = 'responder' OR NEW.author LIKE 'agent:%')
		AND current_setting('responder.defer_report_figures', true) IS DISTINCT FROM 'on')
	EXECUTE FUNCTION "responder_note_reply"();
--> statement-breakpoint
-- A new escalation, reopening or solve.
CREATE OR REPLACE FUNCTION "responder_note_ticket_event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.type = 'escalated' THEN
		UPDATE tickets SET first_escalated_at = least(first_escalated_at, NEW.at)
		WHERE workspace_id = NEW.workspace_id AND id = NEW.ticket_id
			AND (first_escalated_at IS NULL OR NEW.at < first_escalated_at);
	ELSIF NEW.type = 'reopened' THEN
		UPDATE tickets SET first_reopened_at = least(first_reopened_at, NEW.at)
		WHERE workspace_id = NEW.workspace_id AND id = NEW.ticket_id
			AND (first_reopened_at IS NULL OR NEW.at < first_reopened_at);
	ELSE
		-- Kept in order, so the report can count the solves before an instant with a binary search.
		UPDATE tickets SET
			first_solved_at = least(first_solved_at, NEW.at),
			last_solved_at = greatest(last_solved_at, NEW.at),
			solved_at = CASE
				WHEN solved_at IS NULL THEN ARRAY[NEW.at]
				WHEN NEW.at >= solved_at[cardinality(solved_at)] THEN solved_at || NEW.at
				ELSE (SELECT array_agg(solve ORDER BY solve) FROM unnest(solved_at || NEW.at) AS solve)
			END
		WHERE workspace_id = NEW.workspace_id AND id = NEW.ticket_id;
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "ticket_events_report_figures" AFTER INSERT ON "ticket_events" FOR EACH ROW
	WHEN ((NEW.type IN ('escalated', 'reopened') OR (NEW.type = 'status_changed' AND NEW.to_value = 'solved'))
		AND current_setting('responder.defer_report_figures', true) IS DISTINCT FROM 'on')
	EXECUTE FUNCTION "responder_note_ticket_event"();
--> statement-breakpoint
-- Existing tickets, set-based (one pass over messages and one over events).
UPDATE tickets t SET first_reply_at = r.first_at, second_reply_at = r.second_at
FROM (
	SELECT workspace_id, ticket_id, min(at) AS first_at, (array_agg(at ORDER BY at))[2] AS second_at
	FROM messages
	WHERE public AND (author = 'responder' OR author LIKE 'agent:%')
	GROUP BY workspace_id, ticket_id
) r
WHERE t.workspace_id = r.workspace_id AND t.id = r.ticket_id;
--> statement-breakpoint
UPDATE tickets t SET
	first_escalated_at = e.first_escalated_at,
	first_reopened_at = e.first_reopened_at,
	first_solved_at = e.solved_at[1],
	last_solved_at = e.solved_at[cardinality(e.solved_at)],
	solved_at = e.solved_at
FROM (
	SELECT workspace_id, ticket_id,
		min(at) FILTER (WHERE type = 'escalated') AS first_escalated_at,
		min(at) FILTER (WHERE type = 'reopened') AS first_reopened_at,
		array_agg(at ORDER BY at) FILTER (WHERE type = 'status_changed') AS solved_at
	FROM ticket_events
	WHERE type IN ('escalated', 'reopened') OR (type = 'status_changed' AND to_value = 'solved')
	GROUP BY workspace_id, ticket_id
) e
WHERE t.workspace_id = e.workspace_id AND t.id = e.ticket_id;
