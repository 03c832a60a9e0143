/**
 * Enum support functions (PostgreSQL's enum.c): enum_first, enum_last, enum_range. They read
 * the labels of their argument's type (the value itself may be NULL: `enum_first(NULL::mood)`),
 * in sort order (all of them, uncommitted ones too, as PostgreSQL does before it checks each
 * label it returns; here any uncommitted label refuses the call). Comparison operators and min/max of enums are in string-operators.ts.
 */
import { InternalError, SqlError, SqlState } from '../../../errors/index.js'
import { arrayOf, SqlArray, type SqlType, type Value } from '../../../types/index.js'
import type { BuiltinFamily, CallContext } from '../registry.js'

/** The labels of the argument's type in order; 55P04 for a label added by ALTER TYPE ... ADD
 * VALUE in the running, uncommitted transaction (PostgreSQL's check_safe_enum_use). */
function labelsOf(call: CallContext): readonly string[] {
  const type = call.argTypes[0]
  if (type?.enumLabels === undefined) throw new InternalError('enum function without an enum')
  const unsafe = type.enumMembers?.find((m) => m.isUncommitted === true)
  if (unsafe !== undefined) {
    throw new SqlError(
      SqlState.unsafeNewEnumValueUsage,
      `unsafe use of new value "${unsafe.label}" of enum type ${type.name}`,
      { hint: 'New enum values must be committed before they can be used.' },
    )
  }
  return type.enumLabels
}

/** PostgreSQL's check in enum_first / enum_last: an enum without labels has no first value. */
function ends(call: CallContext): readonly string[] {
  const labels = labelsOf(call)
  if (labels.length === 0) {
    throw new SqlError(
      SqlState.objectNotInPrerequisiteState,
      `enum ${call.argTypes[0]?.name ?? ''} contains no values`,
    )
  }
  return labels
}

/** enum_range(a, b): the labels from a to b (NULL: from the first, to the last). */
function range(labels: readonly string[], from: Value, to: Value): SqlArray {
  const start = from === null ? 0 : labels.indexOf(String(from))
  const end = to === null ? labels.length - 1 : labels.indexOf(String(to))
  return new SqlArray(start <= end ? labels.slice(start, end + 1) : [])
}

const arrayOfFirst = (argTypes: readonly SqlType[]): SqlType => {
  const type = argTypes[0]
  if (type === undefined) throw new InternalError('enum_range has an argument')
  return arrayOf(type)
}

export const enumBuiltins: BuiltinFamily = {
  functions: [
    {
      name: 'enum_first',
      args: ['anyenum'],
      returns: 'anyenum',
      volatility: 'stable',
      isStrict: false,
      evaluate: (_args, call) => ends(call)[0] ?? null,
    },
    {
      name: 'enum_last',
      args: ['anyenum'],
      returns: 'anyenum',
      volatility: 'stable',
      isStrict: false,
      evaluate: (_args, call) => {
        const labels = ends(call)
        return labels[labels.length - 1] ?? null
      },
    },
    {
      name: 'enum_range',
      args: ['anyenum'],
      returns: arrayOfFirst,
      volatility: 'stable',
      isStrict: false,
      evaluate: (_args, call) => range(labelsOf(call), null, null),
    },
    {
      name: 'enum_range',
      args: ['anyenum', 'anyenum'],
      returns: arrayOfFirst,
      volatility: 'stable',
      isStrict: false,
      evaluate: ([from = null, to = null], call) => range(labelsOf(call), from, to),
    },
  ],
  setFunctions: [],
  operators: [],
  casts: [],
  aggregates: [],
}
