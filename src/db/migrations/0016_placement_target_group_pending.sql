-- A placement the supplier recorded itself waits for the labour-market unit to confirm its target
-- group when the participant has no verified judgment that fits the commitment (decision 0604);
-- until then it counts toward no commitment. Existing placements were all recorded by the buyer.
ALTER TABLE "placements" ADD COLUMN "target_group_pending" boolean DEFAULT false NOT NULL;
