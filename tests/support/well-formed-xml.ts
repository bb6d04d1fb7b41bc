import { SaxesParser } from 'saxes';

/**
 * Parses `xml` with a strict XML 1.0 parser (saxes) and returns its first well-formedness error,
 * or null. Office applications refuse a package with any part that fails here.
 */
export function xmlWellFormednessError(xml: string): string | null {
  const parser = new SaxesParser({ xmlns: false });
  let first: string | null = null;
  parser.on('error', (error) => {
    first ??= error.message;
  });
  parser.write(xml).close();
  return first;
}

/** The parts of an unzipped Office package that are XML and not well-formed, with the error. */
export function malformedXmlParts(files: Map<string, string>): string[] {
  return [...files]
    .filter(([name]) => name.endsWith('.xml') || name.endsWith('.rels'))
    .flatMap(([name, xml]) => {
      const error = xmlWellFormednessError(xml);
      return error ? [`${name}: ${error}`] : [];
    });
}
