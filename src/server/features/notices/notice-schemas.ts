import { Type, type Static } from '@sinclair/typebox';
import { IdParams, Uuid } from '../../schemas.js';

const nullableString = Type.Union([Type.String(), Type.Null()]);

export const ImportSummarySchema = Type.Object(
  {
    importId: Uuid,
    read: Type.Integer({ description: 'Notices (files or archive entries) read' }),
    stored: Type.Integer({ description: 'New notices stored' }),
    updated: Type.Integer({ description: 'Stored notices replaced by a newer version (BT-757)' }),
    skipped: Type.Integer({ description: 'Notices already stored in this or a newer version' }),
    failed: Type.Array(Type.Object({ file: Type.String(), error: Type.String() })),
    procurements: Type.Object({ created: Type.Integer(), updated: Type.Integer() }, { description: 'Your register, for notices whose buyer is your organisation' }),
    notes: Type.Array(Type.Object({ file: Type.String(), note: Type.String() })),
  },
  { $id: 'NoticeImportSummary' },
);
export type ImportSummarySchema = Static<typeof ImportSummarySchema>;

export const ImportListQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) },
  { additionalProperties: false },
);

export const ImportListItem = Type.Object(
  {
    id: Uuid,
    by: Type.String({ description: 'The uploading user, or the command for operator imports' }),
    scope: Type.Union([Type.Literal('organisation'), Type.Literal('operator')]),
    source: Type.String(),
    startedAt: Type.String({ format: 'date-time' }),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    /** `running`, `finished`, or `failed` (cut short by a crash or an error; the counts are what was stored). */
    status: Type.Union([Type.Literal('running'), Type.Literal('finished'), Type.Literal('failed')]),
    error: Type.Union([Type.String(), Type.Null()]),
    read: Type.Integer(),
    stored: Type.Integer(),
    updated: Type.Integer(),
    skipped: Type.Integer(),
    failed: Type.Integer(),
    matched: Type.Integer(),
    failures: Type.Array(Type.Object({ file: Type.String(), error: Type.String() })),
  },
  { $id: 'NoticeImport' },
);

export const LinkedNotice = Type.Object(
  {
    noticeId: Type.String(),
    version: nullableString,
    publicationId: nullableString,
    noticeType: Type.String(),
    formType: nullableString,
    issueDate: nullableString,
    hasSocial: Type.Boolean(),
    hasEmployment: Type.Boolean(),
    socialCodes: Type.Array(Type.String()),
    social: Type.Unknown({ description: 'The social-considerations summary (see MarketNoticeDetail.social)' }),
    notes: Type.Array(Type.String(), { description: 'What the import could not carry over into the register' }),
    linkedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'LinkedNotice' },
);

export { IdParams };
