import type { DocumentKind } from '../../../../shared/schemas/documents';
import { buildDocument } from '../../../../electron/documents';
import { OFFICE_SECRET, sample } from '../../../fixtures/documents/samples';
import { type Docx, openDocx } from './docx';

/** Builds one kind (the sample, or given data) and opens the package. */
export async function build(kind: DocumentKind, data: unknown = sample(kind)): Promise<Docx & { bytes: Buffer }> {
  const bytes = await buildDocument(kind, data, { officeSecret: OFFICE_SECRET });
  return { ...openDocx(bytes), bytes };
}

/** Footer parts of a package, by path. */
export const footers = (d: Docx): Map<string, string> =>
  new Map([...d.files.keys()].filter((p) => /^word\/footer\d+\.xml$/u.test(p)).map((p) => [p, d.xml(p)]));
