import { prepareMix, runMix, cacheLookups } from './api-mix.js';
import { DEMO_PASSWORD } from '../../src/db/seed/seed-demo.js';
const base = process.argv[2]!;
const seconds = Number(process.argv[3] ?? 10);
const mix = await prepareMix(base, DEMO_PASSWORD);
const r = await runMix(base, mix, { connections: 32, seconds, writesPerSecond: 5 });
console.log(JSON.stringify(r), JSON.stringify(await cacheLookups(base)), JSON.stringify(await cacheLookups(base, 'procurement_page')));
