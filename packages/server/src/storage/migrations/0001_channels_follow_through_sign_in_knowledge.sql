CREATE TABLE "csat_surveys" (
	"workspace_id" text NOT NULL,
	"ticket_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"message_id" text,
	"reminded_at" timestamp with time zone,
	"first_answered_at" timestamp with time zone,
	"closes_at" timestamp with time zone NOT NULL,
	CONSTRAINT "csat_surveys_workspace_id_ticket_id_pk" PRIMARY KEY("workspace_id","ticket_id")
);
--> statement-breakpoint
CREATE TABLE "interaction_reports" (
	"workspace_id" text NOT NULL,
	"ticket_id" text NOT NULL,
	"report" jsonb NOT NULL,
	"written_at" timestamp with time zone NOT NULL,
	CONSTRAINT "interaction_reports_workspace_id_ticket_id_pk" PRIMARY KEY("workspace_id","ticket_id")
);
--> statement-breakpoint
CREATE TABLE "macros" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"name" text NOT NULL,
	"body" text NOT NULL,
	"public" boolean DEFAULT true NOT NULL,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_assignment" (
	"workspace_id" text NOT NULL,
	"team_id" text NOT NULL,
	"strategy" text NOT NULL,
	"auto_assign" boolean DEFAULT false NOT NULL,
	"last_agent_id" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "team_assignment_workspace_id_team_id_pk" PRIMARY KEY("workspace_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "trigger_runs" (
	"trigger_id" text NOT NULL,
	"notification_id" integer NOT NULL,
	"ticket_id" text NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trigger_runs_trigger_id_notification_id_pk" PRIMARY KEY("trigger_id","notification_id")
);
--> statement-breakpoint
CREATE TABLE "triggers" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"name" text NOT NULL,
	"event" text NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"subscription_id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"notification_id" integer,
	"kind" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"response_status" smallint,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"url" text NOT NULL,
	"kinds" text[] NOT NULL,
	"description" text,
	"secret" text NOT NULL,
	"status" text NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"paused_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"channel" text NOT NULL,
	"provider" text NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secrets" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_conversations" (
	"account_id" text NOT NULL,
	"conversation" text NOT NULL,
	"last_external_id" text NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "channel_conversations_account_id_conversation_pk" PRIMARY KEY("account_id","conversation")
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"ticket_id" text NOT NULL,
	"message_id" text NOT NULL,
	"position" integer NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attachments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"workspace_id" text NOT NULL,
	"message_id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"ticket_id" text NOT NULL,
	"channel" text NOT NULL,
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"external_id" text NOT NULL,
	"provider_message_id" text,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone,
	CONSTRAINT "deliveries_workspace_id_message_id_pk" PRIMARY KEY("workspace_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"ticket_id" text NOT NULL,
	"owner_id" text,
	"due_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"promise" text NOT NULL,
	"source_message_id" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"reminded_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	CONSTRAINT "follow_ups_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "article_proposals" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"topic" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"sources" jsonb NOT NULL,
	"status" text NOT NULL,
	"article_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	CONSTRAINT "article_proposals_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "article_versions" (
	"workspace_id" text NOT NULL,
	"article_id" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"tags" text[],
	"edited_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "article_versions_workspace_id_article_id_version_pk" PRIMARY KEY("workspace_id","article_id","version")
);
--> statement-breakpoint
CREATE TABLE "agent_passwords" (
	"workspace_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"password_hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_passwords_workspace_id_agent_id_pk" PRIMARY KEY("workspace_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "agent_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "widget_conversations" (
	"workspace_id" text NOT NULL,
	"id" text NOT NULL,
	"visitor_id" text NOT NULL,
	"user_id" text,
	"channel" text NOT NULL,
	"ticket_ids" text[] DEFAULT '{}' NOT NULL,
	"last_external_id" text,
	"email" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "widget_conversations_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "widget_settings" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"identity_secret" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "csat_surveys" ADD CONSTRAINT "csat_surveys_workspace_id_ticket_id_tickets_workspace_id_id_fk" FOREIGN KEY ("workspace_id","ticket_id") REFERENCES "public"."tickets"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_reports" ADD CONSTRAINT "interaction_reports_workspace_id_ticket_id_tickets_workspace_id_id_fk" FOREIGN KEY ("workspace_id","ticket_id") REFERENCES "public"."tickets"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trigger_runs" ADD CONSTRAINT "trigger_runs_trigger_id_triggers_id_fk" FOREIGN KEY ("trigger_id") REFERENCES "public"."triggers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "triggers" ADD CONSTRAINT "triggers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."webhook_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_accounts" ADD CONSTRAINT "channel_accounts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_conversations" ADD CONSTRAINT "channel_conversations_account_id_channel_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."channel_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_workspace_id_ticket_id_tickets_workspace_id_id_fk" FOREIGN KEY ("workspace_id","ticket_id") REFERENCES "public"."tickets"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_proposals" ADD CONSTRAINT "article_proposals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_versions" ADD CONSTRAINT "article_versions_workspace_id_article_id_articles_workspace_id_id_fk" FOREIGN KEY ("workspace_id","article_id") REFERENCES "public"."articles"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_passwords" ADD CONSTRAINT "agent_passwords_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_passwords" ADD CONSTRAINT "agent_passwords_workspace_id_agent_id_agents_workspace_id_id_fk" FOREIGN KEY ("workspace_id","agent_id") REFERENCES "public"."agents"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_sessions" ADD CONSTRAINT "agent_sessions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_sessions" ADD CONSTRAINT "agent_sessions_workspace_id_agent_id_agents_workspace_id_id_fk" FOREIGN KEY ("workspace_id","agent_id") REFERENCES "public"."agents"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_conversations" ADD CONSTRAINT "widget_conversations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widget_settings" ADD CONSTRAINT "widget_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "csat_surveys_token" ON "csat_surveys" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "macros_workspace" ON "macros" USING btree ("workspace_id","seq");--> statement-breakpoint
CREATE INDEX "triggers_workspace" ON "triggers" USING btree ("workspace_id","seq");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_subscription" ON "webhook_deliveries" USING btree ("subscription_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_once" ON "webhook_deliveries" USING btree ("subscription_id","notification_id");--> statement-breakpoint
CREATE INDEX "webhook_subscriptions_workspace" ON "webhook_subscriptions" USING btree ("workspace_id","seq");--> statement-breakpoint
CREATE INDEX "channel_accounts_workspace" ON "channel_accounts" USING btree ("workspace_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "attachments_message_position" ON "attachments" USING btree ("workspace_id","message_id","position");--> statement-breakpoint
CREATE INDEX "attachments_ticket" ON "attachments" USING btree ("workspace_id","ticket_id");--> statement-breakpoint
CREATE INDEX "deliveries_ticket" ON "deliveries" USING btree ("workspace_id","ticket_id");--> statement-breakpoint
CREATE INDEX "deliveries_provider_message" ON "deliveries" USING btree ("workspace_id","provider_message_id") WHERE provider_message_id is not null;--> statement-breakpoint
CREATE INDEX "follow_ups_ticket" ON "follow_ups" USING btree ("workspace_id","ticket_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_ups_source_message" ON "follow_ups" USING btree ("workspace_id","source_message_id") WHERE source_message_id is not null;--> statement-breakpoint
CREATE INDEX "article_proposals_topic" ON "article_proposals" USING btree ("workspace_id","topic","status");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_sessions_hash" ON "agent_sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "agent_sessions_agent" ON "agent_sessions" USING btree ("workspace_id","agent_id");--> statement-breakpoint
CREATE INDEX "widget_conversations_visitor" ON "widget_conversations" USING btree ("workspace_id","visitor_id");--> statement-breakpoint
CREATE INDEX "widget_conversations_user" ON "widget_conversations" USING btree ("workspace_id","user_id");--> statement-breakpoint
CREATE INDEX "widget_conversations_tickets" ON "widget_conversations" USING gin ("ticket_ids");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_external_id" ON "messages" USING btree ("workspace_id","external_id") WHERE external_id is not null;