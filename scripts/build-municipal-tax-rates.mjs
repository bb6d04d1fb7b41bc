#!/usr/bin/env node
// Builds src/reference/effects/municipal-tax-rates.csv from local copies of the sources named in
// its header comment. Dependency-free: Node's standard library only. The CSV in the repository is
// the product; this script only shows how it was made and refuses to write when a check fails.
//
// Usage (paths are local copies; the sources are not in this repository):
//   node scripts/build-municipal-tax-rates.mjs \
//     --kommuner src/reference/se/kommuner-scb.csv \
//     --totals DIR        (skattesnurra's gamladata/församlingar-YYYY.json, one file a year)
//     --split2025 FILE    (hardrockhodl/salary src/data/skattesatser-kommuner-2025.json)
//     --check2025 FILE    (bombsimon/household-budget src/data/municipalities.ts)
//     --split2019 FILE    (jelu000/bokforing skattesatser-2019_2.csv: Skatteverket's 2019 file, per parish)
//     --keep FILE         (the current CSV: its rows for years this script does not build are kept)
//     --out FILE
import fs from 'node:fs';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
for (const name of ['kommuner', 'totals', 'split2025', 'check2025', 'split2019', 'keep', 'out']) {
  if (!args[name]) throw new Error(`--${name} is required`);
}

const BUILT_YEARS = [2020, 2021, 2022, 2023, 2024, 2025, 2026];
// 2019 is not derived: Skatteverket's 2019 file gives the split itself (see "2019, direct" below).
const DIRECT_YEAR = 2019;
const READ = '2026-12-07';

// ---- copies read (repository, path, commit); the header comment of the CSV describes each ----
const TOTALS_SHORT = (year) => `inthevidual/skattesnurra gamladata/församlingar-${year}.json @885e348`;
const SPLIT_SHORT = 'hardrockhodl/salary src/data/skattesatser-kommuner-2025.json @b5dd831';
const CHECK_SHORT = 'bombsimon/household-budget src/data/municipalities.ts @7f2e443';
const SPLIT2019_SHORT = 'jelu000/bokforing skattesatser-2019_2.csv @9414a94';

// ---- regional-rate changes between years, each as reported by SCB/SKR (county code -> change) ----
// The regional rate of year Y is the 2025 rate walked back (or forward) through these changes;
// the keys R2021…R2026 in the CSV rows point here and to the CSV's header comment.
// A county not named did not change: each entry's source says so for the whole country.
const REGIONAL_CHANGES = {
  2026: { changes: { '01': -0.05, 24: 0.5 }, source: 'SCB, Kommunalskatterna 2026 (as reported by TT in Realtid, 2025-12-15: Region Stockholm −5 öre, Region Västerbotten +50 öre; only these regions are named)' },
  2025: { changes: { 17: 0.6, 20: 0.35 }, source: 'SCB, Kommunalskatterna 2025 (as reported by marcusoscarsson.se 2024-12-17 and Sweden Herald: Värmland +60 öre and Dalarna +35 öre are the only regions that change)' },
  2024: {
    changes: { 18: 0.75, '01': 0.3, 20: 0.01 },
    // Dalarna's +1 öre is a tax swap (the municipalities −1 öre, totals unchanged), inferred: Region
    // Dalarna set 11.63 for 2020 and 2021 (its own news, 2020-10-28), no region changed for 2022 or
    // 2023 (SKR), and 2024 is 11.99 − 0.35 = 11.64.
    swaps: ['20'],
    source: 'SCB, Kommunalskatterna 2024 (as reported by finanstid.se, December 2023: only Örebro +75 öre, Stockholm and Dalarna raise); Stockholm +30 öre (Stockholms stad); Dalarna +1 öre as a swap, inferred (see the header)',
  },
  2023: { changes: {}, source: 'SKR, "Kommunalskatteförändringar 2023" (2022-12-27): no region changes its rate and there are no tax swaps' },
  2022: { changes: {}, source: 'SKR, "Kommunalskatteförändringar 2022" (2021-12-22): no region changes its rate and there are no tax swaps' },
  2021: { changes: {}, source: 'SCB on the 2021 rates (as reported by aktuellanyheteriveckan.se: "Samtliga regioner låter skattesatsen stå orörd")' },
};

