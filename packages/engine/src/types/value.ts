/**
 * Runtime representation of SQL values. One JavaScript type per SQL type family, chosen so that
 * comparisons and arithmetic are exact: int2/int4 are numbers, int8 is a bigint (no rounding
 * above 2^53), text is a string, bool a boolean, and SQL NULL is `null`.
 */
export type Value = null | boolean | number | bigint | string

/** A row as the executor passes it between operators: values in column order. */
export type Row = readonly Value[]

/** A parameter as a caller supplies it ($1, $2, ...); converted to the type the binder infers. */
export type ParameterValue = null | boolean | number | bigint | string
