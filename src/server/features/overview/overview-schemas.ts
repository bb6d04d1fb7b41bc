import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from '../../schemas.js';

export const Overview = Type.Object({
  total: Type.Integer(),
  byStatus: Type.Record(Type.String(), Type.Integer()),
  byUnit: Type.Array(Type.Object({ unitId: Uuid, unitName: Type.String(), total: Type.Integer(), byStatus: Type.Record(Type.String(), Type.Integer()) })),
});
export type OverviewView = Static<typeof Overview>;
