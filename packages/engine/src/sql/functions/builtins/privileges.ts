/**
 * Access privilege inquiry functions (PostgreSQL's has_*_privilege): every 2- and 3-argument
 * form (has_column_privilege: 3 and 4), users and objects by name or OID, columns by name or
 * attnum. Without a user, the current role. Answered by the session (RoleAccess.hasPrivilege,
 * catalog/privilege-questions.ts). Stable and strict, as in pg_proc.
 */
import { SqlError, SqlState } from '../../../errors/index.js'
import type { Value } from '../../../types/index.js'
import type {
  ArgType,
  BuiltinFamily,
  BuiltinFunction,
  CallContext,
  PrivilegeQuestion,
} from '../registry.js'

type PrivilegeObjectKind = PrivilegeQuestion['kind']

const families: readonly { name: string; kind: PrivilegeObjectKind }[] = [
  { name: 'has_table_privilege', kind: 'table' },
  { name: 'has_column_privilege', kind: 'column' },
  { name: 'has_any_column_privilege', kind: 'any column' },
  { name: 'has_sequence_privilege', kind: 'sequence' },
  { name: 'has_schema_privilege', kind: 'schema' },
  { name: 'has_function_privilege', kind: 'function' },
  { name: 'has_database_privilege', kind: 'database' },
]

function ask(call: CallContext, question: PrivilegeQuestion): Value {
  const roles = call.roles
  if (roles?.hasPrivilege === undefined) {
    throw new SqlError(SqlState.featureNotSupported, 'privilege functions need a session')
  }
  return roles.hasPrivilege(question)
}

function userOf(value: Value, call: CallContext): string {
  if (typeof value === 'string') return value
  const roles = call.roles
  if (roles === undefined) throw new SqlError(SqlState.featureNotSupported, 'needs a session')
  return roles.roleName(Number(value))
}

function objectOf(value: Value): string | number {
  return typeof value === 'string' ? value : Number(value)
}

function variants(name: string, kind: PrivilegeObjectKind): BuiltinFunction[] {
  const out: BuiltinFunction[] = []
  const objectTypes: ArgType[] = ['text', 'oid']
  const columnTypes: (ArgType | undefined)[] = kind === 'column' ? ['text', 'int2'] : [undefined]
  for (const userType of [undefined, 'name', 'oid'] as const) {
    for (const objectType of objectTypes) {
      for (const columnType of columnTypes) {
        const args: ArgType[] = []
        if (userType !== undefined) args.push(userType)
        args.push(objectType)
        if (columnType !== undefined) args.push(columnType)
        args.push('text')
        out.push({
          name,
          args,
          returns: 'bool',
          volatility: 'stable',
          isStrict: true,
          evaluate: (values, call) => {
            let index = 0
            const user =
              userType === undefined
                ? (call.currentUser ?? call.sessionUser ?? 'postgres')
                : userOf(values[index++] ?? null, call)
            const object = objectOf(values[index++] ?? null)
            const column = columnType === undefined ? undefined : objectOf(values[index++] ?? null)
            const privilege = String(values[index] ?? '')
            return ask(call, {
              kind,
              user,
              object,
              ...(column === undefined ? {} : { column }),
              privilege,
            })
          },
        })
      }
    }
  }
  return out
}

export const privilegeBuiltins: BuiltinFamily = {
  functions: families.flatMap(({ name, kind }) => variants(name, kind)),
  setFunctions: [],
  operators: [],
  casts: [],
  aggregates: [],
}
