import { type DocumentKind, type DocumentTexts, documentTextsSchema } from '../../shared/schemas/documents';
import raw from '../../resources/documents/texts.json';

/**
 * The fixed texts printed on the documents (rights, the 五个严禁 discipline, complaint and
 * objection channels). The defaults ship in resources/documents/texts.json and are checked
 * when this module loads, so a broken edit fails at start-up, not on a printed notice.
 */
export const DEFAULT_TEXTS: DocumentTexts = documentTextsSchema.parse(raw);

const TEXT_KEYS: Partial<Record<DocumentKind, readonly (keyof DocumentTexts)[]>> = {
  inspectionNotice: ['rights', 'duties', 'discipline', 'complaint'],
  resultNotice: ['objection'],
  rectificationOrder: ['rectifyConsequence', 'rectifyReport'],
};

/**
 * Fills in the texts a kind prints from `texts` (an office's edited set; the shipped defaults
 * when not given) wherever the data does not bring its own.
 */
export function withDefaultTexts<T extends Record<string, unknown>>(kind: DocumentKind, data: T, texts: DocumentTexts = DEFAULT_TEXTS): T {
  const keys = TEXT_KEYS[kind];
  if (!keys) return data;
  const given = (data.texts ?? {}) as Partial<Record<keyof DocumentTexts, unknown>>;
  const merged: Record<string, unknown> = {};
  for (const k of keys) merged[k] = given[k] ?? texts[k];
  return { ...data, texts: merged };
}
