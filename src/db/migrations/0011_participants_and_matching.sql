CREATE TABLE "participant_access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"user_id" uuid,
	"actor_label" text NOT NULL,
	"purpose" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participant_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"supplier_id" uuid,
	"given_on" date NOT NULL,
	"revoked_on" date,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participant_consents_dates_check" CHECK ("participant_consents"."revoked_on" is null or "participant_consents"."revoked_on" >= "participant_consents"."given_on")
);
--> statement-breakpoint
CREATE TABLE "participant_identities" (
	"participant_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"key_id" text NOT NULL,
	"ciphertext" text NOT NULL,
	"lookup_key_id" text NOT NULL,
	"lookup_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"profile" jsonb,
	"erased_at" timestamp with time zone,
	"erasure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"not_hired_reason" text,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"placement_id" uuid,
	"proposed_on" date NOT NULL,
	"decided_on" date,
	"proposed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recruitment_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"commitment_id" uuid,
	"supplier_id" uuid NOT NULL,
	"title" text NOT NULL,
	"ssyk_code" text,
	"occupation_name_id" text,
	"positions" integer NOT NULL,
	"extent_percent" integer NOT NULL,
	"starts_on" date NOT NULL,
	"municipality_code" text,
	"district_code" text,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"required_languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"required_driving_licences" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_on" date NOT NULL,
	"closed_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recruitment_needs_positions_check" CHECK ("recruitment_needs"."positions" between 1 and 1000),
	CONSTRAINT "recruitment_needs_extent_check" CHECK ("recruitment_needs"."extent_percent" between 1 and 100),
	CONSTRAINT "recruitment_needs_occupation_check" CHECK ("recruitment_needs"."ssyk_code" is not null or "recruitment_needs"."occupation_name_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "participant_access_log" ADD CONSTRAINT "participant_access_log_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_access_log" ADD CONSTRAINT "participant_access_log_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_access_log" ADD CONSTRAINT "participant_access_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_consents" ADD CONSTRAINT "participant_consents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_consents" ADD CONSTRAINT "participant_consents_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_consents" ADD CONSTRAINT "participant_consents_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_consents" ADD CONSTRAINT "participant_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_identities" ADD CONSTRAINT "participant_identities_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_identities" ADD CONSTRAINT "participant_identities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_need_id_recruitment_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."recruitment_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_needs" ADD CONSTRAINT "recruitment_needs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_needs" ADD CONSTRAINT "recruitment_needs_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_needs" ADD CONSTRAINT "recruitment_needs_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_needs" ADD CONSTRAINT "recruitment_needs_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_needs" ADD CONSTRAINT "recruitment_needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "participant_access_log_participant_idx" ON "participant_access_log" USING btree ("participant_id","at");--> statement-breakpoint
CREATE INDEX "participant_access_log_org_idx" ON "participant_access_log" USING btree ("organisation_id","at");--> statement-breakpoint
CREATE INDEX "participant_consents_participant_idx" ON "participant_consents" USING btree ("participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participant_identities_lookup_key" ON "participant_identities" USING btree ("organisation_id","lookup_hash");--> statement-breakpoint
CREATE INDEX "participant_identities_key_idx" ON "participant_identities" USING btree ("key_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_reference_key" ON "participants" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "participants_org_idx" ON "participants" USING btree ("organisation_id","erased_at");--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_need_participant_key" ON "proposals" USING btree ("need_id","participant_id");--> statement-breakpoint
CREATE INDEX "proposals_org_status_idx" ON "proposals" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "proposals_participant_idx" ON "proposals" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "recruitment_needs_org_status_idx" ON "recruitment_needs" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "recruitment_needs_contract_idx" ON "recruitment_needs" USING btree ("contract_id");