import codelists from '../../reference/eforms-codelists/codelists.json' with { type: 'json' };

export interface CodeLabel {
  code: string;
  sv: string;
  en: string;
}

type ListName = keyof typeof codelists;

/** Codes with Swedish and English labels of a shipped eForms codelist. */
export function codelist(name: ListName): CodeLabel[] {
  return codelists[name].codes.map((c) => ({ code: c.code!, sv: c.sv ?? c.en!, en: c.en ?? c.code! }));
}