// ---- second sources for single rows (year, code, municipal, regional, where read) ----
const SECOND_SOURCES = [
  ...[2020, 2021, 2022, 2023].map((year) => [year, '0180', 17.74, 12.08, `Stockholms stad, "Kommunalskatten" (start.stockholm), table since 2000, read ${READ}`]),
  [2024, '0180', 17.98, 12.38, `Stockholms stad, "Kommunalskatten" (start.stockholm), the 2024 rates, read ${READ}`],
  [2019, '0180', 17.74, 12.08, `Stockholms stad, "Kommunalskatten" (start.stockholm), table since 2000, read ${READ}`],
  ...[['1315', 21.45], ['1380', 20.98], ['1381', 20.58], ['1382', 21.1], ['1383', 20.33], ['1384', 21.33]].map(([code, m]) => [2019, code, m, 10.82, `Regionfakta, "Kommunalskatt", Hallands län (regionfakta.com/hallands-lan/regional-ekonomi/kommunalskatt/, updated 2018-12-17, source SCB/Skatteverket), read ${READ}`]),
  [2022, '1480', 21.12, 11.48, `Göteborgs Stad, "Kommunalskatten" (goteborg.se), 2022 rates, read ${READ}`],
  ...[['1440', 21.87, 11.48], ['1489', 21.36, 11.48], ['0764', 21.42, 12], ['0604', 22.09, 11.76], ['1984', 22.41, 10.88], ['2506', 23.5, 11.34]].map(([code, m, r]) => [2021, code, m, r, `statsskuld.se, "Skattesatser 2021 i kommuner, län & hela riket" (table on statsskuld.se/jobb/berakna-bruttolon-i-trosa-48758-med-31400-kr-i-m%C3%A5nadsl%C3%B6n), read ${READ}`]),
];

