import { loadPdfKit } from '../../../interop/heavy-libraries.js';
import type { exportParticipant } from './participant-service.js';

type Export = Awaited<ReturnType<typeof exportParticipant>>;

/**
 * The right-of-access export as a readable PDF (Swedish, the language of the letter a person
 * receives from the municipality); the JSON export holds exactly the same facts.
 */
export async function participantExportPdf(data: Export): Promise<Buffer> {
  const Pdf = await loadPdfKit();
  return new Promise((resolve, reject) => {
    const doc = new Pdf({ size: 'A4', margin: 50, info: { Title: `Registerutdrag ${data.participant.reference}`, Author: 'Hänsyn' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const p = data.participant;
    const heading = (text: string) => doc.moveDown().font('Helvetica-Bold').fontSize(13).text(text).font('Helvetica').fontSize(10);
    const line = (label: string, value: string | null | undefined) => doc.text(`${label}: ${value ?? '–'}`);
    doc.font('Helvetica-Bold').fontSize(18).text('Registerutdrag enligt artikel 15 i dataskyddsförordningen');
    doc.font('Helvetica').fontSize(10).text(`Utfärdat ${data.exportedAt.slice(0, 10)}. Detta är allt arbetsmarknadsenheten har registrerat om dig i Hänsyn.`);
    heading('Identitet');
    line('Namn', p.givenName ? `${p.givenName} ${p.familyName}` : null);
    line('Person- eller samordningsnummer', p.personalIdentityNumber);
    line('E-post', p.email);
    line('Telefon', p.phone);
    line('Adress', p.address);
    line('Referens (pseudonym)', p.reference);
    heading('Profil');
    if (p.profile) {
      const pr = p.profile;
      line('Målgrupper', pr.targetGroups.map((g) => `${g.code} (underlag: ${g.basis}, bedömt ${g.assessedOn})`).join('; ') || null);
      line('Arbetslös sedan', pr.unemployedSince);
      line('Ekonomiskt bistånd', pr.incomeSupport ? 'ja' : 'nej');
      line('Nyanländ', pr.newlyArrived ? 'ja' : 'nej');
      line('Åldersgrupp', pr.ageBand);
      line('Stadsdel', pr.districtCode);
      line('Yrken', pr.occupations.map((o) => `${o.ssykCode ?? ''}${o.occupationNameId ? ` ${o.occupationNameId}` : ''}${o.experienced ? ' (erfarenhet)' : ' (önskat)'}`).join('; ') || null);
      line('Kompetenser', pr.skills.join(', ') || null);
      line('Språk', pr.languages.join(', ') || null);
      line('Körkort', pr.drivingLicences.join(', ') || null);
      line('Tillgänglig från', pr.availableFrom);
      line('Önskad omfattning', `${pr.extentWantedPercent} %`);
      line('Utbildning', pr.training.map((t) => t.title).join('; ') || null);
    } else {
      doc.text('Ingen profil (raderad).');
    }
    heading('Samtycken');
    if (p.consents.length === 0) doc.text('Inga.');
    for (const c of p.consents) doc.text(`${c.scope === 'share_profile' ? 'Dela profil' : 'Intervju'} med ${c.supplierName ?? 'leverantörer som enheten föreslår'}, från ${c.givenOn}${c.revokedOn ? `, återkallat ${c.revokedOn}` : ''}`);
    heading('Förslag till arbetsgivare');
    if (data.proposals.length === 0) doc.text('Inga.');
    for (const pr of data.proposals) doc.text(`${pr.proposedOn}: ${pr.status}${pr.notHiredReason ? ` (${pr.notHiredReason})` : ''}`);
    heading('Anställningar');
    if (data.placements.length === 0) doc.text('Inga.');
    for (const pl of data.placements) doc.text(`${pl.startedOn}–${pl.endedOn ?? ''} ${pl.extentPercent} % ${pl.employmentForm}${pl.ssykCode ? ` SSYK ${pl.ssykCode}` : ''}`);
    heading('Vem har läst uppgifterna');
    for (const a of data.accessLog.slice(0, 200)) doc.text(`${a.at.slice(0, 16).replace('T', ' ')} ${a.by} (${a.purpose})`);
    doc.end();
  });
}
