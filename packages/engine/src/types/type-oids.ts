/** pg_type OIDs of the built-in types, equal to PostgreSQL's so drivers decode values unchanged. */
export const typeOids = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  unknown: 705,
  varchar: 1043,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
} as const

export type TypeOid = (typeof typeOids)[keyof typeof typeOids]