// ---- helpers ----
const round2 = (n) => Math.round(n * 100) / 100;
const norm = (s) => s.trim().toLowerCase().replace(/-/g, ' ').replace(/\s+/g, ' ');
const csvField = (s) => (/[",\n]/.test(String(s)) ? `"${String(s).replace(/"/g, '""')}"` : String(s));
const fail = (message) => {
  throw new Error(message);
};

function parseCsvLine(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      out.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  out.push(field);
  return out;
}

// ---- municipalities ----
const kommunLines = fs.readFileSync(args.kommuner, 'utf8').trim().split('\n').slice(1).map(parseCsvLine);
const codeByName = new Map(kommunLines.map(([code, name]) => [norm(name), code]));
const allCodes = kommunLines.map(([code]) => code);
if (allCodes.length !== 290) fail(`expected 290 municipalities, found ${allCodes.length}`);
const codeOf = (name, where) => codeByName.get(norm(name)) ?? fail(`${where}: no SCB code for the municipality name "${name}"`);

// ---- totals per year (skattesnurra copies of Skatteverket's files) ----
const totals = new Map();
const totalsFile = new Map();
for (const year of [DIRECT_YEAR, ...BUILT_YEARS]) {
  const data = JSON.parse(fs.readFileSync(path.join(args.totals, `församlingar-${year}.json`), 'utf8'));
  if (data.år !== year) fail(`församlingar-${year}.json holds year ${data.år}`);
  totalsFile.set(year, data.källa);
  const byCode = new Map();
  for (const k of data.kommuner) {
    if (k.namn === 'Riksgenomsnitt') continue;
    const code = codeOf(k.namn, `församlingar-${year}.json`);
    if (byCode.has(code)) fail(`församlingar-${year}.json lists ${k.namn} twice`);
    byCode.set(code, k.skattesats);
  }
  totals.set(year, byCode);
}

// ---- 2025 split (per parish) and the county's regional rate ----
const split2025 = new Map();
for (const row of JSON.parse(fs.readFileSync(args.split2025, 'utf8'))) {
  const code = codeOf(row.Kommun, 'split2025');
  const pair = [row['Kommunal-skatt'], row['Landstings-skatt']];
  const seen = split2025.get(code);
  if (seen && (seen[0] !== pair[0] || seen[1] !== pair[1])) fail(`split2025: parishes of ${row.Kommun} disagree`);
  split2025.set(code, pair);
}
for (const code of allCodes) if (!split2025.has(code)) fail(`split2025 lacks ${code}`);
const regional2025 = new Map();
for (const [code, [, regional]] of split2025) {
  const county = code.slice(0, 2);
  if (regional2025.has(county) && regional2025.get(county) !== regional) fail(`split2025: county ${county} has two regional rates`);
  regional2025.set(county, regional);
}

// ---- second copy of 2025 (bombsimon) ----
const check2025 = new Map();
const ts = fs.readFileSync(args.check2025, 'utf8');
for (const m of ts.matchAll(/kod:\s*(\d+),\s*namn:\s*'([^']+)',\s*kommunalskatt:\s*([\d.]+),(?:\s*regionskatt:\s*([\d.]+),)?/g)) {
  check2025.set(String(m[1]).padStart(4, '0'), [Number(m[3]), Number(m[4] ?? 0)]);
  if (codeOf(m[2], 'check2025') !== String(m[1]).padStart(4, '0')) fail(`check2025: ${m[2]} has code ${m[1]}`);
}

// ---- regional rate per county and year ----
const regional = new Map([[2025, regional2025]]);
for (let year = 2026; year <= Math.max(...BUILT_YEARS); year++) {
  const prev = regional.get(year - 1);
  regional.set(year, new Map([...prev].map(([county, rate]) => [county, round2(rate + (REGIONAL_CHANGES[year]?.changes[county] ?? 0))])));
}
for (let year = 2024; year >= Math.min(...BUILT_YEARS); year--) {
  const next = regional.get(year + 1);
  const step = REGIONAL_CHANGES[year + 1] ?? fail(`no record of regional changes for ${year + 1}`);
  regional.set(year, new Map([...next].map(([county, rate]) => [county, round2(rate - (step.changes[county] ?? 0))])));
}

// ---- check the recorded regional changes against the totals: in a county whose region changes its
// rate, most municipalities' totals move by exactly that change; where no change is recorded, the
// most common move must be zero. A tax swap would not show here; the sources say there were none.
for (const year of BUILT_YEARS.slice(1)) {
  const byCounty = new Map();
  for (const [code, total] of totals.get(year)) {
    const before = totals.get(year - 1).get(code);
    if (before === undefined) continue;
    const list = byCounty.get(code.slice(0, 2)) ?? [];
    list.push(round2(total - before));
    byCounty.set(code.slice(0, 2), list);
  }
  for (const [county, moves] of byCounty) {
    const counts = new Map();
    for (const d of moves) counts.set(d, (counts.get(d) ?? 0) + 1);
    const [modal] = [...counts].sort((a, b) => b[1] - a[1])[0];
    const step = REGIONAL_CHANGES[year];
    const expected = step?.swaps?.includes(county) ? 0 : (step?.changes[county] ?? 0);
    if (modal !== expected) fail(`${year - 1}→${year}: county ${county}'s totals mostly move by ${modal}, the recorded regional change is ${expected}`);
  }
}

// ---- 2019, direct: Skatteverket's 2019 file (per parish, semicolon-separated, "01 14" codes) ----
// Every parish of a municipality must carry the same split, every municipality must be there, and
// kommun + region must equal the total of the later edition of the same file ("skattesatser-2019_3.xlsx"
// in the skattesnurra copy), so the two editions agree on every municipality.
const split2019 = new Map();
{
  const lines = fs.readFileSync(args.split2019, 'utf8').replace(/\r/g, '').trim().split('\n');
  const head = lines[0].split(';');
  const col = (name) => (head.indexOf(name) >= 0 ? head.indexOf(name) : fail(`split2019: no column "${name}"`));
  const [cYear, cCode, cMun, cReg] = [col('År'), col('Församlings-kod'), col('Kommunal-skatt'), col('Landstings-skatt')];
  const [cExcl, cBurial] = [col('Summa, exkl. kyrkoavgift'), col('Begravnings-avgift')];
  // The copy's own sum (kommun + region + burial fee) must agree with its rates, except in Tierp
  // (0360), whose five parishes carry a sum 0.30 lower than 21.29 + 11.71 + fee: the rates, not the
  // sum, agree with the later edition's total (33.00) and with 2020's, so the rates are kept.
  const SUM_EXCEPTIONS = ['0360'];
  for (const line of lines.slice(1)) {
    const f = line.split(';');
    if (Number(f[cYear]) !== DIRECT_YEAR) fail(`split2019: a row of year ${f[cYear]}`);
    const code = f[cCode].replace(/\s/g, '');
    const sumOff = Math.abs(Number(f[cMun]) + Number(f[cReg]) + Number(f[cBurial]) - Number(f[cExcl])) > 0.0005;
    if (sumOff !== SUM_EXCEPTIONS.includes(code)) fail(`split2019: ${code}'s own sum ${sumOff ? 'disagrees with' : 'now agrees with'} its rates`);
    if (!allCodes.includes(code)) fail(`split2019: unknown municipality code ${f[cCode]}`);
    const pair = [Number(f[cMun]), Number(f[cReg])];
    const seen = split2019.get(code);
    if (seen && (seen[0] !== pair[0] || seen[1] !== pair[1])) fail(`split2019: parishes of ${code} disagree`);
    split2019.set(code, pair);
  }
  for (const code of allCodes) {
    const pair = split2019.get(code) ?? fail(`split2019 lacks ${code}`);
    const total = totals.get(DIRECT_YEAR).get(code) ?? fail(`the 2019 totals lack ${code}`);
    if (round2(pair[0] + pair[1]) !== total) fail(`2019 ${code}: ${pair[0]} + ${pair[1]} is not the total ${total} of ${TOTALS_SHORT(DIRECT_YEAR)}`);
  }
}
const regional2019 = new Map();
for (const [code, [, reg]] of split2019) {
  const county = code.slice(0, 2);
  if (regional2019.has(county) && regional2019.get(county) !== reg) fail(`split2019: county ${county} has two regional rates`);
  regional2019.set(county, reg);
}

// ---- 2019 → 2020: the direct 2019 regional rates against the derived 2020 ones. Where they differ,
// the county's totals must mostly move by the difference (a region that raised its rate), except in
// a county listed as a tax swap (region up, municipalities down by as much, totals unchanged); where
// they agree, the totals must mostly stay. This ties the derivation of 2020–2024 to a direct year.
const SWAPS_2020 = ['24'];
const regionalSteps2020 = [];
{
  const byCounty = new Map();
  for (const [code, total] of totals.get(2020)) {
    const before = totals.get(DIRECT_YEAR).get(code);
    if (before === undefined) continue;
    byCounty.set(code.slice(0, 2), [...(byCounty.get(code.slice(0, 2)) ?? []), round2(total - before)]);
  }
  for (const [county, moves] of byCounty) {
    const counts = new Map();
    for (const d of moves) counts.set(d, (counts.get(d) ?? 0) + 1);
    const [modal] = [...counts].sort((a, b) => b[1] - a[1])[0];
    const step = round2(regional.get(2020).get(county) - regional2019.get(county));
    if (step !== 0) regionalSteps2020.push(`${county} ${step > 0 ? '+' : ''}${step.toFixed(2)}${SWAPS_2020.includes(county) ? ' (swap)' : ''}`);
    const expected = SWAPS_2020.includes(county) ? 0 : step;
    if (modal !== expected) fail(`2019→2020: county ${county}'s totals mostly move by ${modal}, the regional rates by ${step}`);
  }
  for (const county of SWAPS_2020) if (round2(regional.get(2020).get(county) - regional2019.get(county)) === 0) fail(`2019→2020: county ${county} is listed as a swap but its regional rate did not change`);
}

// ---- rows ----
const changeKeys = (year) => (year > 2025 ? BUILT_YEARS.filter((y) => y > 2025 && y <= year) : BUILT_YEARS.filter((y) => y > year && y <= 2025)).map((y) => `R${y}`).join(', ');
const rows = [];
const unfilled = [];
for (const year of BUILT_YEARS) {
  for (const code of allCodes) {
    const total = totals.get(year).get(code);
    if (total === undefined) {
      unfilled.push(`${year} ${code}`);
      continue;
    }
    const reg = regional.get(year).get(code.slice(0, 2));
    const mun = round2(total - reg);
    if (!(mun > 10 && mun < 40) || !(reg >= 0 && reg < 20)) fail(`${year} ${code}: rates out of bounds (${mun}, ${reg})`);
    let source;
    const seconds = [];
    if (year === 2025) {
      const [m, r] = split2025.get(code);
      if (round2(m + r) !== total) fail(`2025 ${code}: split ${m}+${r} does not add to the total ${total} of the second copy`);
      source = `Skatteverket, "${totalsFile.get(2025)}" (kommun and region rate, fees left out), via ${SPLIT_SHORT}; same total in ${TOTALS_SHORT(2025)}`;
      const other = check2025.get(code);
      if (other) {
        if (other[0] !== m || other[1] !== r) fail(`2025 ${code}: ${CHECK_SHORT} has ${other}, the split copy ${m}/${r}`);
        seconds.push(CHECK_SHORT);
      }
    } else {
      source = `Derived: total (kommun + region) from Skatteverket, "${totalsFile.get(year)}", via ${TOTALS_SHORT(year)}; regional = the county's 2025 rate (Skatteverket via ${SPLIT_SHORT}) through the regional changes SCB/SKR reported (${changeKeys(year)} in the header of municipal-tax-rates.csv); municipal = total − regional`;
    }
    for (const [y, c, m, r, where] of SECOND_SOURCES) {
      if (y !== year || c !== code) continue;
      if (m !== mun || r !== reg) fail(`${year} ${code}: ${where} has ${m}/${r}, built ${mun}/${reg}`);
      seconds.push(where);
    }
    if (seconds.length > 0) source += `; the same split in ${seconds.join(' and ')}`;
    rows.push([year, code, mun.toFixed(2), reg.toFixed(2), source, `${year}-01-01`, seconds.length > 0 ? 'yes' : 'no']);
  }
}

for (const code of allCodes) {
  const [mun, reg] = split2019.get(code);
  if (!(mun > 10 && mun < 40) || !(reg >= 0 && reg < 20)) fail(`2019 ${code}: rates out of bounds (${mun}, ${reg})`);
  let source = `Skatteverket's 2019 file (kommun and region rate per parish, fees left out; the copy is named "skattesatser-2019_2.csv"), via ${SPLIT2019_SHORT}; the total equals Skatteverket's later edition "${totalsFile.get(DIRECT_YEAR)}" via ${TOTALS_SHORT(DIRECT_YEAR)}`;
  const seconds = [];
  for (const [y, c, m, r, where] of SECOND_SOURCES) {
    if (y !== DIRECT_YEAR || c !== code) continue;
    if (m !== mun || r !== reg) fail(`2019 ${code}: ${where} has ${m}/${r}, Skatteverket ${mun}/${reg}`);
    seconds.push(where);
  }
  if (seconds.length > 0) source += `; the same split in ${seconds.join(' and ')}`;
  rows.push([DIRECT_YEAR, code, mun.toFixed(2), reg.toFixed(2), source, `${DIRECT_YEAR}-01-01`, seconds.length > 0 ? 'yes' : 'no']);
}

// ---- keep the current file's rows for years not built here ----
const keepText = fs.readFileSync(args.keep, 'utf8');
const header = keepText.split('\n').filter((l) => l.startsWith('#'));
const kept = keepText.split('\n').filter((l) => l && !l.startsWith('#')).slice(1).map(parseCsvLine).filter((r) => !BUILT_YEARS.includes(Number(r[0])) && Number(r[0]) !== DIRECT_YEAR);
const all = [...kept, ...rows].sort((a, b) => Number(a[0]) - Number(b[0]) || String(a[1]).localeCompare(String(b[1])));
const out = [...header, 'year,municipality_code,municipal_percent,regional_percent,source,date,checked', ...all.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
fs.writeFileSync(args.out, out);
console.error(`2019→2020 regional steps: ${regionalSteps2020.join(', ')}`);
console.error(`wrote ${all.length} rows (${rows.length} built, ${kept.length} kept); not filled: ${unfilled.join(', ') || 'none'}; checked: ${all.filter((r) => r[6] === 'yes').length}`);
