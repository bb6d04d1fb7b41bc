CREATE TABLE "organisation_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"unit_id" uuid,
	"year" integer NOT NULL,
	"metric" text NOT NULL,
	"target" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "organisation_goals_target_check" CHECK ("organisation_goals"."target" >= 0 and "organisation_goals"."target" <= 1000000),
	CONSTRAINT "organisation_goals_year_check" CHECK ("organisation_goals"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "results_settings" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"licence" text DEFAULT 'cc-by-4.0' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "organisation_goals" ADD CONSTRAINT "organisation_goals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_goals" ADD CONSTRAINT "organisation_goals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_goals" ADD CONSTRAINT "organisation_goals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results_settings" ADD CONSTRAINT "results_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results_settings" ADD CONSTRAINT "results_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_goals_org_year_idx" ON "organisation_goals" USING btree ("organisation_id","year","metric");