CREATE TABLE "article_ratings" (
	"workspace_id" text NOT NULL,
	"article_id" text NOT NULL,
	"visitor_id" text NOT NULL,
	"rating" smallint NOT NULL,
	"rated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "article_ratings_workspace_id_article_id_visitor_id_pk" PRIMARY KEY("workspace_id","article_id","visitor_id")
);
--> statement-breakpoint
CREATE TABLE "article_reads" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"article_id" text NOT NULL,
	"visitor_id" text NOT NULL,
	"customer_id" text,
	"read_at" timestamp with time zone NOT NULL,
	"dwell_ms" integer,
	"continued" boolean DEFAULT false NOT NULL,
	"interacted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "article_reads_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "known_issue_exports" (
	"workspace_id" text NOT NULL,
	"known_issue_id" text NOT NULL,
	"exports" integer NOT NULL,
	"first_exported_at" timestamp with time zone NOT NULL,
	"last_exported_at" timestamp with time zone NOT NULL,
	"tracker_url" text,
	"tracker_key" text,
	CONSTRAINT "known_issue_exports_workspace_id_known_issue_id_pk" PRIMARY KEY("workspace_id","known_issue_id")
);
--> statement-breakpoint
CREATE TABLE "broadcast_recipients" (
	"workspace_id" text NOT NULL,
	"broadcast_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"position" integer NOT NULL,
	"customer_name" text,
	"ticket_id" text NOT NULL,
	"channel" text NOT NULL,
	"language" text NOT NULL,
	"body" text NOT NULL,
	"citations" jsonb NOT NULL,
	"status" text NOT NULL,
	"claimed_at" timestamp with time zone,
	"message_id" text,
	"sent_ticket_id" text,
	"sent_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "broadcast_recipients_workspace_id_broadcast_id_customer_id_pk" PRIMARY KEY("workspace_id","broadcast_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "broadcasts" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"known_issue_id" text NOT NULL,
	"known_issue_title" text NOT NULL,
	"trigger_key" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" text,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"sent_at" timestamp with time zone,
	CONSTRAINT "broadcasts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "message_receipts" (
	"workspace_id" text NOT NULL,
	"message_id" text NOT NULL,
	"channel" text NOT NULL,
	"provider_message_id" text NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"error" text,
	CONSTRAINT "message_receipts_workspace_id_message_id_status_pk" PRIMARY KEY("workspace_id","message_id","status")
);
--> statement-breakpoint
CREATE TABLE "agent_presence" (
	"process_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"agents" integer NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agent_presence_process_id_workspace_id_pk" PRIMARY KEY("process_id","workspace_id")
);
--> statement-breakpoint
CREATE TABLE "rate_limit_windows" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer DEFAULT 1 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_due_version" integer;--> statement-breakpoint
ALTER TABLE "csat_surveys" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "article_ratings" ADD CONSTRAINT "article_ratings_workspace_id_article_id_articles_workspace_id_id_fk" FOREIGN KEY ("workspace_id","article_id") REFERENCES "public"."articles"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_reads" ADD CONSTRAINT "article_reads_workspace_id_article_id_articles_workspace_id_id_fk" FOREIGN KEY ("workspace_id","article_id") REFERENCES "public"."articles"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "known_issue_exports" ADD CONSTRAINT "known_issue_exports_workspace_id_known_issue_id_known_issues_workspace_id_id_fk" FOREIGN KEY ("workspace_id","known_issue_id") REFERENCES "public"."known_issues"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_workspace_id_broadcast_id_broadcasts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","broadcast_id") REFERENCES "public"."broadcasts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_receipts" ADD CONSTRAINT "message_receipts_workspace_id_message_id_messages_workspace_id_id_fk" FOREIGN KEY ("workspace_id","message_id") REFERENCES "public"."messages"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_reads_article" ON "article_reads" USING btree ("workspace_id","article_id","read_at");--> statement-breakpoint
CREATE INDEX "article_reads_visitor" ON "article_reads" USING btree ("workspace_id","visitor_id","read_at");--> statement-breakpoint
CREATE INDEX "article_reads_customer" ON "article_reads" USING btree ("workspace_id","customer_id","read_at") WHERE customer_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "broadcasts_trigger" ON "broadcasts" USING btree ("workspace_id","trigger_key");--> statement-breakpoint
CREATE INDEX "broadcasts_known_issue" ON "broadcasts" USING btree ("workspace_id","known_issue_id","created_at");--> statement-breakpoint
CREATE INDEX "message_receipts_provider_message" ON "message_receipts" USING btree ("workspace_id","provider_message_id");--> statement-breakpoint
CREATE INDEX "agent_presence_workspace" ON "agent_presence" USING btree ("workspace_id","seen_at");--> statement-breakpoint
CREATE INDEX "rate_limit_windows_expires" ON "rate_limit_windows" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "tickets_sla_due" ON "tickets" USING btree ("workspace_id","sla_due_at","seq") WHERE sla_due_at is not null;--> statement-breakpoint
CREATE INDEX "tickets_sla_due_stale" ON "tickets" USING btree ("workspace_id","seq") WHERE sla_due_version is distinct from version;--> statement-breakpoint
CREATE INDEX "deliveries_unfinished" ON "deliveries" USING btree ("updated_at") WHERE status in ('pending', 'sending', 'retrying');