import { openDatabase } from '/work/main/src/db/client.js';
import { findProcurement } from '/work/main/src/server/features/procurements/procurement-repository.js';
import { sql } from 'drizzle-orm';
const h = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/hansyn_bench_5b0f8a741af2' });
const r = await h.db.execute(sql`select id, organisation_id from procurements limit 1`);
const row = (r as any).rows?.[0] ?? (r as any)[0];
try { console.log(await findProcurement(h.db, row.organisation_id, row.id)); } catch (e) { console.error(e); }
await h.close();
