// The json family's operators, functions, set-returning functions and casts against
// PostgreSQL 15: each case is the query in the comment above it, run in psql, with
// PostgreSQL's answer as text (as psql prints it), rows for set-returning functions, or the
// error's SQLSTATE, message and DETAIL. The cases call the declarations in json.ts the way the
// executor will: strict functions answer NULL for a NULL argument without being called.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../../../errors/index.js'
import {
  behaviourOf,
  defaultTypeContext,
  Jsonb,
  jsonbText,
  Numeric,
  SqlArray,
  type SqlType,
  sqlTypes,
  type Value,
} from '../../../types/index.js'
import type { ArgType, CallContext } from '../registry.js'
import { jsonBuiltins } from './json.js'

type Arg = readonly [string, string | null]

const cases: readonly (readonly unknown[])[] = [
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb -> 'a'::text
  [
    'op',
    '->',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', 'a'],
    '1',
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb ->> 'a'::text
  [
    'op',
    '->>',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', 'a'],
    '1',
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb -> 'b'::text
  [
    'op',
    '->',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', 'b'],
    '{"c": [1, 2]}',
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb ->> 'b'::text
  [
    'op',
    '->>',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', 'b'],
    '{"c": [1, 2]}',
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb -> 'n'::text
  [
    'op',
    '->',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', 'n'],
    'null',
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb ->> 'n'::text
  [
    'op',
    '->>',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', 'n'],
    null,
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb -> 's'::text
  [
    'op',
    '->',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', 's'],
    '"x\\ny"',
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb ->> 's'::text
  [
    'op',
    '->>',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', 's'],
    'x\ny',
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb -> 't'::text
  [
    'op',
    '->',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', 't'],
    'true',
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb ->> 't'::text
  [
    'op',
    '->>',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', 't'],
    'true',
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb -> 'f'::text
  [
    'op',
    '->',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', 'f'],
    '1.50',
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb ->> 'f'::text
  [
    'op',
    '->>',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', 'f'],
    '1.50',
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb -> 'z'::text
  [
    'op',
    '->',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', 'z'],
    null,
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb ->> 'z'::text
  [
    'op',
    '->>',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', 'z'],
    null,
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb -> ''::text
  [
    'op',
    '->',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', ''],
    null,
  ],
  // select '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\ny","t":true,"f":1.50}'::jsonb ->> ''::text
  [
    'op',
    '->>',
    ['jsonb', '{"a":1,"b":{"c":[1,2]},"n":null,"s":"x\\ny","t":true,"f":1.50}'],
    ['text', ''],
    null,
  ],
  // select '[1,"a",null,[2],{"k":"v"}]'::jsonb -> 'a'::text
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"}]'], ['text', 'a'], null],
  // select '[1,"a",null,[2],{"k":"v"}]'::jsonb ->> 'a'::text
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"}]'], ['text', 'a'], null],
  // select '[1,"a",null,[2],{"k":"v"}]'::jsonb -> '0'::text
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"}]'], ['text', '0'], null],
  // select '[1,"a",null,[2],{"k":"v"}]'::jsonb ->> '0'::text
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"}]'], ['text', '0'], null],
  // select '"x"'::jsonb -> 'x'::text
  ['op', '->', ['jsonb', '"x"'], ['text', 'x'], null],
  // select '"x"'::jsonb ->> 'x'::text
  ['op', '->>', ['jsonb', '"x"'], ['text', 'x'], null],
  // select '{"":5}'::jsonb -> ''::text
  ['op', '->', ['jsonb', '{"":5}'], ['text', ''], '5'],
  // select '{"":5}'::jsonb ->> ''::text
  ['op', '->>', ['jsonb', '{"":5}'], ['text', ''], '5'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb -> '0'::int4
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '0'], '1'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb ->> '0'::int4
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '0'], '1'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb -> '1'::int4
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '1'], '"a"'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb ->> '1'::int4
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '1'], 'a'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb -> '2'::int4
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '2'], 'null'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb ->> '2'::int4
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '2'], null],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb -> '3'::int4
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '3'], '[2]'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb ->> '3'::int4
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '3'], '[2]'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb -> '4'::int4
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '4'], '{"k": "v"}'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb ->> '4'::int4
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '4'], '{"k": "v"}'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb -> '5'::int4
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '5'], 'true'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb ->> '5'::int4
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '5'], 'true'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb -> '6'::int4
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '6'], '-1.0'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb ->> '6'::int4
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '6'], '-1.0'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb -> '7'::int4
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '7'], null],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb ->> '7'::int4
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '7'], null],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb -> '-1'::int4
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '-1'], '-1.0'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb ->> '-1'::int4
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '-1'], '-1.0'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb -> '-7'::int4
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '-7'], '1'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb ->> '-7'::int4
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '-7'], '1'],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb -> '-8'::int4
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '-8'], null],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb ->> '-8'::int4
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '-8'], null],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb -> '2147483647'::int4
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '2147483647'], null],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb ->> '2147483647'::int4
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '2147483647'], null],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb -> '-2147483648'::int4
  ['op', '->', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '-2147483648'], null],
  // select '[1,"a",null,[2],{"k":"v"},true,-1.0]'::jsonb ->> '-2147483648'::int4
  ['op', '->>', ['jsonb', '[1,"a",null,[2],{"k":"v"},true,-1.0]'], ['int4', '-2147483648'], null],
  // select '"x"'::jsonb -> '0'::int4
  ['op', '->', ['jsonb', '"x"'], ['int4', '0'], '"x"'],
  // select '"x"'::jsonb ->> '0'::int4
  ['op', '->>', ['jsonb', '"x"'], ['int4', '0'], 'x'],
  // select '"x"'::jsonb -> '-1'::int4
  ['op', '->', ['jsonb', '"x"'], ['int4', '-1'], '"x"'],
  // select '"x"'::jsonb ->> '-1'::int4
  ['op', '->>', ['jsonb', '"x"'], ['int4', '-1'], 'x'],
  // select '"x"'::jsonb -> '1'::int4
  ['op', '->', ['jsonb', '"x"'], ['int4', '1'], null],
  // select '"x"'::jsonb ->> '1'::int4
  ['op', '->>', ['jsonb', '"x"'], ['int4', '1'], null],
  // select '1'::jsonb -> '0'::int4
  ['op', '->', ['jsonb', '1'], ['int4', '0'], '1'],
  // select '1'::jsonb ->> '0'::int4
  ['op', '->>', ['jsonb', '1'], ['int4', '0'], '1'],
  // select 'null'::jsonb -> '0'::int4
  ['op', '->', ['jsonb', 'null'], ['int4', '0'], 'null'],
  // select 'null'::jsonb ->> '0'::int4
  ['op', '->>', ['jsonb', 'null'], ['int4', '0'], null],
  // select '{"a":1}'::jsonb -> '0'::int4
  ['op', '->', ['jsonb', '{"a":1}'], ['int4', '0'], null],
  // select '{"a":1}'::jsonb ->> '0'::int4
  ['op', '->>', ['jsonb', '{"a":1}'], ['int4', '0'], null],
  // select '[]'::jsonb -> '0'::int4
  ['op', '->', ['jsonb', '[]'], ['int4', '0'], null],
  // select '[]'::jsonb ->> '0'::int4
  ['op', '->>', ['jsonb', '[]'], ['int4', '0'], null],
  // select '[]'::jsonb -> '-1'::int4
  ['op', '->', ['jsonb', '[]'], ['int4', '-1'], null],
  // select '[]'::jsonb ->> '-1'::int4
  ['op', '->>', ['jsonb', '[]'], ['int4', '-1'], null],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{}'],
    '{"a": [1, {"b": 2, "c": "s"}], "n": null, "x": {"y": {"z": true}}}',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{}'],
    '{"a": [1, {"b": 2, "c": "s"}], "n": null, "x": {"y": {"z": true}}}',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a}'],
    '[1, {"b": 2, "c": "s"}]',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a}'],
    '[1, {"b": 2, "c": "s"}]',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,1}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,1}'],
    '{"b": 2, "c": "s"}',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,1}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,1}'],
    '{"b": 2, "c": "s"}',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,1,b}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,1,b}'],
    '2',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,1,b}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,1,b}'],
    '2',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,1,c}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,1,c}'],
    '"s"',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,1,c}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,1,c}'],
    's',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,-1,b}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,-1,b}'],
    '2',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,-1,b}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,-1,b}'],
    '2',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,-2}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,-2}'],
    '1',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,-2}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,-2}'],
    '1',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,-3}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,-3}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,-3}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,-3}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,x}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,x}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,x}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,x}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,1,b,c}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,1,b,c}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,1,b,c}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,1,b,c}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{n}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{n}'],
    'null',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{n}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{n}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{x,y}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{x,y}'],
    '{"z": true}',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{x,y}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{x,y}'],
    '{"z": true}',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{x,y,z}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{x,y,z}'],
    'true',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{x,y,z}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{x,y,z}'],
    'true',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,NULL}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,NULL}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,NULL}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,NULL}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{NULL}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{NULL}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{NULL}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{NULL}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{z}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{z}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{z}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{z}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a," 1"}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a," 1"}'],
    '{"b": 2, "c": "s"}',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a," 1"}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a," 1"}'],
    '{"b": 2, "c": "s"}',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,"+1"}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,"+1"}'],
    '{"b": 2, "c": "s"}',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,"+1"}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,"+1"}'],
    '{"b": 2, "c": "s"}',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,"1 "}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,"1 "}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,"1 "}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,"1 "}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,01}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,01}'],
    '{"b": 2, "c": "s"}',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,01}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,01}'],
    '{"b": 2, "c": "s"}',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,99999999999}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,99999999999}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,99999999999}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,99999999999}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,-0}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,-0}'],
    '1',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,-0}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,-0}'],
    '1',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{a,""}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,""}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{a,""}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{a,""}'],
    null,
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #> '{{a},{1}}'::text[]
  [
    'op',
    '#>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{{a},{1}}'],
    '{"b": 2, "c": "s"}',
  ],
  // select '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'::jsonb #>> '{{a},{1}}'::text[]
  [
    'op',
    '#>>',
    ['jsonb', '{"a":[1,{"b":2,"c":"s"}],"n":null,"x":{"y":{"z":true}}}'],
    ['text[]', '{{a},{1}}'],
    '{"b": 2, "c": "s"}',
  ],
  // select '"x"'::jsonb #> '{}'::text[]
  ['op', '#>', ['jsonb', '"x"'], ['text[]', '{}'], '"x"'],
  // select '"x"'::jsonb #>> '{}'::text[]
  ['op', '#>>', ['jsonb', '"x"'], ['text[]', '{}'], 'x'],
  // select '"x"'::jsonb #> '{0}'::text[]
  ['op', '#>', ['jsonb', '"x"'], ['text[]', '{0}'], null],
  // select '"x"'::jsonb #>> '{0}'::text[]
  ['op', '#>>', ['jsonb', '"x"'], ['text[]', '{0}'], null],
  // select '1.50'::jsonb #> '{}'::text[]
  ['op', '#>', ['jsonb', '1.50'], ['text[]', '{}'], '1.50'],
  // select '1.50'::jsonb #>> '{}'::text[]
  ['op', '#>>', ['jsonb', '1.50'], ['text[]', '{}'], '1.50'],
  // select 'null'::jsonb #> '{}'::text[]
  ['op', '#>', ['jsonb', 'null'], ['text[]', '{}'], 'null'],
  // select 'null'::jsonb #>> '{}'::text[]
  ['op', '#>>', ['jsonb', 'null'], ['text[]', '{}'], null],
  // select '[[1,2]]'::jsonb #> '{0,1}'::text[]
  ['op', '#>', ['jsonb', '[[1,2]]'], ['text[]', '{0,1}'], '2'],
  // select '[[1,2]]'::jsonb #>> '{0,1}'::text[]
  ['op', '#>>', ['jsonb', '[[1,2]]'], ['text[]', '{0,1}'], '2'],
  // select '[[1,2]]'::jsonb #> '{0,-1}'::text[]
  ['op', '#>', ['jsonb', '[[1,2]]'], ['text[]', '{0,-1}'], '2'],
  // select '[[1,2]]'::jsonb #>> '{0,-1}'::text[]
  ['op', '#>>', ['jsonb', '[[1,2]]'], ['text[]', '{0,-1}'], '2'],
  // select '[[1,2]]'::jsonb #> '{-1,0}'::text[]
  ['op', '#>', ['jsonb', '[[1,2]]'], ['text[]', '{-1,0}'], '1'],
  // select '[[1,2]]'::jsonb #>> '{-1,0}'::text[]
  ['op', '#>>', ['jsonb', '[[1,2]]'], ['text[]', '{-1,0}'], '1'],
  // select '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\ny\u00e9"}'::json -> 'a'::text
  [
    'op',
    '->',
    ['json', '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\\ny\\u00e9"}'],
    ['text', 'a'],
    '3',
  ],
  // select '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\ny\u00e9"}'::json ->> 'a'::text
  [
    'op',
    '->>',
    ['json', '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\\ny\\u00e9"}'],
    ['text', 'a'],
    '3',
  ],
  // select '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\ny\u00e9"}'::json -> 'b'::text
  [
    'op',
    '->',
    ['json', '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\\ny\\u00e9"}'],
    ['text', 'b'],
    '{"c":  [1,  2]}',
  ],
  // select '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\ny\u00e9"}'::json ->> 'b'::text
  [
    'op',
    '->>',
    ['json', '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\\ny\\u00e9"}'],
    ['text', 'b'],
    '{"c":  [1,  2]}',
  ],
  // select '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\ny\u00e9"}'::json -> 'n'::text
  [
    'op',
    '->',
    ['json', '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\\ny\\u00e9"}'],
    ['text', 'n'],
    'null',
  ],
  // select '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\ny\u00e9"}'::json ->> 'n'::text
  [
    'op',
    '->>',
    ['json', '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\\ny\\u00e9"}'],
    ['text', 'n'],
    null,
  ],
  // select '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\ny\u00e9"}'::json -> 's'::text
  [
    'op',
    '->',
    ['json', '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\\ny\\u00e9"}'],
    ['text', 's'],
    '"x\\ny\\u00e9"',
  ],
  // select '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\ny\u00e9"}'::json ->> 's'::text
  [
    'op',
    '->>',
    ['json', '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\\ny\\u00e9"}'],
    ['text', 's'],
    'x\nyé',
  ],
  // select '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\ny\u00e9"}'::json -> 'z'::text
  [
    'op',
    '->',
    ['json', '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\\ny\\u00e9"}'],
    ['text', 'z'],
    null,
  ],
  // select '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\ny\u00e9"}'::json ->> 'z'::text
  [
    'op',
    '->>',
    ['json', '{"a" :1, "b":  {"c":  [1,  2]}, "a": 3, "n": null, "s": "x\\ny\\u00e9"}'],
    ['text', 'z'],
    null,
  ],
  // select '[1, 2]'::json -> 'a'::text
  ['op', '->', ['json', '[1, 2]'], ['text', 'a'], null],
  // select '[1, 2]'::json ->> 'a'::text
  ['op', '->>', ['json', '[1, 2]'], ['text', 'a'], null],
  // select '[1, 2]'::json -> '0'::text
  ['op', '->', ['json', '[1, 2]'], ['text', '0'], null],
  // select '[1, 2]'::json ->> '0'::text
  ['op', '->>', ['json', '[1, 2]'], ['text', '0'], null],
  // select ' "x" '::json -> 'x'::text
  ['op', '->', ['json', ' "x" '], ['text', 'x'], null],
  // select ' "x" '::json ->> 'x'::text
  ['op', '->>', ['json', ' "x" '], ['text', 'x'], null],
  // select '{"a":"\u0000", "b":1}'::json -> 'b'::text
  [
    'op',
    '->',
    ['json', '{"a":"\\u0000", "b":1}'],
    ['text', 'b'],
    [
      'error',
      '22P05',
      'unsupported Unicode escape sequence',
      '\\u0000 cannot be converted to text.',
    ],
  ],
  // select '{"a":"\u0000", "b":1}'::json ->> 'b'::text
  [
    'op',
    '->>',
    ['json', '{"a":"\\u0000", "b":1}'],
    ['text', 'b'],
    [
      'error',
      '22P05',
      'unsupported Unicode escape sequence',
      '\\u0000 cannot be converted to text.',
    ],
  ],
  // select '{"a":"\ud800", "b":1}'::json -> 'b'::text
  [
    'op',
    '->',
    ['json', '{"a":"\\ud800", "b":1}'],
    ['text', 'b'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Unicode low surrogate must follow a high surrogate.',
    ],
  ],
  // select '{"a":"\ud800", "b":1}'::json ->> 'b'::text
  [
    'op',
    '->>',
    ['json', '{"a":"\\ud800", "b":1}'],
    ['text', 'b'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Unicode low surrogate must follow a high surrogate.',
    ],
  ],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json -> '0'::int4
  ['op', '->', ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '], ['int4', '0'], '1'],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json ->> '0'::int4
  ['op', '->>', ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '], ['int4', '0'], '1'],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json -> '1'::int4
  ['op', '->', ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '], ['int4', '1'], '"a"'],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json ->> '1'::int4
  ['op', '->>', ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '], ['int4', '1'], 'a'],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json -> '2'::int4
  ['op', '->', ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '], ['int4', '2'], 'null'],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json ->> '2'::int4
  ['op', '->>', ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '], ['int4', '2'], null],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json -> '3'::int4
  ['op', '->', ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '], ['int4', '3'], '[ 2 ]'],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json ->> '3'::int4
  ['op', '->>', ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '], ['int4', '3'], '[ 2 ]'],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json -> '4'::int4
  [
    'op',
    '->',
    ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '],
    ['int4', '4'],
    '{ "k" : "v" }',
  ],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json ->> '4'::int4
  [
    'op',
    '->>',
    ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '],
    ['int4', '4'],
    '{ "k" : "v" }',
  ],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json -> '5'::int4
  ['op', '->', ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '], ['int4', '5'], null],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json ->> '5'::int4
  ['op', '->>', ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '], ['int4', '5'], null],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json -> '-1'::int4
  [
    'op',
    '->',
    ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '],
    ['int4', '-1'],
    '{ "k" : "v" }',
  ],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json ->> '-1'::int4
  [
    'op',
    '->>',
    ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '],
    ['int4', '-1'],
    '{ "k" : "v" }',
  ],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json -> '-5'::int4
  ['op', '->', ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '], ['int4', '-5'], '1'],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json ->> '-5'::int4
  ['op', '->>', ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '], ['int4', '-5'], '1'],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json -> '-6'::int4
  ['op', '->', ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '], ['int4', '-6'], null],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json ->> '-6'::int4
  ['op', '->>', ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '], ['int4', '-6'], null],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json -> '2147483647'::int4
  [
    'op',
    '->',
    ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '],
    ['int4', '2147483647'],
    null,
  ],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json ->> '2147483647'::int4
  [
    'op',
    '->>',
    ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '],
    ['int4', '2147483647'],
    null,
  ],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json -> '-2147483648'::int4
  [
    'op',
    '->',
    ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '],
    ['int4', '-2147483648'],
    null,
  ],
  // select ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '::json ->> '-2147483648'::int4
  [
    'op',
    '->>',
    ['json', ' [ 1 , "a" , null , [ 2 ] , { "k" : "v" } ] '],
    ['int4', '-2147483648'],
    null,
  ],
  // select '"x"'::json -> '0'::int4
  ['op', '->', ['json', '"x"'], ['int4', '0'], null],
  // select '"x"'::json ->> '0'::int4
  ['op', '->>', ['json', '"x"'], ['int4', '0'], null],
  // select '{"a":1}'::json -> '0'::int4
  ['op', '->', ['json', '{"a":1}'], ['int4', '0'], null],
  // select '{"a":1}'::json ->> '0'::int4
  ['op', '->>', ['json', '{"a":1}'], ['int4', '0'], null],
  // select '["\u0000", 1]'::json -> '1'::int4
  [
    'op',
    '->',
    ['json', '["\\u0000", 1]'],
    ['int4', '1'],
    [
      'error',
      '22P05',
      'unsupported Unicode escape sequence',
      '\\u0000 cannot be converted to text.',
    ],
  ],
  // select '["\u0000", 1]'::json ->> '1'::int4
  [
    'op',
    '->>',
    ['json', '["\\u0000", 1]'],
    ['int4', '1'],
    [
      'error',
      '22P05',
      'unsupported Unicode escape sequence',
      '\\u0000 cannot be converted to text.',
    ],
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #> '{}'::text[]
  [
    'op',
    '#>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{}'],
    '{ "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null }',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #>> '{}'::text[]
  [
    'op',
    '#>>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{}'],
    '{ "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null }',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #> '{a}'::text[]
  [
    'op',
    '#>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a}'],
    '[ 1 , { "b" : 2 , "c" : "s" } ]',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #>> '{a}'::text[]
  [
    'op',
    '#>>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a}'],
    '[ 1 , { "b" : 2 , "c" : "s" } ]',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #> '{a,1}'::text[]
  [
    'op',
    '#>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,1}'],
    '{ "b" : 2 , "c" : "s" }',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #>> '{a,1}'::text[]
  [
    'op',
    '#>>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,1}'],
    '{ "b" : 2 , "c" : "s" }',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #> '{a,1,b}'::text[]
  [
    'op',
    '#>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,1,b}'],
    '2',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #>> '{a,1,b}'::text[]
  [
    'op',
    '#>>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,1,b}'],
    '2',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #> '{a,1,c}'::text[]
  [
    'op',
    '#>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,1,c}'],
    '"s"',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #>> '{a,1,c}'::text[]
  [
    'op',
    '#>>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,1,c}'],
    's',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #> '{a,-1,b}'::text[]
  [
    'op',
    '#>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,-1,b}'],
    '2',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #>> '{a,-1,b}'::text[]
  [
    'op',
    '#>>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,-1,b}'],
    '2',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #> '{a,x}'::text[]
  [
    'op',
    '#>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,x}'],
    null,
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #>> '{a,x}'::text[]
  [
    'op',
    '#>>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,x}'],
    null,
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #> '{n}'::text[]
  [
    'op',
    '#>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{n}'],
    'null',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #>> '{n}'::text[]
  [
    'op',
    '#>>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{n}'],
    null,
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #> '{a,NULL}'::text[]
  [
    'op',
    '#>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,NULL}'],
    null,
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #>> '{a,NULL}'::text[]
  [
    'op',
    '#>>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,NULL}'],
    null,
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #> '{z}'::text[]
  [
    'op',
    '#>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{z}'],
    null,
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #>> '{z}'::text[]
  [
    'op',
    '#>>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{z}'],
    null,
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #> '{a," 1"}'::text[]
  [
    'op',
    '#>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a," 1"}'],
    '{ "b" : 2 , "c" : "s" }',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #>> '{a," 1"}'::text[]
  [
    'op',
    '#>>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a," 1"}'],
    '{ "b" : 2 , "c" : "s" }',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #> '{a,"1 "}'::text[]
  [
    'op',
    '#>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,"1 "}'],
    null,
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #>> '{a,"1 "}'::text[]
  [
    'op',
    '#>>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,"1 "}'],
    null,
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #> '{a,""}'::text[]
  [
    'op',
    '#>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,""}'],
    null,
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #>> '{a,""}'::text[]
  [
    'op',
    '#>>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{a,""}'],
    null,
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #> '{{a},{1}}'::text[]
  [
    'op',
    '#>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{{a},{1}}'],
    '{ "b" : 2 , "c" : "s" }',
  ],
  // select ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '::json #>> '{{a},{1}}'::text[]
  [
    'op',
    '#>>',
    ['json', ' { "a" : [ 1 , { "b" : 2 , "c" : "s" } ] , "n" : null } '],
    ['text[]', '{{a},{1}}'],
    '{ "b" : 2 , "c" : "s" }',
  ],
  // select '{"x":[1,2,3], "a":[4,5]}'::json #> '{a,-1}'::text[]
  ['op', '#>', ['json', '{"x":[1,2,3], "a":[4,5]}'], ['text[]', '{a,-1}'], null],
  // select '{"x":[1,2,3], "a":[4,5]}'::json #>> '{a,-1}'::text[]
  ['op', '#>>', ['json', '{"x":[1,2,3], "a":[4,5]}'], ['text[]', '{a,-1}'], null],
  // select '{"a":[4,5], "x":[1,2,3]}'::json #> '{a,-1}'::text[]
  ['op', '#>', ['json', '{"a":[4,5], "x":[1,2,3]}'], ['text[]', '{a,-1}'], '5'],
  // select '{"a":[4,5], "x":[1,2,3]}'::json #>> '{a,-1}'::text[]
  ['op', '#>>', ['json', '{"a":[4,5], "x":[1,2,3]}'], ['text[]', '{a,-1}'], '5'],
  // select '[[1,2,3],[4,5]]'::json #> '{1,-1}'::text[]
  ['op', '#>', ['json', '[[1,2,3],[4,5]]'], ['text[]', '{1,-1}'], null],
  // select '[[1,2,3],[4,5]]'::json #>> '{1,-1}'::text[]
  ['op', '#>>', ['json', '[[1,2,3],[4,5]]'], ['text[]', '{1,-1}'], null],
  // select '[[1,2,3],[4,5]]'::json #> '{0,-1}'::text[]
  ['op', '#>', ['json', '[[1,2,3],[4,5]]'], ['text[]', '{0,-1}'], '3'],
  // select '[[1,2,3],[4,5]]'::json #>> '{0,-1}'::text[]
  ['op', '#>>', ['json', '[[1,2,3],[4,5]]'], ['text[]', '{0,-1}'], '3'],
  // select '{"a":{"b":1},"a":{"c":2}}'::json #> '{a,b}'::text[]
  ['op', '#>', ['json', '{"a":{"b":1},"a":{"c":2}}'], ['text[]', '{a,b}'], '1'],
  // select '{"a":{"b":1},"a":{"c":2}}'::json #>> '{a,b}'::text[]
  ['op', '#>>', ['json', '{"a":{"b":1},"a":{"c":2}}'], ['text[]', '{a,b}'], '1'],
  // select '{"a":{"b":1},"a":{"c":2}}'::json #> '{a}'::text[]
  ['op', '#>', ['json', '{"a":{"b":1},"a":{"c":2}}'], ['text[]', '{a}'], '{"c":2}'],
  // select '{"a":{"b":1},"a":{"c":2}}'::json #>> '{a}'::text[]
  ['op', '#>>', ['json', '{"a":{"b":1},"a":{"c":2}}'], ['text[]', '{a}'], '{"c":2}'],
  // select '{"a":{"b":1},"a":{"b":2}}'::json #> '{a,b}'::text[]
  ['op', '#>', ['json', '{"a":{"b":1},"a":{"b":2}}'], ['text[]', '{a,b}'], '2'],
  // select '{"a":{"b":1},"a":{"b":2}}'::json #>> '{a,b}'::text[]
  ['op', '#>>', ['json', '{"a":{"b":1},"a":{"b":2}}'], ['text[]', '{a,b}'], '2'],
  // select '{"1":"x"}'::json #> '{1}'::text[]
  ['op', '#>', ['json', '{"1":"x"}'], ['text[]', '{1}'], '"x"'],
  // select '{"1":"x"}'::json #>> '{1}'::text[]
  ['op', '#>>', ['json', '{"1":"x"}'], ['text[]', '{1}'], 'x'],
  // select '{"":5}'::json #> '{""}'::text[]
  ['op', '#>', ['json', '{"":5}'], ['text[]', '{""}'], '5'],
  // select '{"":5}'::json #>> '{""}'::text[]
  ['op', '#>>', ['json', '{"":5}'], ['text[]', '{""}'], '5'],
  // select ' 1 '::json #> '{}'::text[]
  ['op', '#>', ['json', ' 1 '], ['text[]', '{}'], ' 1'],
  // select ' 1 '::json #>> '{}'::text[]
  ['op', '#>>', ['json', ' 1 '], ['text[]', '{}'], ' 1'],
  // select ' "a\tb" '::json #> '{}'::text[]
  ['op', '#>', ['json', ' "a\\tb" '], ['text[]', '{}'], ' "a\\tb"'],
  // select ' "a\tb" '::json #>> '{}'::text[]
  ['op', '#>>', ['json', ' "a\\tb" '], ['text[]', '{}'], 'a\tb'],
  // select 'null'::json #> '{}'::text[]
  ['op', '#>', ['json', 'null'], ['text[]', '{}'], 'null'],
  // select 'null'::json #>> '{}'::text[]
  ['op', '#>>', ['json', 'null'], ['text[]', '{}'], null],
  // select ' [ 1 , 2 ] '::json #> '{}'::text[]
  ['op', '#>', ['json', ' [ 1 , 2 ] '], ['text[]', '{}'], '[ 1 , 2 ]'],
  // select ' [ 1 , 2 ] '::json #>> '{}'::text[]
  ['op', '#>>', ['json', ' [ 1 , 2 ] '], ['text[]', '{}'], '[ 1 , 2 ]'],
  // select '"s"'::json #> '{0}'::text[]
  ['op', '#>', ['json', '"s"'], ['text[]', '{0}'], null],
  // select '"s"'::json #>> '{0}'::text[]
  ['op', '#>>', ['json', '"s"'], ['text[]', '{0}'], null],
  // select '{"a":1}'::json #> '{a,b}'::text[]
  ['op', '#>', ['json', '{"a":1}'], ['text[]', '{a,b}'], null],
  // select '{"a":1}'::json #>> '{a,b}'::text[]
  ['op', '#>>', ['json', '{"a":1}'], ['text[]', '{a,b}'], null],
  // select '["\u0000", 1]'::json #> '{1}'::text[]
  [
    'op',
    '#>',
    ['json', '["\\u0000", 1]'],
    ['text[]', '{1}'],
    [
      'error',
      '22P05',
      'unsupported Unicode escape sequence',
      '\\u0000 cannot be converted to text.',
    ],
  ],
  // select '["\u0000", 1]'::json #>> '{1}'::text[]
  [
    'op',
    '#>>',
    ['json', '["\\u0000", 1]'],
    ['text[]', '{1}'],
    [
      'error',
      '22P05',
      'unsupported Unicode escape sequence',
      '\\u0000 cannot be converted to text.',
    ],
  ],
  // select json_extract_path('{"a":{"b":[1,2]}}'::json, 'a'::text)
  ['fn', 'json_extract_path', ['json', '{"a":{"b":[1,2]}}'], ['text', 'a'], '{"b":[1,2]}'],
  // select json_extract_path_text('{"a":{"b":[1,2]}}'::json, 'a'::text)
  ['fn', 'json_extract_path_text', ['json', '{"a":{"b":[1,2]}}'], ['text', 'a'], '{"b":[1,2]}'],
  // select jsonb_extract_path('{"a":{"b":[1,2]}}'::jsonb, 'a'::text)
  ['fn', 'jsonb_extract_path', ['jsonb', '{"a":{"b":[1,2]}}'], ['text', 'a'], '{"b": [1, 2]}'],
  // select jsonb_extract_path_text('{"a":{"b":"x"}}'::jsonb, 'a'::text)
  ['fn', 'jsonb_extract_path_text', ['jsonb', '{"a":{"b":"x"}}'], ['text', 'a'], '{"b": "x"}'],
  // select json_object_field('{"a":1}'::json, 'a'::text)
  ['fn', 'json_object_field', ['json', '{"a":1}'], ['text', 'a'], '1'],
  // select json_object_field_text('{"a":"x"}'::json, 'a'::text)
  ['fn', 'json_object_field_text', ['json', '{"a":"x"}'], ['text', 'a'], 'x'],
  // select json_array_element('[1,2]'::json, '1'::int4)
  ['fn', 'json_array_element', ['json', '[1,2]'], ['int4', '1'], '2'],
  // select json_array_element_text('["x"]'::json, '0'::int4)
  ['fn', 'json_array_element_text', ['json', '["x"]'], ['int4', '0'], 'x'],
  // select jsonb_object_field('{"a":1}'::jsonb, 'a'::text)
  ['fn', 'jsonb_object_field', ['jsonb', '{"a":1}'], ['text', 'a'], '1'],
  // select jsonb_object_field_text('{"a":"x"}'::jsonb, 'a'::text)
  ['fn', 'jsonb_object_field_text', ['jsonb', '{"a":"x"}'], ['text', 'a'], 'x'],
  // select jsonb_array_element('[1,2]'::jsonb, '1'::int4)
  ['fn', 'jsonb_array_element', ['jsonb', '[1,2]'], ['int4', '1'], '2'],
  // select jsonb_array_element_text('["x"]'::jsonb, '0'::int4)
  ['fn', 'jsonb_array_element_text', ['jsonb', '["x"]'], ['int4', '0'], 'x'],
  // select '{"a":1, "b":{"c":[1,2,{"d":null}]}}'::jsonb @> '{"b":{"c":[{"d":null}]}}'::jsonb
  [
    'op',
    '@>',
    ['jsonb', '{"a":1, "b":{"c":[1,2,{"d":null}]}}'],
    ['jsonb', '{"b":{"c":[{"d":null}]}}'],
    't',
  ],
  // select '{"b":{"c":[{"d":null}]}}'::jsonb <@ '{"a":1, "b":{"c":[1,2,{"d":null}]}}'::jsonb
  [
    'op',
    '<@',
    ['jsonb', '{"b":{"c":[{"d":null}]}}'],
    ['jsonb', '{"a":1, "b":{"c":[1,2,{"d":null}]}}'],
    't',
  ],
  // select '[1,2,[3,4]]'::jsonb @> '[[3]]'::jsonb
  ['op', '@>', ['jsonb', '[1,2,[3,4]]'], ['jsonb', '[[3]]'], 't'],
  // select '[[3]]'::jsonb <@ '[1,2,[3,4]]'::jsonb
  ['op', '<@', ['jsonb', '[[3]]'], ['jsonb', '[1,2,[3,4]]'], 't'],
  // select '[1,2,[3,4]]'::jsonb @> '[3]'::jsonb
  ['op', '@>', ['jsonb', '[1,2,[3,4]]'], ['jsonb', '[3]'], 'f'],
  // select '[3]'::jsonb <@ '[1,2,[3,4]]'::jsonb
  ['op', '<@', ['jsonb', '[3]'], ['jsonb', '[1,2,[3,4]]'], 'f'],
  // select '[1,2]'::jsonb @> '1'::jsonb
  ['op', '@>', ['jsonb', '[1,2]'], ['jsonb', '1'], 't'],
  // select '1'::jsonb <@ '[1,2]'::jsonb
  ['op', '<@', ['jsonb', '1'], ['jsonb', '[1,2]'], 't'],
  // select '1'::jsonb @> '[1]'::jsonb
  ['op', '@>', ['jsonb', '1'], ['jsonb', '[1]'], 'f'],
  // select '[1]'::jsonb <@ '1'::jsonb
  ['op', '<@', ['jsonb', '[1]'], ['jsonb', '1'], 'f'],
  // select '"a"'::jsonb @> '"a"'::jsonb
  ['op', '@>', ['jsonb', '"a"'], ['jsonb', '"a"'], 't'],
  // select '"a"'::jsonb <@ '"a"'::jsonb
  ['op', '<@', ['jsonb', '"a"'], ['jsonb', '"a"'], 't'],
  // select '"a"'::jsonb @> '"b"'::jsonb
  ['op', '@>', ['jsonb', '"a"'], ['jsonb', '"b"'], 'f'],
  // select '"b"'::jsonb <@ '"a"'::jsonb
  ['op', '<@', ['jsonb', '"b"'], ['jsonb', '"a"'], 'f'],
  // select '[1,1,2]'::jsonb @> '[1,1,1]'::jsonb
  ['op', '@>', ['jsonb', '[1,1,2]'], ['jsonb', '[1,1,1]'], 't'],
  // select '[1,1,1]'::jsonb <@ '[1,1,2]'::jsonb
  ['op', '<@', ['jsonb', '[1,1,1]'], ['jsonb', '[1,1,2]'], 't'],
  // select '[]'::jsonb @> '[]'::jsonb
  ['op', '@>', ['jsonb', '[]'], ['jsonb', '[]'], 't'],
  // select '[]'::jsonb <@ '[]'::jsonb
  ['op', '<@', ['jsonb', '[]'], ['jsonb', '[]'], 't'],
  // select '{}'::jsonb @> '{}'::jsonb
  ['op', '@>', ['jsonb', '{}'], ['jsonb', '{}'], 't'],
  // select '{}'::jsonb <@ '{}'::jsonb
  ['op', '<@', ['jsonb', '{}'], ['jsonb', '{}'], 't'],
  // select '[]'::jsonb @> '{}'::jsonb
  ['op', '@>', ['jsonb', '[]'], ['jsonb', '{}'], 'f'],
  // select '{}'::jsonb <@ '[]'::jsonb
  ['op', '<@', ['jsonb', '{}'], ['jsonb', '[]'], 'f'],
  // select '{}'::jsonb @> '[]'::jsonb
  ['op', '@>', ['jsonb', '{}'], ['jsonb', '[]'], 'f'],
  // select '[]'::jsonb <@ '{}'::jsonb
  ['op', '<@', ['jsonb', '[]'], ['jsonb', '{}'], 'f'],
  // select '[{}]'::jsonb @> '[{}]'::jsonb
  ['op', '@>', ['jsonb', '[{}]'], ['jsonb', '[{}]'], 't'],
  // select '[{}]'::jsonb <@ '[{}]'::jsonb
  ['op', '<@', ['jsonb', '[{}]'], ['jsonb', '[{}]'], 't'],
  // select '[[]]'::jsonb @> '[]'::jsonb
  ['op', '@>', ['jsonb', '[[]]'], ['jsonb', '[]'], 't'],
  // select '[]'::jsonb <@ '[[]]'::jsonb
  ['op', '<@', ['jsonb', '[]'], ['jsonb', '[[]]'], 't'],
  // select '[1]'::jsonb @> '[[]]'::jsonb
  ['op', '@>', ['jsonb', '[1]'], ['jsonb', '[[]]'], 'f'],
  // select '[[]]'::jsonb <@ '[1]'::jsonb
  ['op', '<@', ['jsonb', '[[]]'], ['jsonb', '[1]'], 'f'],
  // select '[[1]]'::jsonb @> '[[]]'::jsonb
  ['op', '@>', ['jsonb', '[[1]]'], ['jsonb', '[[]]'], 't'],
  // select '[[]]'::jsonb <@ '[[1]]'::jsonb
  ['op', '<@', ['jsonb', '[[]]'], ['jsonb', '[[1]]'], 't'],
  // select '{"a":[1,2]}'::jsonb @> '{"a":[]}'::jsonb
  ['op', '@>', ['jsonb', '{"a":[1,2]}'], ['jsonb', '{"a":[]}'], 't'],
  // select '{"a":[]}'::jsonb <@ '{"a":[1,2]}'::jsonb
  ['op', '<@', ['jsonb', '{"a":[]}'], ['jsonb', '{"a":[1,2]}'], 't'],
  // select '{"a":[1,2]}'::jsonb @> '{"a":1}'::jsonb
  ['op', '@>', ['jsonb', '{"a":[1,2]}'], ['jsonb', '{"a":1}'], 'f'],
  // select '{"a":1}'::jsonb <@ '{"a":[1,2]}'::jsonb
  ['op', '<@', ['jsonb', '{"a":1}'], ['jsonb', '{"a":[1,2]}'], 'f'],
  // select '{"a":{"b":1}}'::jsonb @> '{"a":{}}'::jsonb
  ['op', '@>', ['jsonb', '{"a":{"b":1}}'], ['jsonb', '{"a":{}}'], 't'],
  // select '{"a":{}}'::jsonb <@ '{"a":{"b":1}}'::jsonb
  ['op', '<@', ['jsonb', '{"a":{}}'], ['jsonb', '{"a":{"b":1}}'], 't'],
  // select '[1.0]'::jsonb @> '[1]'::jsonb
  ['op', '@>', ['jsonb', '[1.0]'], ['jsonb', '[1]'], 't'],
  // select '[1]'::jsonb <@ '[1.0]'::jsonb
  ['op', '<@', ['jsonb', '[1]'], ['jsonb', '[1.0]'], 't'],
  // select '{"a":1}'::jsonb @> '{"a":1,"b":2}'::jsonb
  ['op', '@>', ['jsonb', '{"a":1}'], ['jsonb', '{"a":1,"b":2}'], 'f'],
  // select '{"a":1,"b":2}'::jsonb <@ '{"a":1}'::jsonb
  ['op', '<@', ['jsonb', '{"a":1,"b":2}'], ['jsonb', '{"a":1}'], 'f'],
  // select '["a"]'::jsonb @> '"a"'::jsonb
  ['op', '@>', ['jsonb', '["a"]'], ['jsonb', '"a"'], 't'],
  // select '"a"'::jsonb <@ '["a"]'::jsonb
  ['op', '<@', ['jsonb', '"a"'], ['jsonb', '["a"]'], 't'],
  // select '"a"'::jsonb @> '["a"]'::jsonb
  ['op', '@>', ['jsonb', '"a"'], ['jsonb', '["a"]'], 'f'],
  // select '["a"]'::jsonb <@ '"a"'::jsonb
  ['op', '<@', ['jsonb', '["a"]'], ['jsonb', '"a"'], 'f'],
  // select '{"a":[1,{"b":[2,3]}]}'::jsonb @> '{"a":[{"b":[3]}]}'::jsonb
  ['op', '@>', ['jsonb', '{"a":[1,{"b":[2,3]}]}'], ['jsonb', '{"a":[{"b":[3]}]}'], 't'],
  // select '{"a":[{"b":[3]}]}'::jsonb <@ '{"a":[1,{"b":[2,3]}]}'::jsonb
  ['op', '<@', ['jsonb', '{"a":[{"b":[3]}]}'], ['jsonb', '{"a":[1,{"b":[2,3]}]}'], 't'],
  // select '{"a":[1,{"b":[2,3]}]}'::jsonb @> '{"a":[{"b":[4]}]}'::jsonb
  ['op', '@>', ['jsonb', '{"a":[1,{"b":[2,3]}]}'], ['jsonb', '{"a":[{"b":[4]}]}'], 'f'],
  // select '{"a":[{"b":[4]}]}'::jsonb <@ '{"a":[1,{"b":[2,3]}]}'::jsonb
  ['op', '<@', ['jsonb', '{"a":[{"b":[4]}]}'], ['jsonb', '{"a":[1,{"b":[2,3]}]}'], 'f'],
  // select '[[1,2],[3,4]]'::jsonb @> '[[1,4]]'::jsonb
  ['op', '@>', ['jsonb', '[[1,2],[3,4]]'], ['jsonb', '[[1,4]]'], 'f'],
  // select '[[1,4]]'::jsonb <@ '[[1,2],[3,4]]'::jsonb
  ['op', '<@', ['jsonb', '[[1,4]]'], ['jsonb', '[[1,2],[3,4]]'], 'f'],
  // select '[[1,2],[3,4]]'::jsonb @> '[[1],[4]]'::jsonb
  ['op', '@>', ['jsonb', '[[1,2],[3,4]]'], ['jsonb', '[[1],[4]]'], 't'],
  // select '[[1],[4]]'::jsonb <@ '[[1,2],[3,4]]'::jsonb
  ['op', '<@', ['jsonb', '[[1],[4]]'], ['jsonb', '[[1,2],[3,4]]'], 't'],
  // select '[{"a":1},{"b":2}]'::jsonb @> '[{"a":1,"b":2}]'::jsonb
  ['op', '@>', ['jsonb', '[{"a":1},{"b":2}]'], ['jsonb', '[{"a":1,"b":2}]'], 'f'],
  // select '[{"a":1,"b":2}]'::jsonb <@ '[{"a":1},{"b":2}]'::jsonb
  ['op', '<@', ['jsonb', '[{"a":1,"b":2}]'], ['jsonb', '[{"a":1},{"b":2}]'], 'f'],
  // select '{"a":null}'::jsonb @> '{"a":null}'::jsonb
  ['op', '@>', ['jsonb', '{"a":null}'], ['jsonb', '{"a":null}'], 't'],
  // select '{"a":null}'::jsonb <@ '{"a":null}'::jsonb
  ['op', '<@', ['jsonb', '{"a":null}'], ['jsonb', '{"a":null}'], 't'],
  // select '{"a":1}'::jsonb @> '{"a":"1"}'::jsonb
  ['op', '@>', ['jsonb', '{"a":1}'], ['jsonb', '{"a":"1"}'], 'f'],
  // select '{"a":"1"}'::jsonb <@ '{"a":1}'::jsonb
  ['op', '<@', ['jsonb', '{"a":"1"}'], ['jsonb', '{"a":1}'], 'f'],
  // select '[1,"1"]'::jsonb @> '["1"]'::jsonb
  ['op', '@>', ['jsonb', '[1,"1"]'], ['jsonb', '["1"]'], 't'],
  // select '["1"]'::jsonb <@ '[1,"1"]'::jsonb
  ['op', '<@', ['jsonb', '["1"]'], ['jsonb', '[1,"1"]'], 't'],
  // select 'null'::jsonb @> 'null'::jsonb
  ['op', '@>', ['jsonb', 'null'], ['jsonb', 'null'], 't'],
  // select 'null'::jsonb <@ 'null'::jsonb
  ['op', '<@', ['jsonb', 'null'], ['jsonb', 'null'], 't'],
  // select '[null]'::jsonb @> 'null'::jsonb
  ['op', '@>', ['jsonb', '[null]'], ['jsonb', 'null'], 't'],
  // select 'null'::jsonb <@ '[null]'::jsonb
  ['op', '<@', ['jsonb', 'null'], ['jsonb', '[null]'], 't'],
  // select '[true]'::jsonb @> '[false]'::jsonb
  ['op', '@>', ['jsonb', '[true]'], ['jsonb', '[false]'], 'f'],
  // select '[false]'::jsonb <@ '[true]'::jsonb
  ['op', '<@', ['jsonb', '[false]'], ['jsonb', '[true]'], 'f'],
  // select '{"a":[]}'::jsonb @> '{"a":{}}'::jsonb
  ['op', '@>', ['jsonb', '{"a":[]}'], ['jsonb', '{"a":{}}'], 'f'],
  // select '{"a":{}}'::jsonb <@ '{"a":[]}'::jsonb
  ['op', '<@', ['jsonb', '{"a":{}}'], ['jsonb', '{"a":[]}'], 'f'],
  // select '{"a":1}'::jsonb ? 'a'::text
  ['op', '?', ['jsonb', '{"a":1}'], ['text', 'a'], 't'],
  // select '["a",1]'::jsonb ? 'a'::text
  ['op', '?', ['jsonb', '["a",1]'], ['text', 'a'], 't'],
  // select '["a",1]'::jsonb ? '1'::text
  ['op', '?', ['jsonb', '["a",1]'], ['text', '1'], 'f'],
  // select '"a"'::jsonb ? 'a'::text
  ['op', '?', ['jsonb', '"a"'], ['text', 'a'], 't'],
  // select '{"b":{"a":1}}'::jsonb ? 'a'::text
  ['op', '?', ['jsonb', '{"b":{"a":1}}'], ['text', 'a'], 'f'],
  // select '[["a"]]'::jsonb ? 'a'::text
  ['op', '?', ['jsonb', '[["a"]]'], ['text', 'a'], 'f'],
  // select '1'::jsonb ? '1'::text
  ['op', '?', ['jsonb', '1'], ['text', '1'], 'f'],
  // select '{"a":null}'::jsonb ? 'a'::text
  ['op', '?', ['jsonb', '{"a":null}'], ['text', 'a'], 't'],
  // select '[]'::jsonb ? ''::text
  ['op', '?', ['jsonb', '[]'], ['text', ''], 'f'],
  // select '{"":1}'::jsonb ? ''::text
  ['op', '?', ['jsonb', '{"":1}'], ['text', ''], 't'],
  // select '{"a":1,"b":2}'::jsonb ?| '{a,z}'::text[]
  ['op', '?|', ['jsonb', '{"a":1,"b":2}'], ['text[]', '{a,z}'], 't'],
  // select '{"a":1,"b":2}'::jsonb ?& '{a,z}'::text[]
  ['op', '?&', ['jsonb', '{"a":1,"b":2}'], ['text[]', '{a,z}'], 'f'],
  // select '{"a":1,"b":2}'::jsonb ?| '{}'::text[]
  ['op', '?|', ['jsonb', '{"a":1,"b":2}'], ['text[]', '{}'], 'f'],
  // select '{"a":1,"b":2}'::jsonb ?& '{}'::text[]
  ['op', '?&', ['jsonb', '{"a":1,"b":2}'], ['text[]', '{}'], 't'],
  // select '["a","b"]'::jsonb ?| '{a,b}'::text[]
  ['op', '?|', ['jsonb', '["a","b"]'], ['text[]', '{a,b}'], 't'],
  // select '["a","b"]'::jsonb ?& '{a,b}'::text[]
  ['op', '?&', ['jsonb', '["a","b"]'], ['text[]', '{a,b}'], 't'],
  // select '"a"'::jsonb ?| '{a}'::text[]
  ['op', '?|', ['jsonb', '"a"'], ['text[]', '{a}'], 't'],
  // select '"a"'::jsonb ?& '{a}'::text[]
  ['op', '?&', ['jsonb', '"a"'], ['text[]', '{a}'], 't'],
  // select '{"a":1}'::jsonb ?| '{NULL,a}'::text[]
  ['op', '?|', ['jsonb', '{"a":1}'], ['text[]', '{NULL,a}'], 't'],
  // select '{"a":1}'::jsonb ?& '{NULL,a}'::text[]
  ['op', '?&', ['jsonb', '{"a":1}'], ['text[]', '{NULL,a}'], 't'],
  // select '{"a":1}'::jsonb ?| '{NULL}'::text[]
  ['op', '?|', ['jsonb', '{"a":1}'], ['text[]', '{NULL}'], 'f'],
  // select '{"a":1}'::jsonb ?& '{NULL}'::text[]
  ['op', '?&', ['jsonb', '{"a":1}'], ['text[]', '{NULL}'], 't'],
  // select '{"a":1}'::jsonb ?| '{{a},{b}}'::text[]
  ['op', '?|', ['jsonb', '{"a":1}'], ['text[]', '{{a},{b}}'], 't'],
  // select '{"a":1}'::jsonb ?& '{{a},{b}}'::text[]
  ['op', '?&', ['jsonb', '{"a":1}'], ['text[]', '{{a},{b}}'], 'f'],
  // select '{"a":1,"b":1}'::jsonb ?| '{{a},{b}}'::text[]
  ['op', '?|', ['jsonb', '{"a":1,"b":1}'], ['text[]', '{{a},{b}}'], 't'],
  // select '{"a":1,"b":1}'::jsonb ?& '{{a},{b}}'::text[]
  ['op', '?&', ['jsonb', '{"a":1,"b":1}'], ['text[]', '{{a},{b}}'], 't'],
  // select '[1,2]'::jsonb || '[3]'::jsonb
  ['op', '||', ['jsonb', '[1,2]'], ['jsonb', '[3]'], '[1, 2, 3]'],
  // select '[1]'::jsonb || '{"a":1}'::jsonb
  ['op', '||', ['jsonb', '[1]'], ['jsonb', '{"a":1}'], '[1, {"a": 1}]'],
  // select '{"a":1}'::jsonb || '[1]'::jsonb
  ['op', '||', ['jsonb', '{"a":1}'], ['jsonb', '[1]'], '[{"a": 1}, 1]'],
  // select '{"a":1,"b":2}'::jsonb || '{"b":3,"c":4}'::jsonb
  ['op', '||', ['jsonb', '{"a":1,"b":2}'], ['jsonb', '{"b":3,"c":4}'], '{"a": 1, "b": 3, "c": 4}'],
  // select '1'::jsonb || '2'::jsonb
  ['op', '||', ['jsonb', '1'], ['jsonb', '2'], '[1, 2]'],
  // select '"a"'::jsonb || '[1]'::jsonb
  ['op', '||', ['jsonb', '"a"'], ['jsonb', '[1]'], '["a", 1]'],
  // select '[1]'::jsonb || '"a"'::jsonb
  ['op', '||', ['jsonb', '[1]'], ['jsonb', '"a"'], '[1, "a"]'],
  // select '{"a":1}'::jsonb || '"x"'::jsonb
  ['op', '||', ['jsonb', '{"a":1}'], ['jsonb', '"x"'], '[{"a": 1}, "x"]'],
  // select '"x"'::jsonb || '{"a":1}'::jsonb
  ['op', '||', ['jsonb', '"x"'], ['jsonb', '{"a":1}'], '["x", {"a": 1}]'],
  // select '{}'::jsonb || '{}'::jsonb
  ['op', '||', ['jsonb', '{}'], ['jsonb', '{}'], '{}'],
  // select '[]'::jsonb || '1'::jsonb
  ['op', '||', ['jsonb', '[]'], ['jsonb', '1'], '[1]'],
  // select '1'::jsonb || '[]'::jsonb
  ['op', '||', ['jsonb', '1'], ['jsonb', '[]'], '[1]'],
  // select 'null'::jsonb || 'null'::jsonb
  ['op', '||', ['jsonb', 'null'], ['jsonb', 'null'], '[null, null]'],
  // select '[]'::jsonb || '[]'::jsonb
  ['op', '||', ['jsonb', '[]'], ['jsonb', '[]'], '[]'],
  // select '{}'::jsonb || '{"a":1}'::jsonb
  ['op', '||', ['jsonb', '{}'], ['jsonb', '{"a":1}'], '{"a": 1}'],
  // select '{"a":1}'::jsonb || '{}'::jsonb
  ['op', '||', ['jsonb', '{"a":1}'], ['jsonb', '{}'], '{"a": 1}'],
  // select '[]'::jsonb || '{}'::jsonb
  ['op', '||', ['jsonb', '[]'], ['jsonb', '{}'], '[{}]'],
  // select '{}'::jsonb || '[]'::jsonb
  ['op', '||', ['jsonb', '{}'], ['jsonb', '[]'], '[{}]'],
  // select '[[1]]'::jsonb || '[[2]]'::jsonb
  ['op', '||', ['jsonb', '[[1]]'], ['jsonb', '[[2]]'], '[[1], [2]]'],
  // select '{"a":1,"b":2}'::jsonb - 'a'::text
  ['op', '-', ['jsonb', '{"a":1,"b":2}'], ['text', 'a'], '{"b": 2}'],
  // select '["a","b","a",1]'::jsonb - 'a'::text
  ['op', '-', ['jsonb', '["a","b","a",1]'], ['text', 'a'], '["b", 1]'],
  // select '{}'::jsonb - 'a'::text
  ['op', '-', ['jsonb', '{}'], ['text', 'a'], '{}'],
  // select '[]'::jsonb - 'a'::text
  ['op', '-', ['jsonb', '[]'], ['text', 'a'], '[]'],
  // select '"a"'::jsonb - 'b'::text
  ['op', '-', ['jsonb', '"a"'], ['text', 'b'], ['error', '22023', 'cannot delete from scalar']],
  // select '1'::jsonb - 'a'::text
  ['op', '-', ['jsonb', '1'], ['text', 'a'], ['error', '22023', 'cannot delete from scalar']],
  // select '{"a":1}'::jsonb - 'z'::text
  ['op', '-', ['jsonb', '{"a":1}'], ['text', 'z'], '{"a": 1}'],
  // select '[["a"]]'::jsonb - 'a'::text
  ['op', '-', ['jsonb', '[["a"]]'], ['text', 'a'], '[["a"]]'],
  // select '[1,2,3]'::jsonb - '1'::int4
  ['op', '-', ['jsonb', '[1,2,3]'], ['int4', '1'], '[1, 3]'],
  // select '[1,2,3]'::jsonb - '-1'::int4
  ['op', '-', ['jsonb', '[1,2,3]'], ['int4', '-1'], '[1, 2]'],
  // select '[1,2,3]'::jsonb - '5'::int4
  ['op', '-', ['jsonb', '[1,2,3]'], ['int4', '5'], '[1, 2, 3]'],
  // select '[1,2,3]'::jsonb - '-5'::int4
  ['op', '-', ['jsonb', '[1,2,3]'], ['int4', '-5'], '[1, 2, 3]'],
  // select '[1,2,3]'::jsonb - '-3'::int4
  ['op', '-', ['jsonb', '[1,2,3]'], ['int4', '-3'], '[2, 3]'],
  // select '{"a":1}'::jsonb - '0'::int4
  [
    'op',
    '-',
    ['jsonb', '{"a":1}'],
    ['int4', '0'],
    ['error', '22023', 'cannot delete from object using integer index'],
  ],
  // select '"x"'::jsonb - '0'::int4
  ['op', '-', ['jsonb', '"x"'], ['int4', '0'], ['error', '22023', 'cannot delete from scalar']],
  // select '[]'::jsonb - '0'::int4
  ['op', '-', ['jsonb', '[]'], ['int4', '0'], '[]'],
  // select '{}'::jsonb - '0'::int4
  [
    'op',
    '-',
    ['jsonb', '{}'],
    ['int4', '0'],
    ['error', '22023', 'cannot delete from object using integer index'],
  ],
  // select '{"a":1,"b":2,"c":3}'::jsonb - '{a,c,z}'::text[]
  ['op', '-', ['jsonb', '{"a":1,"b":2,"c":3}'], ['text[]', '{a,c,z}'], '{"b": 2}'],
  // select '["a","b",1]'::jsonb - '{a,b}'::text[]
  ['op', '-', ['jsonb', '["a","b",1]'], ['text[]', '{a,b}'], '[1]'],
  // select '["a","b",1]'::jsonb - '{}'::text[]
  ['op', '-', ['jsonb', '["a","b",1]'], ['text[]', '{}'], '["a", "b", 1]'],
  // select '1'::jsonb - '{a}'::text[]
  ['op', '-', ['jsonb', '1'], ['text[]', '{a}'], ['error', '22023', 'cannot delete from scalar']],
  // select '1'::jsonb - '{}'::text[]
  ['op', '-', ['jsonb', '1'], ['text[]', '{}'], ['error', '22023', 'cannot delete from scalar']],
  // select '{"a":1}'::jsonb - '{NULL}'::text[]
  ['op', '-', ['jsonb', '{"a":1}'], ['text[]', '{NULL}'], '{"a": 1}'],
  // select '["a",null]'::jsonb - '{NULL,a}'::text[]
  ['op', '-', ['jsonb', '["a",null]'], ['text[]', '{NULL,a}'], '[null]'],
  // select '{"a":1}'::jsonb - '{{a}}'::text[]
  [
    'op',
    '-',
    ['jsonb', '{"a":1}'],
    ['text[]', '{{a}}'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select '{}'::jsonb - '{{a}}'::text[]
  [
    'op',
    '-',
    ['jsonb', '{}'],
    ['text[]', '{{a}}'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select '[]'::jsonb - '{a}'::text[]
  ['op', '-', ['jsonb', '[]'], ['text[]', '{a}'], '[]'],
  // select '{"a":{"b":[1,2]}}'::jsonb #- '{a,b,0}'::text[]
  ['op', '#-', ['jsonb', '{"a":{"b":[1,2]}}'], ['text[]', '{a,b,0}'], '{"a": {"b": [2]}}'],
  // select '{"a":{"b":[1,2]}}'::jsonb #- '{a,b}'::text[]
  ['op', '#-', ['jsonb', '{"a":{"b":[1,2]}}'], ['text[]', '{a,b}'], '{"a": {}}'],
  // select '{"a":{"b":[1,2]}}'::jsonb #- '{a,x,y}'::text[]
  ['op', '#-', ['jsonb', '{"a":{"b":[1,2]}}'], ['text[]', '{a,x,y}'], '{"a": {"b": [1, 2]}}'],
  // select '{"a":{"b":[1,2]}}'::jsonb #- '{}'::text[]
  ['op', '#-', ['jsonb', '{"a":{"b":[1,2]}}'], ['text[]', '{}'], '{"a": {"b": [1, 2]}}'],
  // select '[1,2]'::jsonb #- '{-1}'::text[]
  ['op', '#-', ['jsonb', '[1,2]'], ['text[]', '{-1}'], '[1]'],
  // select '{"a":{"b":[1,2]}}'::jsonb #- '{a,b,x}'::text[]
  [
    'op',
    '#-',
    ['jsonb', '{"a":{"b":[1,2]}}'],
    ['text[]', '{a,b,x}'],
    ['error', '22P02', 'path element at position 3 is not an integer: "x"'],
  ],
  // select '{"a":{"b":[1,2]}}'::jsonb #- '{a,NULL}'::text[]
  [
    'op',
    '#-',
    ['jsonb', '{"a":{"b":[1,2]}}'],
    ['text[]', '{a,NULL}'],
    ['error', '22004', 'path element at position 2 is null'],
  ],
  // select '1'::jsonb #- '{a}'::text[]
  [
    'op',
    '#-',
    ['jsonb', '1'],
    ['text[]', '{a}'],
    ['error', '22023', 'cannot delete path in scalar'],
  ],
  // select '1'::jsonb #- '{}'::text[]
  [
    'op',
    '#-',
    ['jsonb', '1'],
    ['text[]', '{}'],
    ['error', '22023', 'cannot delete path in scalar'],
  ],
  // select '[1,2]'::jsonb #- '{5}'::text[]
  ['op', '#-', ['jsonb', '[1,2]'], ['text[]', '{5}'], '[1, 2]'],
  // select '[[1,2]]'::jsonb #- '{0,-1}'::text[]
  ['op', '#-', ['jsonb', '[[1,2]]'], ['text[]', '{0,-1}'], '[[1]]'],
  // select '[]'::jsonb #- '{x}'::text[]
  ['op', '#-', ['jsonb', '[]'], ['text[]', '{x}'], '[]'],
  // select '[1]'::jsonb #- '{a}'::text[]
  [
    'op',
    '#-',
    ['jsonb', '[1]'],
    ['text[]', '{a}'],
    ['error', '22P02', 'path element at position 1 is not an integer: "a"'],
  ],
  // select '[1]'::jsonb #- '{{0}}'::text[]
  [
    'op',
    '#-',
    ['jsonb', '[1]'],
    ['text[]', '{{0}}'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select '{"a":1}'::jsonb #- '{a}'::text[]
  ['op', '#-', ['jsonb', '{"a":1}'], ['text[]', '{a}'], '{}'],
  // select '{"a":1}'::jsonb #- '{NULL}'::text[]
  [
    'op',
    '#-',
    ['jsonb', '{"a":1}'],
    ['text[]', '{NULL}'],
    ['error', '22004', 'path element at position 1 is null'],
  ],
  // select '{}'::jsonb #- '{NULL}'::text[]
  ['op', '#-', ['jsonb', '{}'], ['text[]', '{NULL}'], '{}'],
  // select '[1,2]'::jsonb #- '{-3}'::text[]
  ['op', '#-', ['jsonb', '[1,2]'], ['text[]', '{-3}'], '[1, 2]'],
  // select jsonb_delete('{"a":1,"b":2,"c":3}'::jsonb, 'a'::text, 'c'::text)
  [
    'fn',
    'jsonb_delete',
    ['jsonb', '{"a":1,"b":2,"c":3}'],
    ['text', 'a'],
    ['text', 'c'],
    '{"b": 2}',
  ],
  // select jsonb_delete_path('{"a":[1,2]}'::jsonb, '{a,0}'::text[])
  ['fn', 'jsonb_delete_path', ['jsonb', '{"a":[1,2]}'], ['text[]', '{a,0}'], '{"a": [2]}'],
  // select 'null'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', 'null'], ['jsonb', 'null'], 't'],
  // select 'null'::jsonb <> 'null'::jsonb
  ['op', '<>', ['jsonb', 'null'], ['jsonb', 'null'], 'f'],
  // select 'null'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', 'null'], ['jsonb', 'null'], 'f'],
  // select 'null'::jsonb <= 'null'::jsonb
  ['op', '<=', ['jsonb', 'null'], ['jsonb', 'null'], 't'],
  // select 'null'::jsonb > 'null'::jsonb
  ['op', '>', ['jsonb', 'null'], ['jsonb', 'null'], 'f'],
  // select 'null'::jsonb >= 'null'::jsonb
  ['op', '>=', ['jsonb', 'null'], ['jsonb', 'null'], 't'],
  // select jsonb_cmp('null'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'null'], ['jsonb', 'null'], '0'],
  // select 'null'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', 'null'], ['jsonb', '[]'], 'f'],
  // select 'null'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', 'null'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('null'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'null'], ['jsonb', '[]'], '1'],
  // select 'null'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', 'null'], ['jsonb', '1'], 'f'],
  // select 'null'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', 'null'], ['jsonb', '1'], 't'],
  // select jsonb_cmp('null'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'null'], ['jsonb', '1'], '-1'],
  // select 'null'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', 'null'], ['jsonb', '"z"'], 'f'],
  // select 'null'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', 'null'], ['jsonb', '"z"'], 't'],
  // select jsonb_cmp('null'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'null'], ['jsonb', '"z"'], '-1'],
  // select 'null'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', 'null'], ['jsonb', '{"a":1}'], 'f'],
  // select 'null'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', 'null'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('null'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'null'], ['jsonb', '{"a":1}'], '-1'],
  // select 'null'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', 'null'], ['jsonb', '[1,1]'], 'f'],
  // select 'null'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', 'null'], ['jsonb', '[1,1]'], 't'],
  // select jsonb_cmp('null'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'null'], ['jsonb', '[1,1]'], '-1'],
  // select 'null'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', 'null'], ['jsonb', 'true'], 'f'],
  // select 'null'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', 'null'], ['jsonb', 'true'], 't'],
  // select jsonb_cmp('null'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'null'], ['jsonb', 'true'], '-1'],
  // select 'null'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', 'null'], ['jsonb', '{"b":1}'], 'f'],
  // select 'null'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', 'null'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('null'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'null'], ['jsonb', '{"b":1}'], '-1'],
  // select '[]'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '[]'], ['jsonb', 'null'], 'f'],
  // select '[]'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '[]'], ['jsonb', 'null'], 't'],
  // select jsonb_cmp('[]'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[]'], ['jsonb', 'null'], '-1'],
  // select '[]'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '[]'], ['jsonb', '[]'], 't'],
  // select '[]'::jsonb <> '[]'::jsonb
  ['op', '<>', ['jsonb', '[]'], ['jsonb', '[]'], 'f'],
  // select '[]'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '[]'], ['jsonb', '[]'], 'f'],
  // select '[]'::jsonb <= '[]'::jsonb
  ['op', '<=', ['jsonb', '[]'], ['jsonb', '[]'], 't'],
  // select '[]'::jsonb > '[]'::jsonb
  ['op', '>', ['jsonb', '[]'], ['jsonb', '[]'], 'f'],
  // select '[]'::jsonb >= '[]'::jsonb
  ['op', '>=', ['jsonb', '[]'], ['jsonb', '[]'], 't'],
  // select jsonb_cmp('[]'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[]'], ['jsonb', '[]'], '0'],
  // select '[]'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '[]'], ['jsonb', '1'], 'f'],
  // select '[]'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '[]'], ['jsonb', '1'], 't'],
  // select jsonb_cmp('[]'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[]'], ['jsonb', '1'], '-1'],
  // select '[]'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '[]'], ['jsonb', '"z"'], 'f'],
  // select '[]'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '[]'], ['jsonb', '"z"'], 't'],
  // select jsonb_cmp('[]'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[]'], ['jsonb', '"z"'], '-1'],
  // select '[]'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '[]'], ['jsonb', '{"a":1}'], 'f'],
  // select '[]'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '[]'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('[]'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[]'], ['jsonb', '{"a":1}'], '-1'],
  // select '[]'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '[]'], ['jsonb', '[1,1]'], 'f'],
  // select '[]'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '[]'], ['jsonb', '[1,1]'], 't'],
  // select jsonb_cmp('[]'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[]'], ['jsonb', '[1,1]'], '-1'],
  // select '[]'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '[]'], ['jsonb', 'true'], 'f'],
  // select '[]'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '[]'], ['jsonb', 'true'], 't'],
  // select jsonb_cmp('[]'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[]'], ['jsonb', 'true'], '-1'],
  // select '[]'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '[]'], ['jsonb', '{"b":1}'], 'f'],
  // select '[]'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '[]'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('[]'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[]'], ['jsonb', '{"b":1}'], '-1'],
  // select '[1]'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '[1]'], ['jsonb', 'null'], 'f'],
  // select '[1]'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '[1]'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('[1]'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1]'], ['jsonb', 'null'], '1'],
  // select '[1]'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '[1]'], ['jsonb', '[]'], 'f'],
  // select '[1]'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '[1]'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('[1]'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1]'], ['jsonb', '[]'], '1'],
  // select '[1]'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '[1]'], ['jsonb', '1'], 'f'],
  // select '[1]'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '[1]'], ['jsonb', '1'], 'f'],
  // select jsonb_cmp('[1]'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1]'], ['jsonb', '1'], '1'],
  // select '[1]'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '[1]'], ['jsonb', '"z"'], 'f'],
  // select '[1]'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '[1]'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('[1]'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1]'], ['jsonb', '"z"'], '1'],
  // select '[1]'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '[1]'], ['jsonb', '{"a":1}'], 'f'],
  // select '[1]'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '[1]'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('[1]'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1]'], ['jsonb', '{"a":1}'], '-1'],
  // select '[1]'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '[1]'], ['jsonb', '[1,1]'], 'f'],
  // select '[1]'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '[1]'], ['jsonb', '[1,1]'], 't'],
  // select jsonb_cmp('[1]'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1]'], ['jsonb', '[1,1]'], '-1'],
  // select '[1]'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '[1]'], ['jsonb', 'true'], 'f'],
  // select '[1]'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '[1]'], ['jsonb', 'true'], 'f'],
  // select jsonb_cmp('[1]'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1]'], ['jsonb', 'true'], '1'],
  // select '[1]'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '[1]'], ['jsonb', '{"b":1}'], 'f'],
  // select '[1]'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '[1]'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('[1]'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1]'], ['jsonb', '{"b":1}'], '-1'],
  // select '{}'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '{}'], ['jsonb', 'null'], 'f'],
  // select '{}'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '{}'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('{}'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{}'], ['jsonb', 'null'], '1'],
  // select '{}'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '{}'], ['jsonb', '[]'], 'f'],
  // select '{}'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '{}'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('{}'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{}'], ['jsonb', '[]'], '1'],
  // select '{}'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '{}'], ['jsonb', '1'], 'f'],
  // select '{}'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '{}'], ['jsonb', '1'], 'f'],
  // select jsonb_cmp('{}'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{}'], ['jsonb', '1'], '1'],
  // select '{}'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '{}'], ['jsonb', '"z"'], 'f'],
  // select '{}'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '{}'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('{}'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{}'], ['jsonb', '"z"'], '1'],
  // select '{}'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '{}'], ['jsonb', '{"a":1}'], 'f'],
  // select '{}'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '{}'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('{}'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{}'], ['jsonb', '{"a":1}'], '-1'],
  // select '{}'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '{}'], ['jsonb', '[1,1]'], 'f'],
  // select '{}'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '{}'], ['jsonb', '[1,1]'], 'f'],
  // select jsonb_cmp('{}'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{}'], ['jsonb', '[1,1]'], '1'],
  // select '{}'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '{}'], ['jsonb', 'true'], 'f'],
  // select '{}'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '{}'], ['jsonb', 'true'], 'f'],
  // select jsonb_cmp('{}'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{}'], ['jsonb', 'true'], '1'],
  // select '{}'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '{}'], ['jsonb', '{"b":1}'], 'f'],
  // select '{}'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '{}'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('{}'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{}'], ['jsonb', '{"b":1}'], '-1'],
  // select '{"a":1}'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '{"a":1}'], ['jsonb', 'null'], 'f'],
  // select '{"a":1}'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '{"a":1}'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('{"a":1}'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":1}'], ['jsonb', 'null'], '1'],
  // select '{"a":1}'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '{"a":1}'], ['jsonb', '[]'], 'f'],
  // select '{"a":1}'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '{"a":1}'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('{"a":1}'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":1}'], ['jsonb', '[]'], '1'],
  // select '{"a":1}'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '{"a":1}'], ['jsonb', '1'], 'f'],
  // select '{"a":1}'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '{"a":1}'], ['jsonb', '1'], 'f'],
  // select jsonb_cmp('{"a":1}'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":1}'], ['jsonb', '1'], '1'],
  // select '{"a":1}'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '{"a":1}'], ['jsonb', '"z"'], 'f'],
  // select '{"a":1}'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '{"a":1}'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('{"a":1}'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":1}'], ['jsonb', '"z"'], '1'],
  // select '{"a":1}'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '{"a":1}'], ['jsonb', '{"a":1}'], 't'],
  // select '{"a":1}'::jsonb <> '{"a":1}'::jsonb
  ['op', '<>', ['jsonb', '{"a":1}'], ['jsonb', '{"a":1}'], 'f'],
  // select '{"a":1}'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '{"a":1}'], ['jsonb', '{"a":1}'], 'f'],
  // select '{"a":1}'::jsonb <= '{"a":1}'::jsonb
  ['op', '<=', ['jsonb', '{"a":1}'], ['jsonb', '{"a":1}'], 't'],
  // select '{"a":1}'::jsonb > '{"a":1}'::jsonb
  ['op', '>', ['jsonb', '{"a":1}'], ['jsonb', '{"a":1}'], 'f'],
  // select '{"a":1}'::jsonb >= '{"a":1}'::jsonb
  ['op', '>=', ['jsonb', '{"a":1}'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('{"a":1}'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":1}'], ['jsonb', '{"a":1}'], '0'],
  // select '{"a":1}'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '{"a":1}'], ['jsonb', '[1,1]'], 'f'],
  // select '{"a":1}'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '{"a":1}'], ['jsonb', '[1,1]'], 'f'],
  // select jsonb_cmp('{"a":1}'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":1}'], ['jsonb', '[1,1]'], '1'],
  // select '{"a":1}'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '{"a":1}'], ['jsonb', 'true'], 'f'],
  // select '{"a":1}'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '{"a":1}'], ['jsonb', 'true'], 'f'],
  // select jsonb_cmp('{"a":1}'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":1}'], ['jsonb', 'true'], '1'],
  // select '{"a":1}'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '{"a":1}'], ['jsonb', '{"b":1}'], 'f'],
  // select '{"a":1}'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '{"a":1}'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('{"a":1}'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":1}'], ['jsonb', '{"b":1}'], '-1'],
  // select '1'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '1'], ['jsonb', 'null'], 'f'],
  // select '1'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '1'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('1'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1'], ['jsonb', 'null'], '1'],
  // select '1'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '1'], ['jsonb', '[]'], 'f'],
  // select '1'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '1'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('1'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1'], ['jsonb', '[]'], '1'],
  // select '1'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '1'], ['jsonb', '1'], 't'],
  // select '1'::jsonb <> '1'::jsonb
  ['op', '<>', ['jsonb', '1'], ['jsonb', '1'], 'f'],
  // select '1'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '1'], ['jsonb', '1'], 'f'],
  // select '1'::jsonb <= '1'::jsonb
  ['op', '<=', ['jsonb', '1'], ['jsonb', '1'], 't'],
  // select '1'::jsonb > '1'::jsonb
  ['op', '>', ['jsonb', '1'], ['jsonb', '1'], 'f'],
  // select '1'::jsonb >= '1'::jsonb
  ['op', '>=', ['jsonb', '1'], ['jsonb', '1'], 't'],
  // select jsonb_cmp('1'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1'], ['jsonb', '1'], '0'],
  // select '1'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '1'], ['jsonb', '"z"'], 'f'],
  // select '1'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '1'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('1'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1'], ['jsonb', '"z"'], '1'],
  // select '1'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '1'], ['jsonb', '{"a":1}'], 'f'],
  // select '1'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '1'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('1'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1'], ['jsonb', '{"a":1}'], '-1'],
  // select '1'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '1'], ['jsonb', '[1,1]'], 'f'],
  // select '1'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '1'], ['jsonb', '[1,1]'], 't'],
  // select jsonb_cmp('1'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1'], ['jsonb', '[1,1]'], '-1'],
  // select '1'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '1'], ['jsonb', 'true'], 'f'],
  // select '1'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '1'], ['jsonb', 'true'], 't'],
  // select jsonb_cmp('1'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1'], ['jsonb', 'true'], '-1'],
  // select '1'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '1'], ['jsonb', '{"b":1}'], 'f'],
  // select '1'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '1'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('1'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1'], ['jsonb', '{"b":1}'], '-1'],
  // select '1.0'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '1.0'], ['jsonb', 'null'], 'f'],
  // select '1.0'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '1.0'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('1.0'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1.0'], ['jsonb', 'null'], '1'],
  // select '1.0'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '1.0'], ['jsonb', '[]'], 'f'],
  // select '1.0'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '1.0'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('1.0'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1.0'], ['jsonb', '[]'], '1'],
  // select '1.0'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '1.0'], ['jsonb', '1'], 't'],
  // select '1.0'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '1.0'], ['jsonb', '1'], 'f'],
  // select jsonb_cmp('1.0'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1.0'], ['jsonb', '1'], '0'],
  // select '1.0'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '1.0'], ['jsonb', '"z"'], 'f'],
  // select '1.0'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '1.0'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('1.0'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1.0'], ['jsonb', '"z"'], '1'],
  // select '1.0'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '1.0'], ['jsonb', '{"a":1}'], 'f'],
  // select '1.0'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '1.0'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('1.0'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1.0'], ['jsonb', '{"a":1}'], '-1'],
  // select '1.0'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '1.0'], ['jsonb', '[1,1]'], 'f'],
  // select '1.0'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '1.0'], ['jsonb', '[1,1]'], 't'],
  // select jsonb_cmp('1.0'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1.0'], ['jsonb', '[1,1]'], '-1'],
  // select '1.0'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '1.0'], ['jsonb', 'true'], 'f'],
  // select '1.0'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '1.0'], ['jsonb', 'true'], 't'],
  // select jsonb_cmp('1.0'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1.0'], ['jsonb', 'true'], '-1'],
  // select '1.0'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '1.0'], ['jsonb', '{"b":1}'], 'f'],
  // select '1.0'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '1.0'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('1.0'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '1.0'], ['jsonb', '{"b":1}'], '-1'],
  // select '"a"'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '"a"'], ['jsonb', 'null'], 'f'],
  // select '"a"'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '"a"'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('"a"'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"a"'], ['jsonb', 'null'], '1'],
  // select '"a"'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '"a"'], ['jsonb', '[]'], 'f'],
  // select '"a"'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '"a"'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('"a"'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"a"'], ['jsonb', '[]'], '1'],
  // select '"a"'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '"a"'], ['jsonb', '1'], 'f'],
  // select '"a"'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '"a"'], ['jsonb', '1'], 't'],
  // select jsonb_cmp('"a"'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"a"'], ['jsonb', '1'], '-1'],
  // select '"a"'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '"a"'], ['jsonb', '"z"'], 'f'],
  // select '"a"'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '"a"'], ['jsonb', '"z"'], 't'],
  // select jsonb_cmp('"a"'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"a"'], ['jsonb', '"z"'], '-25'],
  // select '"a"'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '"a"'], ['jsonb', '{"a":1}'], 'f'],
  // select '"a"'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '"a"'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('"a"'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"a"'], ['jsonb', '{"a":1}'], '-1'],
  // select '"a"'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '"a"'], ['jsonb', '[1,1]'], 'f'],
  // select '"a"'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '"a"'], ['jsonb', '[1,1]'], 't'],
  // select jsonb_cmp('"a"'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"a"'], ['jsonb', '[1,1]'], '-1'],
  // select '"a"'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '"a"'], ['jsonb', 'true'], 'f'],
  // select '"a"'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '"a"'], ['jsonb', 'true'], 't'],
  // select jsonb_cmp('"a"'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"a"'], ['jsonb', 'true'], '-1'],
  // select '"a"'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '"a"'], ['jsonb', '{"b":1}'], 'f'],
  // select '"a"'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '"a"'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('"a"'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"a"'], ['jsonb', '{"b":1}'], '-1'],
  // select 'true'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', 'true'], ['jsonb', 'null'], 'f'],
  // select 'true'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', 'true'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('true'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'true'], ['jsonb', 'null'], '1'],
  // select 'true'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', 'true'], ['jsonb', '[]'], 'f'],
  // select 'true'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', 'true'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('true'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'true'], ['jsonb', '[]'], '1'],
  // select 'true'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', 'true'], ['jsonb', '1'], 'f'],
  // select 'true'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', 'true'], ['jsonb', '1'], 'f'],
  // select jsonb_cmp('true'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'true'], ['jsonb', '1'], '1'],
  // select 'true'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', 'true'], ['jsonb', '"z"'], 'f'],
  // select 'true'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', 'true'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('true'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'true'], ['jsonb', '"z"'], '1'],
  // select 'true'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', 'true'], ['jsonb', '{"a":1}'], 'f'],
  // select 'true'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', 'true'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('true'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'true'], ['jsonb', '{"a":1}'], '-1'],
  // select 'true'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', 'true'], ['jsonb', '[1,1]'], 'f'],
  // select 'true'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', 'true'], ['jsonb', '[1,1]'], 't'],
  // select jsonb_cmp('true'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'true'], ['jsonb', '[1,1]'], '-1'],
  // select 'true'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', 'true'], ['jsonb', 'true'], 't'],
  // select 'true'::jsonb <> 'true'::jsonb
  ['op', '<>', ['jsonb', 'true'], ['jsonb', 'true'], 'f'],
  // select 'true'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', 'true'], ['jsonb', 'true'], 'f'],
  // select 'true'::jsonb <= 'true'::jsonb
  ['op', '<=', ['jsonb', 'true'], ['jsonb', 'true'], 't'],
  // select 'true'::jsonb > 'true'::jsonb
  ['op', '>', ['jsonb', 'true'], ['jsonb', 'true'], 'f'],
  // select 'true'::jsonb >= 'true'::jsonb
  ['op', '>=', ['jsonb', 'true'], ['jsonb', 'true'], 't'],
  // select jsonb_cmp('true'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'true'], ['jsonb', 'true'], '0'],
  // select 'true'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', 'true'], ['jsonb', '{"b":1}'], 'f'],
  // select 'true'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', 'true'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('true'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'true'], ['jsonb', '{"b":1}'], '-1'],
  // select 'false'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', 'false'], ['jsonb', 'null'], 'f'],
  // select 'false'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', 'false'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('false'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'false'], ['jsonb', 'null'], '1'],
  // select 'false'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', 'false'], ['jsonb', '[]'], 'f'],
  // select 'false'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', 'false'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('false'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'false'], ['jsonb', '[]'], '1'],
  // select 'false'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', 'false'], ['jsonb', '1'], 'f'],
  // select 'false'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', 'false'], ['jsonb', '1'], 'f'],
  // select jsonb_cmp('false'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'false'], ['jsonb', '1'], '1'],
  // select 'false'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', 'false'], ['jsonb', '"z"'], 'f'],
  // select 'false'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', 'false'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('false'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'false'], ['jsonb', '"z"'], '1'],
  // select 'false'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', 'false'], ['jsonb', '{"a":1}'], 'f'],
  // select 'false'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', 'false'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('false'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'false'], ['jsonb', '{"a":1}'], '-1'],
  // select 'false'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', 'false'], ['jsonb', '[1,1]'], 'f'],
  // select 'false'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', 'false'], ['jsonb', '[1,1]'], 't'],
  // select jsonb_cmp('false'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'false'], ['jsonb', '[1,1]'], '-1'],
  // select 'false'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', 'false'], ['jsonb', 'true'], 'f'],
  // select 'false'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', 'false'], ['jsonb', 'true'], 't'],
  // select jsonb_cmp('false'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'false'], ['jsonb', 'true'], '-1'],
  // select 'false'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', 'false'], ['jsonb', '{"b":1}'], 'f'],
  // select 'false'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', 'false'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('false'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', 'false'], ['jsonb', '{"b":1}'], '-1'],
  // select '[[]]'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '[[]]'], ['jsonb', 'null'], 'f'],
  // select '[[]]'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '[[]]'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('[[]]'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[[]]'], ['jsonb', 'null'], '1'],
  // select '[[]]'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '[[]]'], ['jsonb', '[]'], 'f'],
  // select '[[]]'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '[[]]'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('[[]]'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[[]]'], ['jsonb', '[]'], '1'],
  // select '[[]]'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '[[]]'], ['jsonb', '1'], 'f'],
  // select '[[]]'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '[[]]'], ['jsonb', '1'], 'f'],
  // select jsonb_cmp('[[]]'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[[]]'], ['jsonb', '1'], '1'],
  // select '[[]]'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '[[]]'], ['jsonb', '"z"'], 'f'],
  // select '[[]]'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '[[]]'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('[[]]'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[[]]'], ['jsonb', '"z"'], '1'],
  // select '[[]]'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '[[]]'], ['jsonb', '{"a":1}'], 'f'],
  // select '[[]]'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '[[]]'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('[[]]'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[[]]'], ['jsonb', '{"a":1}'], '-1'],
  // select '[[]]'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '[[]]'], ['jsonb', '[1,1]'], 'f'],
  // select '[[]]'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '[[]]'], ['jsonb', '[1,1]'], 't'],
  // select jsonb_cmp('[[]]'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[[]]'], ['jsonb', '[1,1]'], '-1'],
  // select '[[]]'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '[[]]'], ['jsonb', 'true'], 'f'],
  // select '[[]]'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '[[]]'], ['jsonb', 'true'], 'f'],
  // select jsonb_cmp('[[]]'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[[]]'], ['jsonb', 'true'], '1'],
  // select '[[]]'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '[[]]'], ['jsonb', '{"b":1}'], 'f'],
  // select '[[]]'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '[[]]'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('[[]]'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[[]]'], ['jsonb', '{"b":1}'], '-1'],
  // select '{"a":[]}'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '{"a":[]}'], ['jsonb', 'null'], 'f'],
  // select '{"a":[]}'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '{"a":[]}'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('{"a":[]}'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":[]}'], ['jsonb', 'null'], '1'],
  // select '{"a":[]}'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '{"a":[]}'], ['jsonb', '[]'], 'f'],
  // select '{"a":[]}'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '{"a":[]}'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('{"a":[]}'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":[]}'], ['jsonb', '[]'], '1'],
  // select '{"a":[]}'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '{"a":[]}'], ['jsonb', '1'], 'f'],
  // select '{"a":[]}'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '{"a":[]}'], ['jsonb', '1'], 'f'],
  // select jsonb_cmp('{"a":[]}'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":[]}'], ['jsonb', '1'], '1'],
  // select '{"a":[]}'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '{"a":[]}'], ['jsonb', '"z"'], 'f'],
  // select '{"a":[]}'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '{"a":[]}'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('{"a":[]}'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":[]}'], ['jsonb', '"z"'], '1'],
  // select '{"a":[]}'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '{"a":[]}'], ['jsonb', '{"a":1}'], 'f'],
  // select '{"a":[]}'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '{"a":[]}'], ['jsonb', '{"a":1}'], 'f'],
  // select jsonb_cmp('{"a":[]}'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":[]}'], ['jsonb', '{"a":1}'], '1'],
  // select '{"a":[]}'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '{"a":[]}'], ['jsonb', '[1,1]'], 'f'],
  // select '{"a":[]}'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '{"a":[]}'], ['jsonb', '[1,1]'], 'f'],
  // select jsonb_cmp('{"a":[]}'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":[]}'], ['jsonb', '[1,1]'], '1'],
  // select '{"a":[]}'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '{"a":[]}'], ['jsonb', 'true'], 'f'],
  // select '{"a":[]}'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '{"a":[]}'], ['jsonb', 'true'], 'f'],
  // select jsonb_cmp('{"a":[]}'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":[]}'], ['jsonb', 'true'], '1'],
  // select '{"a":[]}'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '{"a":[]}'], ['jsonb', '{"b":1}'], 'f'],
  // select '{"a":[]}'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '{"a":[]}'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('{"a":[]}'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"a":[]}'], ['jsonb', '{"b":1}'], '-1'],
  // select '"é"'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '"é"'], ['jsonb', 'null'], 'f'],
  // select '"é"'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '"é"'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('"é"'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"é"'], ['jsonb', 'null'], '1'],
  // select '"é"'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '"é"'], ['jsonb', '[]'], 'f'],
  // select '"é"'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '"é"'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('"é"'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"é"'], ['jsonb', '[]'], '1'],
  // select '"é"'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '"é"'], ['jsonb', '1'], 'f'],
  // select '"é"'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '"é"'], ['jsonb', '1'], 't'],
  // select jsonb_cmp('"é"'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"é"'], ['jsonb', '1'], '-1'],
  // select '"é"'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '"é"'], ['jsonb', '"z"'], 'f'],
  // select '"é"'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '"é"'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('"é"'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"é"'], ['jsonb', '"z"'], '73'],
  // select '"é"'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '"é"'], ['jsonb', '{"a":1}'], 'f'],
  // select '"é"'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '"é"'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('"é"'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"é"'], ['jsonb', '{"a":1}'], '-1'],
  // select '"é"'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '"é"'], ['jsonb', '[1,1]'], 'f'],
  // select '"é"'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '"é"'], ['jsonb', '[1,1]'], 't'],
  // select jsonb_cmp('"é"'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"é"'], ['jsonb', '[1,1]'], '-1'],
  // select '"é"'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '"é"'], ['jsonb', 'true'], 'f'],
  // select '"é"'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '"é"'], ['jsonb', 'true'], 't'],
  // select jsonb_cmp('"é"'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"é"'], ['jsonb', 'true'], '-1'],
  // select '"é"'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '"é"'], ['jsonb', '{"b":1}'], 'f'],
  // select '"é"'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '"é"'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('"é"'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"é"'], ['jsonb', '{"b":1}'], '-1'],
  // select '"z"'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '"z"'], ['jsonb', 'null'], 'f'],
  // select '"z"'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '"z"'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('"z"'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"z"'], ['jsonb', 'null'], '1'],
  // select '"z"'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '"z"'], ['jsonb', '[]'], 'f'],
  // select '"z"'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '"z"'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('"z"'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"z"'], ['jsonb', '[]'], '1'],
  // select '"z"'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '"z"'], ['jsonb', '1'], 'f'],
  // select '"z"'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '"z"'], ['jsonb', '1'], 't'],
  // select jsonb_cmp('"z"'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"z"'], ['jsonb', '1'], '-1'],
  // select '"z"'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '"z"'], ['jsonb', '"z"'], 't'],
  // select '"z"'::jsonb <> '"z"'::jsonb
  ['op', '<>', ['jsonb', '"z"'], ['jsonb', '"z"'], 'f'],
  // select '"z"'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '"z"'], ['jsonb', '"z"'], 'f'],
  // select '"z"'::jsonb <= '"z"'::jsonb
  ['op', '<=', ['jsonb', '"z"'], ['jsonb', '"z"'], 't'],
  // select '"z"'::jsonb > '"z"'::jsonb
  ['op', '>', ['jsonb', '"z"'], ['jsonb', '"z"'], 'f'],
  // select '"z"'::jsonb >= '"z"'::jsonb
  ['op', '>=', ['jsonb', '"z"'], ['jsonb', '"z"'], 't'],
  // select jsonb_cmp('"z"'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"z"'], ['jsonb', '"z"'], '0'],
  // select '"z"'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '"z"'], ['jsonb', '{"a":1}'], 'f'],
  // select '"z"'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '"z"'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('"z"'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"z"'], ['jsonb', '{"a":1}'], '-1'],
  // select '"z"'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '"z"'], ['jsonb', '[1,1]'], 'f'],
  // select '"z"'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '"z"'], ['jsonb', '[1,1]'], 't'],
  // select jsonb_cmp('"z"'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"z"'], ['jsonb', '[1,1]'], '-1'],
  // select '"z"'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '"z"'], ['jsonb', 'true'], 'f'],
  // select '"z"'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '"z"'], ['jsonb', 'true'], 't'],
  // select jsonb_cmp('"z"'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"z"'], ['jsonb', 'true'], '-1'],
  // select '"z"'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '"z"'], ['jsonb', '{"b":1}'], 'f'],
  // select '"z"'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '"z"'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('"z"'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '"z"'], ['jsonb', '{"b":1}'], '-1'],
  // select '[1,"a"]'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '[1,"a"]'], ['jsonb', 'null'], 'f'],
  // select '[1,"a"]'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '[1,"a"]'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('[1,"a"]'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,"a"]'], ['jsonb', 'null'], '1'],
  // select '[1,"a"]'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '[1,"a"]'], ['jsonb', '[]'], 'f'],
  // select '[1,"a"]'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '[1,"a"]'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('[1,"a"]'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,"a"]'], ['jsonb', '[]'], '1'],
  // select '[1,"a"]'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '[1,"a"]'], ['jsonb', '1'], 'f'],
  // select '[1,"a"]'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '[1,"a"]'], ['jsonb', '1'], 'f'],
  // select jsonb_cmp('[1,"a"]'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,"a"]'], ['jsonb', '1'], '1'],
  // select '[1,"a"]'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '[1,"a"]'], ['jsonb', '"z"'], 'f'],
  // select '[1,"a"]'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '[1,"a"]'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('[1,"a"]'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,"a"]'], ['jsonb', '"z"'], '1'],
  // select '[1,"a"]'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '[1,"a"]'], ['jsonb', '{"a":1}'], 'f'],
  // select '[1,"a"]'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '[1,"a"]'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('[1,"a"]'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,"a"]'], ['jsonb', '{"a":1}'], '-1'],
  // select '[1,"a"]'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '[1,"a"]'], ['jsonb', '[1,1]'], 'f'],
  // select '[1,"a"]'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '[1,"a"]'], ['jsonb', '[1,1]'], 't'],
  // select jsonb_cmp('[1,"a"]'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,"a"]'], ['jsonb', '[1,1]'], '-1'],
  // select '[1,"a"]'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '[1,"a"]'], ['jsonb', 'true'], 'f'],
  // select '[1,"a"]'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '[1,"a"]'], ['jsonb', 'true'], 'f'],
  // select jsonb_cmp('[1,"a"]'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,"a"]'], ['jsonb', 'true'], '1'],
  // select '[1,"a"]'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '[1,"a"]'], ['jsonb', '{"b":1}'], 'f'],
  // select '[1,"a"]'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '[1,"a"]'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('[1,"a"]'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,"a"]'], ['jsonb', '{"b":1}'], '-1'],
  // select '[1,1]'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '[1,1]'], ['jsonb', 'null'], 'f'],
  // select '[1,1]'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '[1,1]'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('[1,1]'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,1]'], ['jsonb', 'null'], '1'],
  // select '[1,1]'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '[1,1]'], ['jsonb', '[]'], 'f'],
  // select '[1,1]'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '[1,1]'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('[1,1]'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,1]'], ['jsonb', '[]'], '1'],
  // select '[1,1]'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '[1,1]'], ['jsonb', '1'], 'f'],
  // select '[1,1]'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '[1,1]'], ['jsonb', '1'], 'f'],
  // select jsonb_cmp('[1,1]'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,1]'], ['jsonb', '1'], '1'],
  // select '[1,1]'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '[1,1]'], ['jsonb', '"z"'], 'f'],
  // select '[1,1]'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '[1,1]'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('[1,1]'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,1]'], ['jsonb', '"z"'], '1'],
  // select '[1,1]'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '[1,1]'], ['jsonb', '{"a":1}'], 'f'],
  // select '[1,1]'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '[1,1]'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('[1,1]'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,1]'], ['jsonb', '{"a":1}'], '-1'],
  // select '[1,1]'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '[1,1]'], ['jsonb', '[1,1]'], 't'],
  // select '[1,1]'::jsonb <> '[1,1]'::jsonb
  ['op', '<>', ['jsonb', '[1,1]'], ['jsonb', '[1,1]'], 'f'],
  // select '[1,1]'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '[1,1]'], ['jsonb', '[1,1]'], 'f'],
  // select '[1,1]'::jsonb <= '[1,1]'::jsonb
  ['op', '<=', ['jsonb', '[1,1]'], ['jsonb', '[1,1]'], 't'],
  // select '[1,1]'::jsonb > '[1,1]'::jsonb
  ['op', '>', ['jsonb', '[1,1]'], ['jsonb', '[1,1]'], 'f'],
  // select '[1,1]'::jsonb >= '[1,1]'::jsonb
  ['op', '>=', ['jsonb', '[1,1]'], ['jsonb', '[1,1]'], 't'],
  // select jsonb_cmp('[1,1]'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,1]'], ['jsonb', '[1,1]'], '0'],
  // select '[1,1]'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '[1,1]'], ['jsonb', 'true'], 'f'],
  // select '[1,1]'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '[1,1]'], ['jsonb', 'true'], 'f'],
  // select jsonb_cmp('[1,1]'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,1]'], ['jsonb', 'true'], '1'],
  // select '[1,1]'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '[1,1]'], ['jsonb', '{"b":1}'], 'f'],
  // select '[1,1]'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '[1,1]'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('[1,1]'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '[1,1]'], ['jsonb', '{"b":1}'], '-1'],
  // select '{"b":1}'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '{"b":1}'], ['jsonb', 'null'], 'f'],
  // select '{"b":1}'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '{"b":1}'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('{"b":1}'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"b":1}'], ['jsonb', 'null'], '1'],
  // select '{"b":1}'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '{"b":1}'], ['jsonb', '[]'], 'f'],
  // select '{"b":1}'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '{"b":1}'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('{"b":1}'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"b":1}'], ['jsonb', '[]'], '1'],
  // select '{"b":1}'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '{"b":1}'], ['jsonb', '1'], 'f'],
  // select '{"b":1}'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '{"b":1}'], ['jsonb', '1'], 'f'],
  // select jsonb_cmp('{"b":1}'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"b":1}'], ['jsonb', '1'], '1'],
  // select '{"b":1}'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '{"b":1}'], ['jsonb', '"z"'], 'f'],
  // select '{"b":1}'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '{"b":1}'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('{"b":1}'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"b":1}'], ['jsonb', '"z"'], '1'],
  // select '{"b":1}'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '{"b":1}'], ['jsonb', '{"a":1}'], 'f'],
  // select '{"b":1}'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '{"b":1}'], ['jsonb', '{"a":1}'], 'f'],
  // select jsonb_cmp('{"b":1}'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"b":1}'], ['jsonb', '{"a":1}'], '1'],
  // select '{"b":1}'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '{"b":1}'], ['jsonb', '[1,1]'], 'f'],
  // select '{"b":1}'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '{"b":1}'], ['jsonb', '[1,1]'], 'f'],
  // select jsonb_cmp('{"b":1}'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"b":1}'], ['jsonb', '[1,1]'], '1'],
  // select '{"b":1}'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '{"b":1}'], ['jsonb', 'true'], 'f'],
  // select '{"b":1}'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '{"b":1}'], ['jsonb', 'true'], 'f'],
  // select jsonb_cmp('{"b":1}'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"b":1}'], ['jsonb', 'true'], '1'],
  // select '{"b":1}'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '{"b":1}'], ['jsonb', '{"b":1}'], 't'],
  // select '{"b":1}'::jsonb <> '{"b":1}'::jsonb
  ['op', '<>', ['jsonb', '{"b":1}'], ['jsonb', '{"b":1}'], 'f'],
  // select '{"b":1}'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '{"b":1}'], ['jsonb', '{"b":1}'], 'f'],
  // select '{"b":1}'::jsonb <= '{"b":1}'::jsonb
  ['op', '<=', ['jsonb', '{"b":1}'], ['jsonb', '{"b":1}'], 't'],
  // select '{"b":1}'::jsonb > '{"b":1}'::jsonb
  ['op', '>', ['jsonb', '{"b":1}'], ['jsonb', '{"b":1}'], 'f'],
  // select '{"b":1}'::jsonb >= '{"b":1}'::jsonb
  ['op', '>=', ['jsonb', '{"b":1}'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('{"b":1}'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"b":1}'], ['jsonb', '{"b":1}'], '0'],
  // select '{"ab":1}'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '{"ab":1}'], ['jsonb', 'null'], 'f'],
  // select '{"ab":1}'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '{"ab":1}'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('{"ab":1}'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"ab":1}'], ['jsonb', 'null'], '1'],
  // select '{"ab":1}'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '{"ab":1}'], ['jsonb', '[]'], 'f'],
  // select '{"ab":1}'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '{"ab":1}'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('{"ab":1}'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"ab":1}'], ['jsonb', '[]'], '1'],
  // select '{"ab":1}'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '{"ab":1}'], ['jsonb', '1'], 'f'],
  // select '{"ab":1}'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '{"ab":1}'], ['jsonb', '1'], 'f'],
  // select jsonb_cmp('{"ab":1}'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"ab":1}'], ['jsonb', '1'], '1'],
  // select '{"ab":1}'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '{"ab":1}'], ['jsonb', '"z"'], 'f'],
  // select '{"ab":1}'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '{"ab":1}'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('{"ab":1}'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"ab":1}'], ['jsonb', '"z"'], '1'],
  // select '{"ab":1}'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '{"ab":1}'], ['jsonb', '{"a":1}'], 'f'],
  // select '{"ab":1}'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '{"ab":1}'], ['jsonb', '{"a":1}'], 'f'],
  // select jsonb_cmp('{"ab":1}'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"ab":1}'], ['jsonb', '{"a":1}'], '98'],
  // select '{"ab":1}'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '{"ab":1}'], ['jsonb', '[1,1]'], 'f'],
  // select '{"ab":1}'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '{"ab":1}'], ['jsonb', '[1,1]'], 'f'],
  // select jsonb_cmp('{"ab":1}'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"ab":1}'], ['jsonb', '[1,1]'], '1'],
  // select '{"ab":1}'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '{"ab":1}'], ['jsonb', 'true'], 'f'],
  // select '{"ab":1}'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '{"ab":1}'], ['jsonb', 'true'], 'f'],
  // select jsonb_cmp('{"ab":1}'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"ab":1}'], ['jsonb', 'true'], '1'],
  // select '{"ab":1}'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '{"ab":1}'], ['jsonb', '{"b":1}'], 'f'],
  // select '{"ab":1}'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '{"ab":1}'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('{"ab":1}'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '{"ab":1}'], ['jsonb', '{"b":1}'], '-1'],
  // select '-0.0'::jsonb = 'null'::jsonb
  ['op', '=', ['jsonb', '-0.0'], ['jsonb', 'null'], 'f'],
  // select '-0.0'::jsonb < 'null'::jsonb
  ['op', '<', ['jsonb', '-0.0'], ['jsonb', 'null'], 'f'],
  // select jsonb_cmp('-0.0'::jsonb, 'null'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '-0.0'], ['jsonb', 'null'], '1'],
  // select '-0.0'::jsonb = '[]'::jsonb
  ['op', '=', ['jsonb', '-0.0'], ['jsonb', '[]'], 'f'],
  // select '-0.0'::jsonb < '[]'::jsonb
  ['op', '<', ['jsonb', '-0.0'], ['jsonb', '[]'], 'f'],
  // select jsonb_cmp('-0.0'::jsonb, '[]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '-0.0'], ['jsonb', '[]'], '1'],
  // select '-0.0'::jsonb = '1'::jsonb
  ['op', '=', ['jsonb', '-0.0'], ['jsonb', '1'], 'f'],
  // select '-0.0'::jsonb < '1'::jsonb
  ['op', '<', ['jsonb', '-0.0'], ['jsonb', '1'], 't'],
  // select jsonb_cmp('-0.0'::jsonb, '1'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '-0.0'], ['jsonb', '1'], '-1'],
  // select '-0.0'::jsonb = '"z"'::jsonb
  ['op', '=', ['jsonb', '-0.0'], ['jsonb', '"z"'], 'f'],
  // select '-0.0'::jsonb < '"z"'::jsonb
  ['op', '<', ['jsonb', '-0.0'], ['jsonb', '"z"'], 'f'],
  // select jsonb_cmp('-0.0'::jsonb, '"z"'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '-0.0'], ['jsonb', '"z"'], '1'],
  // select '-0.0'::jsonb = '{"a":1}'::jsonb
  ['op', '=', ['jsonb', '-0.0'], ['jsonb', '{"a":1}'], 'f'],
  // select '-0.0'::jsonb < '{"a":1}'::jsonb
  ['op', '<', ['jsonb', '-0.0'], ['jsonb', '{"a":1}'], 't'],
  // select jsonb_cmp('-0.0'::jsonb, '{"a":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '-0.0'], ['jsonb', '{"a":1}'], '-1'],
  // select '-0.0'::jsonb = '[1,1]'::jsonb
  ['op', '=', ['jsonb', '-0.0'], ['jsonb', '[1,1]'], 'f'],
  // select '-0.0'::jsonb < '[1,1]'::jsonb
  ['op', '<', ['jsonb', '-0.0'], ['jsonb', '[1,1]'], 't'],
  // select jsonb_cmp('-0.0'::jsonb, '[1,1]'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '-0.0'], ['jsonb', '[1,1]'], '-1'],
  // select '-0.0'::jsonb = 'true'::jsonb
  ['op', '=', ['jsonb', '-0.0'], ['jsonb', 'true'], 'f'],
  // select '-0.0'::jsonb < 'true'::jsonb
  ['op', '<', ['jsonb', '-0.0'], ['jsonb', 'true'], 't'],
  // select jsonb_cmp('-0.0'::jsonb, 'true'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '-0.0'], ['jsonb', 'true'], '-1'],
  // select '-0.0'::jsonb = '{"b":1}'::jsonb
  ['op', '=', ['jsonb', '-0.0'], ['jsonb', '{"b":1}'], 'f'],
  // select '-0.0'::jsonb < '{"b":1}'::jsonb
  ['op', '<', ['jsonb', '-0.0'], ['jsonb', '{"b":1}'], 't'],
  // select jsonb_cmp('-0.0'::jsonb, '{"b":1}'::jsonb)
  ['fn', 'jsonb_cmp', ['jsonb', '-0.0'], ['jsonb', '{"b":1}'], '-1'],
  // select jsonb_eq('[1]'::jsonb, '[2]'::jsonb)
  ['fn', 'jsonb_eq', ['jsonb', '[1]'], ['jsonb', '[2]'], 'f'],
  // select jsonb_ne('[1]'::jsonb, '[2]'::jsonb)
  ['fn', 'jsonb_ne', ['jsonb', '[1]'], ['jsonb', '[2]'], 't'],
  // select jsonb_lt('[1]'::jsonb, '[2]'::jsonb)
  ['fn', 'jsonb_lt', ['jsonb', '[1]'], ['jsonb', '[2]'], 't'],
  // select jsonb_le('[1]'::jsonb, '[2]'::jsonb)
  ['fn', 'jsonb_le', ['jsonb', '[1]'], ['jsonb', '[2]'], 't'],
  // select jsonb_gt('[1]'::jsonb, '[2]'::jsonb)
  ['fn', 'jsonb_gt', ['jsonb', '[1]'], ['jsonb', '[2]'], 'f'],
  // select jsonb_ge('[1]'::jsonb, '[2]'::jsonb)
  ['fn', 'jsonb_ge', ['jsonb', '[1]'], ['jsonb', '[2]'], 'f'],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{a,1}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,1}'],
    ['jsonb', '"x"'],
    '{"a": [1, "x", 3]}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{a,1}'::text[], '"x"'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,1}'],
    ['jsonb', '"x"'],
    ['bool', 'false'],
    '{"a": [1, "x", 3]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{a,1}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,1}'],
    ['jsonb', '"x"'],
    '{"a": [1, "x", 2, 3]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{a,1}'::text[], '"x"'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,1}'],
    ['jsonb', '"x"'],
    ['bool', 'true'],
    '{"a": [1, 2, "x", 3]}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{a,5}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,5}'],
    ['jsonb', '"x"'],
    '{"a": [1, 2, 3, "x"]}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{a,5}'::text[], '"x"'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,5}'],
    ['jsonb', '"x"'],
    ['bool', 'false'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{a,5}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,5}'],
    ['jsonb', '"x"'],
    '{"a": [1, 2, 3, "x"]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{a,5}'::text[], '"x"'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,5}'],
    ['jsonb', '"x"'],
    ['bool', 'true'],
    '{"a": [1, 2, 3, "x"]}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{a,-5}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,-5}'],
    ['jsonb', '"x"'],
    '{"a": ["x", 1, 2, 3]}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{a,-5}'::text[], '"x"'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,-5}'],
    ['jsonb', '"x"'],
    ['bool', 'false'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{a,-5}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,-5}'],
    ['jsonb', '"x"'],
    '{"a": ["x", 1, 2, 3]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{a,-5}'::text[], '"x"'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,-5}'],
    ['jsonb', '"x"'],
    ['bool', 'true'],
    '{"a": ["x", 1, 2, 3]}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{a,-1}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,-1}'],
    ['jsonb', '"x"'],
    '{"a": [1, 2, "x"]}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{a,-1}'::text[], '"x"'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,-1}'],
    ['jsonb', '"x"'],
    ['bool', 'false'],
    '{"a": [1, 2, "x"]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{a,-1}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,-1}'],
    ['jsonb', '"x"'],
    '{"a": [1, 2, "x", 3]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{a,-1}'::text[], '"x"'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,-1}'],
    ['jsonb', '"x"'],
    ['bool', 'true'],
    '{"a": [1, 2, 3, "x"]}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{b}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{b}'],
    ['jsonb', '"x"'],
    '{"a": [1, 2, 3], "b": "x"}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{b}'::text[], '"x"'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{b}'],
    ['jsonb', '"x"'],
    ['bool', 'false'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{b}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{b}'],
    ['jsonb', '"x"'],
    '{"a": [1, 2, 3], "b": "x"}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{b}'::text[], '"x"'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{b}'],
    ['jsonb', '"x"'],
    ['bool', 'true'],
    '{"a": [1, 2, 3], "b": "x"}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{b,c}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{b,c}'],
    ['jsonb', '"x"'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{b,c}'::text[], '"x"'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{b,c}'],
    ['jsonb', '"x"'],
    ['bool', 'false'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{b,c}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{b,c}'],
    ['jsonb', '"x"'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{b,c}'::text[], '"x"'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{b,c}'],
    ['jsonb', '"x"'],
    ['bool', 'true'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{}'],
    ['jsonb', '"x"'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{}'::text[], '"x"'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{}'],
    ['jsonb', '"x"'],
    ['bool', 'false'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{}'],
    ['jsonb', '"x"'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{}'::text[], '"x"'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{}'],
    ['jsonb', '"x"'],
    ['bool', 'true'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_set('[1]'::jsonb, '{0}'::text[], '2'::jsonb)
  ['fn', 'jsonb_set', ['jsonb', '[1]'], ['text[]', '{0}'], ['jsonb', '2'], '[2]'],
  // select jsonb_set('[1]'::jsonb, '{0}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1]'],
    ['text[]', '{0}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    '[2]',
  ],
  // select jsonb_insert('[1]'::jsonb, '{0}'::text[], '2'::jsonb)
  ['fn', 'jsonb_insert', ['jsonb', '[1]'], ['text[]', '{0}'], ['jsonb', '2'], '[2, 1]'],
  // select jsonb_insert('[1]'::jsonb, '{0}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1]'],
    ['text[]', '{0}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    '[1, 2]',
  ],
  // select jsonb_set('1'::jsonb, '{0}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '1'],
    ['text[]', '{0}'],
    ['jsonb', '2'],
    ['error', '22023', 'cannot set path in scalar'],
  ],
  // select jsonb_set('1'::jsonb, '{0}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '1'],
    ['text[]', '{0}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    ['error', '22023', 'cannot set path in scalar'],
  ],
  // select jsonb_insert('1'::jsonb, '{0}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '1'],
    ['text[]', '{0}'],
    ['jsonb', '2'],
    ['error', '22023', 'cannot set path in scalar'],
  ],
  // select jsonb_insert('1'::jsonb, '{0}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '1'],
    ['text[]', '{0}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    ['error', '22023', 'cannot set path in scalar'],
  ],
  // select jsonb_set('1'::jsonb, '{}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '1'],
    ['text[]', '{}'],
    ['jsonb', '2'],
    ['error', '22023', 'cannot set path in scalar'],
  ],
  // select jsonb_set('1'::jsonb, '{}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '1'],
    ['text[]', '{}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    ['error', '22023', 'cannot set path in scalar'],
  ],
  // select jsonb_insert('1'::jsonb, '{}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '1'],
    ['text[]', '{}'],
    ['jsonb', '2'],
    ['error', '22023', 'cannot set path in scalar'],
  ],
  // select jsonb_insert('1'::jsonb, '{}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '1'],
    ['text[]', '{}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    ['error', '22023', 'cannot set path in scalar'],
  ],
  // select jsonb_set('[]'::jsonb, '{0}'::text[], '2'::jsonb)
  ['fn', 'jsonb_set', ['jsonb', '[]'], ['text[]', '{0}'], ['jsonb', '2'], '[2]'],
  // select jsonb_set('[]'::jsonb, '{0}'::text[], '2'::jsonb, 'false'::bool)
  ['fn', 'jsonb_set', ['jsonb', '[]'], ['text[]', '{0}'], ['jsonb', '2'], ['bool', 'false'], '[]'],
  // select jsonb_insert('[]'::jsonb, '{0}'::text[], '2'::jsonb)
  ['fn', 'jsonb_insert', ['jsonb', '[]'], ['text[]', '{0}'], ['jsonb', '2'], '[2]'],
  // select jsonb_insert('[]'::jsonb, '{0}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[]'],
    ['text[]', '{0}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    '[2]',
  ],
  // select jsonb_set('[]'::jsonb, '{-1}'::text[], '2'::jsonb)
  ['fn', 'jsonb_set', ['jsonb', '[]'], ['text[]', '{-1}'], ['jsonb', '2'], '[2]'],
  // select jsonb_set('[]'::jsonb, '{-1}'::text[], '2'::jsonb, 'false'::bool)
  ['fn', 'jsonb_set', ['jsonb', '[]'], ['text[]', '{-1}'], ['jsonb', '2'], ['bool', 'false'], '[]'],
  // select jsonb_insert('[]'::jsonb, '{-1}'::text[], '2'::jsonb)
  ['fn', 'jsonb_insert', ['jsonb', '[]'], ['text[]', '{-1}'], ['jsonb', '2'], '[2]'],
  // select jsonb_insert('[]'::jsonb, '{-1}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[]'],
    ['text[]', '{-1}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    '[2]',
  ],
  // select jsonb_set('{}'::jsonb, '{a}'::text[], '2'::jsonb)
  ['fn', 'jsonb_set', ['jsonb', '{}'], ['text[]', '{a}'], ['jsonb', '2'], '{"a": 2}'],
  // select jsonb_set('{}'::jsonb, '{a}'::text[], '2'::jsonb, 'false'::bool)
  ['fn', 'jsonb_set', ['jsonb', '{}'], ['text[]', '{a}'], ['jsonb', '2'], ['bool', 'false'], '{}'],
  // select jsonb_insert('{}'::jsonb, '{a}'::text[], '2'::jsonb)
  ['fn', 'jsonb_insert', ['jsonb', '{}'], ['text[]', '{a}'], ['jsonb', '2'], '{"a": 2}'],
  // select jsonb_insert('{}'::jsonb, '{a}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{}'],
    ['text[]', '{a}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    '{"a": 2}',
  ],
  // select jsonb_set('[[1]]'::jsonb, '{0,0,0}'::text[], '2'::jsonb)
  ['fn', 'jsonb_set', ['jsonb', '[[1]]'], ['text[]', '{0,0,0}'], ['jsonb', '2'], '[[1]]'],
  // select jsonb_set('[[1]]'::jsonb, '{0,0,0}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[[1]]'],
    ['text[]', '{0,0,0}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    '[[1]]',
  ],
  // select jsonb_insert('[[1]]'::jsonb, '{0,0,0}'::text[], '2'::jsonb)
  ['fn', 'jsonb_insert', ['jsonb', '[[1]]'], ['text[]', '{0,0,0}'], ['jsonb', '2'], '[[1]]'],
  // select jsonb_insert('[[1]]'::jsonb, '{0,0,0}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[[1]]'],
    ['text[]', '{0,0,0}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    '[[1]]',
  ],
  // select jsonb_set('[{"a":1}]'::jsonb, '{0,a}'::text[], '[2]'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[{"a":1}]'],
    ['text[]', '{0,a}'],
    ['jsonb', '[2]'],
    '[{"a": [2]}]',
  ],
  // select jsonb_set('[{"a":1}]'::jsonb, '{0,a}'::text[], '[2]'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[{"a":1}]'],
    ['text[]', '{0,a}'],
    ['jsonb', '[2]'],
    ['bool', 'false'],
    '[{"a": [2]}]',
  ],
  // select jsonb_insert('[{"a":1}]'::jsonb, '{0,a}'::text[], '[2]'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[{"a":1}]'],
    ['text[]', '{0,a}'],
    ['jsonb', '[2]'],
    ['error', '22023', 'cannot replace existing key'],
  ],
  // select jsonb_insert('[{"a":1}]'::jsonb, '{0,a}'::text[], '[2]'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[{"a":1}]'],
    ['text[]', '{0,a}'],
    ['jsonb', '[2]'],
    ['bool', 'true'],
    ['error', '22023', 'cannot replace existing key'],
  ],
  // select jsonb_set('{"a":1}'::jsonb, '{a,b}'::text[], '2'::jsonb)
  ['fn', 'jsonb_set', ['jsonb', '{"a":1}'], ['text[]', '{a,b}'], ['jsonb', '2'], '{"a": 1}'],
  // select jsonb_set('{"a":1}'::jsonb, '{a,b}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":1}'],
    ['text[]', '{a,b}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    '{"a": 1}',
  ],
  // select jsonb_insert('{"a":1}'::jsonb, '{a,b}'::text[], '2'::jsonb)
  ['fn', 'jsonb_insert', ['jsonb', '{"a":1}'], ['text[]', '{a,b}'], ['jsonb', '2'], '{"a": 1}'],
  // select jsonb_insert('{"a":1}'::jsonb, '{a,b}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":1}'],
    ['text[]', '{a,b}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    '{"a": 1}',
  ],
  // select jsonb_set('{"a":[1]}'::jsonb, '{a,1,b}'::text[], '2'::jsonb)
  ['fn', 'jsonb_set', ['jsonb', '{"a":[1]}'], ['text[]', '{a,1,b}'], ['jsonb', '2'], '{"a": [1]}'],
  // select jsonb_set('{"a":[1]}'::jsonb, '{a,1,b}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1]}'],
    ['text[]', '{a,1,b}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    '{"a": [1]}',
  ],
  // select jsonb_insert('{"a":[1]}'::jsonb, '{a,1,b}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1]}'],
    ['text[]', '{a,1,b}'],
    ['jsonb', '2'],
    '{"a": [1]}',
  ],
  // select jsonb_insert('{"a":[1]}'::jsonb, '{a,1,b}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1]}'],
    ['text[]', '{a,1,b}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    '{"a": [1]}',
  ],
  // select jsonb_set('{"a":[1]}'::jsonb, '{a,x}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1]}'],
    ['text[]', '{a,x}'],
    ['jsonb', '2'],
    ['error', '22P02', 'path element at position 2 is not an integer: "x"'],
  ],
  // select jsonb_set('{"a":[1]}'::jsonb, '{a,x}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1]}'],
    ['text[]', '{a,x}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    ['error', '22P02', 'path element at position 2 is not an integer: "x"'],
  ],
  // select jsonb_insert('{"a":[1]}'::jsonb, '{a,x}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1]}'],
    ['text[]', '{a,x}'],
    ['jsonb', '2'],
    ['error', '22P02', 'path element at position 2 is not an integer: "x"'],
  ],
  // select jsonb_insert('{"a":[1]}'::jsonb, '{a,x}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1]}'],
    ['text[]', '{a,x}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    ['error', '22P02', 'path element at position 2 is not an integer: "x"'],
  ],
  // select jsonb_set('[1,2,3]'::jsonb, '{2147483648}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{2147483648}'],
    ['jsonb', '2'],
    ['error', '22P02', 'path element at position 1 is not an integer: "2147483648"'],
  ],
  // select jsonb_set('[1,2,3]'::jsonb, '{2147483648}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{2147483648}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    ['error', '22P02', 'path element at position 1 is not an integer: "2147483648"'],
  ],
  // select jsonb_insert('[1,2,3]'::jsonb, '{2147483648}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{2147483648}'],
    ['jsonb', '2'],
    ['error', '22P02', 'path element at position 1 is not an integer: "2147483648"'],
  ],
  // select jsonb_insert('[1,2,3]'::jsonb, '{2147483648}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{2147483648}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    ['error', '22P02', 'path element at position 1 is not an integer: "2147483648"'],
  ],
  // select jsonb_set('[1,2,3]'::jsonb, '{" 1"}'::text[], '9'::jsonb)
  ['fn', 'jsonb_set', ['jsonb', '[1,2,3]'], ['text[]', '{" 1"}'], ['jsonb', '9'], '[1, 9, 3]'],
  // select jsonb_set('[1,2,3]'::jsonb, '{" 1"}'::text[], '9'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{" 1"}'],
    ['jsonb', '9'],
    ['bool', 'false'],
    '[1, 9, 3]',
  ],
  // select jsonb_insert('[1,2,3]'::jsonb, '{" 1"}'::text[], '9'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{" 1"}'],
    ['jsonb', '9'],
    '[1, 9, 2, 3]',
  ],
  // select jsonb_insert('[1,2,3]'::jsonb, '{" 1"}'::text[], '9'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{" 1"}'],
    ['jsonb', '9'],
    ['bool', 'true'],
    '[1, 2, 9, 3]',
  ],
  // select jsonb_set('[1,2,3]'::jsonb, '{"+1"}'::text[], '9'::jsonb)
  ['fn', 'jsonb_set', ['jsonb', '[1,2,3]'], ['text[]', '{"+1"}'], ['jsonb', '9'], '[1, 9, 3]'],
  // select jsonb_set('[1,2,3]'::jsonb, '{"+1"}'::text[], '9'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{"+1"}'],
    ['jsonb', '9'],
    ['bool', 'false'],
    '[1, 9, 3]',
  ],
  // select jsonb_insert('[1,2,3]'::jsonb, '{"+1"}'::text[], '9'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{"+1"}'],
    ['jsonb', '9'],
    '[1, 9, 2, 3]',
  ],
  // select jsonb_insert('[1,2,3]'::jsonb, '{"+1"}'::text[], '9'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{"+1"}'],
    ['jsonb', '9'],
    ['bool', 'true'],
    '[1, 2, 9, 3]',
  ],
  // select jsonb_set('[1,2,3]'::jsonb, '{"1 "}'::text[], '9'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{"1 "}'],
    ['jsonb', '9'],
    ['error', '22P02', 'path element at position 1 is not an integer: "1 "'],
  ],
  // select jsonb_set('[1,2,3]'::jsonb, '{"1 "}'::text[], '9'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{"1 "}'],
    ['jsonb', '9'],
    ['bool', 'false'],
    ['error', '22P02', 'path element at position 1 is not an integer: "1 "'],
  ],
  // select jsonb_insert('[1,2,3]'::jsonb, '{"1 "}'::text[], '9'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{"1 "}'],
    ['jsonb', '9'],
    ['error', '22P02', 'path element at position 1 is not an integer: "1 "'],
  ],
  // select jsonb_insert('[1,2,3]'::jsonb, '{"1 "}'::text[], '9'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{"1 "}'],
    ['jsonb', '9'],
    ['bool', 'true'],
    ['error', '22P02', 'path element at position 1 is not an integer: "1 "'],
  ],
  // select jsonb_set('[1,2,3]'::jsonb, '{""}'::text[], '9'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{""}'],
    ['jsonb', '9'],
    ['error', '22P02', 'path element at position 1 is not an integer: ""'],
  ],
  // select jsonb_set('[1,2,3]'::jsonb, '{""}'::text[], '9'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{""}'],
    ['jsonb', '9'],
    ['bool', 'false'],
    ['error', '22P02', 'path element at position 1 is not an integer: ""'],
  ],
  // select jsonb_insert('[1,2,3]'::jsonb, '{""}'::text[], '9'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{""}'],
    ['jsonb', '9'],
    ['error', '22P02', 'path element at position 1 is not an integer: ""'],
  ],
  // select jsonb_insert('[1,2,3]'::jsonb, '{""}'::text[], '9'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1,2,3]'],
    ['text[]', '{""}'],
    ['jsonb', '9'],
    ['bool', 'true'],
    ['error', '22P02', 'path element at position 1 is not an integer: ""'],
  ],
  // select jsonb_set('{"a":1}'::jsonb, '{b,NULL}'::text[], '2'::jsonb)
  ['fn', 'jsonb_set', ['jsonb', '{"a":1}'], ['text[]', '{b,NULL}'], ['jsonb', '2'], '{"a": 1}'],
  // select jsonb_set('{"a":1}'::jsonb, '{b,NULL}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":1}'],
    ['text[]', '{b,NULL}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    '{"a": 1}',
  ],
  // select jsonb_insert('{"a":1}'::jsonb, '{b,NULL}'::text[], '2'::jsonb)
  ['fn', 'jsonb_insert', ['jsonb', '{"a":1}'], ['text[]', '{b,NULL}'], ['jsonb', '2'], '{"a": 1}'],
  // select jsonb_insert('{"a":1}'::jsonb, '{b,NULL}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":1}'],
    ['text[]', '{b,NULL}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    '{"a": 1}',
  ],
  // select jsonb_set('{"a":1}'::jsonb, '{NULL}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":1}'],
    ['text[]', '{NULL}'],
    ['jsonb', '2'],
    ['error', '22004', 'path element at position 1 is null'],
  ],
  // select jsonb_set('{"a":1}'::jsonb, '{NULL}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":1}'],
    ['text[]', '{NULL}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    ['error', '22004', 'path element at position 1 is null'],
  ],
  // select jsonb_insert('{"a":1}'::jsonb, '{NULL}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":1}'],
    ['text[]', '{NULL}'],
    ['jsonb', '2'],
    ['error', '22004', 'path element at position 1 is null'],
  ],
  // select jsonb_insert('{"a":1}'::jsonb, '{NULL}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":1}'],
    ['text[]', '{NULL}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    ['error', '22004', 'path element at position 1 is null'],
  ],
  // select jsonb_set('{"a":1}'::jsonb, '{a,NULL}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":1}'],
    ['text[]', '{a,NULL}'],
    ['jsonb', '2'],
    ['error', '22004', 'path element at position 2 is null'],
  ],
  // select jsonb_set('{"a":1}'::jsonb, '{a,NULL}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":1}'],
    ['text[]', '{a,NULL}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    ['error', '22004', 'path element at position 2 is null'],
  ],
  // select jsonb_insert('{"a":1}'::jsonb, '{a,NULL}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":1}'],
    ['text[]', '{a,NULL}'],
    ['jsonb', '2'],
    ['error', '22004', 'path element at position 2 is null'],
  ],
  // select jsonb_insert('{"a":1}'::jsonb, '{a,NULL}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":1}'],
    ['text[]', '{a,NULL}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    ['error', '22004', 'path element at position 2 is null'],
  ],
  // select jsonb_set('{}'::jsonb, '{NULL}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{}'],
    ['text[]', '{NULL}'],
    ['jsonb', '2'],
    ['error', '22004', 'path element at position 1 is null'],
  ],
  // select jsonb_set('{}'::jsonb, '{NULL}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{}'],
    ['text[]', '{NULL}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    '{}',
  ],
  // select jsonb_insert('{}'::jsonb, '{NULL}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{}'],
    ['text[]', '{NULL}'],
    ['jsonb', '2'],
    ['error', '22004', 'path element at position 1 is null'],
  ],
  // select jsonb_insert('{}'::jsonb, '{NULL}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{}'],
    ['text[]', '{NULL}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    ['error', '22004', 'path element at position 1 is null'],
  ],
  // select jsonb_set('[1]'::jsonb, '{{0}}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1]'],
    ['text[]', '{{0}}'],
    ['jsonb', '2'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select jsonb_set('[1]'::jsonb, '{{0}}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1]'],
    ['text[]', '{{0}}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select jsonb_insert('[1]'::jsonb, '{{0}}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1]'],
    ['text[]', '{{0}}'],
    ['jsonb', '2'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select jsonb_insert('[1]'::jsonb, '{{0}}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1]'],
    ['text[]', '{{0}}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select jsonb_set('[1,2]'::jsonb, '{-3}'::text[], '9'::jsonb)
  ['fn', 'jsonb_set', ['jsonb', '[1,2]'], ['text[]', '{-3}'], ['jsonb', '9'], '[9, 1, 2]'],
  // select jsonb_set('[1,2]'::jsonb, '{-3}'::text[], '9'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1,2]'],
    ['text[]', '{-3}'],
    ['jsonb', '9'],
    ['bool', 'false'],
    '[1, 2]',
  ],
  // select jsonb_insert('[1,2]'::jsonb, '{-3}'::text[], '9'::jsonb)
  ['fn', 'jsonb_insert', ['jsonb', '[1,2]'], ['text[]', '{-3}'], ['jsonb', '9'], '[9, 1, 2]'],
  // select jsonb_insert('[1,2]'::jsonb, '{-3}'::text[], '9'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1,2]'],
    ['text[]', '{-3}'],
    ['jsonb', '9'],
    ['bool', 'true'],
    '[9, 1, 2]',
  ],
  // select jsonb_set('[1,2]'::jsonb, '{5}'::text[], '9'::jsonb)
  ['fn', 'jsonb_set', ['jsonb', '[1,2]'], ['text[]', '{5}'], ['jsonb', '9'], '[1, 2, 9]'],
  // select jsonb_set('[1,2]'::jsonb, '{5}'::text[], '9'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1,2]'],
    ['text[]', '{5}'],
    ['jsonb', '9'],
    ['bool', 'false'],
    '[1, 2]',
  ],
  // select jsonb_insert('[1,2]'::jsonb, '{5}'::text[], '9'::jsonb)
  ['fn', 'jsonb_insert', ['jsonb', '[1,2]'], ['text[]', '{5}'], ['jsonb', '9'], '[1, 2, 9]'],
  // select jsonb_insert('[1,2]'::jsonb, '{5}'::text[], '9'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1,2]'],
    ['text[]', '{5}'],
    ['jsonb', '9'],
    ['bool', 'true'],
    '[1, 2, 9]',
  ],
  // select jsonb_set('{"a":{"b":{"c":1}}}'::jsonb, '{a,b,c}'::text[], '[1,2]'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":{"b":{"c":1}}}'],
    ['text[]', '{a,b,c}'],
    ['jsonb', '[1,2]'],
    '{"a": {"b": {"c": [1, 2]}}}',
  ],
  // select jsonb_set('{"a":{"b":{"c":1}}}'::jsonb, '{a,b,c}'::text[], '[1,2]'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":{"b":{"c":1}}}'],
    ['text[]', '{a,b,c}'],
    ['jsonb', '[1,2]'],
    ['bool', 'false'],
    '{"a": {"b": {"c": [1, 2]}}}',
  ],
  // select jsonb_insert('{"a":{"b":{"c":1}}}'::jsonb, '{a,b,c}'::text[], '[1,2]'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":{"b":{"c":1}}}'],
    ['text[]', '{a,b,c}'],
    ['jsonb', '[1,2]'],
    ['error', '22023', 'cannot replace existing key'],
  ],
  // select jsonb_insert('{"a":{"b":{"c":1}}}'::jsonb, '{a,b,c}'::text[], '[1,2]'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":{"b":{"c":1}}}'],
    ['text[]', '{a,b,c}'],
    ['jsonb', '[1,2]'],
    ['bool', 'true'],
    ['error', '22023', 'cannot replace existing key'],
  ],
  // select jsonb_set('{"a":[1,{"b":2}]}'::jsonb, '{a,1,b}'::text[], '{"c":3}'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,{"b":2}]}'],
    ['text[]', '{a,1,b}'],
    ['jsonb', '{"c":3}'],
    '{"a": [1, {"b": {"c": 3}}]}',
  ],
  // select jsonb_set('{"a":[1,{"b":2}]}'::jsonb, '{a,1,b}'::text[], '{"c":3}'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,{"b":2}]}'],
    ['text[]', '{a,1,b}'],
    ['jsonb', '{"c":3}'],
    ['bool', 'false'],
    '{"a": [1, {"b": {"c": 3}}]}',
  ],
  // select jsonb_insert('{"a":[1,{"b":2}]}'::jsonb, '{a,1,b}'::text[], '{"c":3}'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,{"b":2}]}'],
    ['text[]', '{a,1,b}'],
    ['jsonb', '{"c":3}'],
    ['error', '22023', 'cannot replace existing key'],
  ],
  // select jsonb_insert('{"a":[1,{"b":2}]}'::jsonb, '{a,1,b}'::text[], '{"c":3}'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,{"b":2}]}'],
    ['text[]', '{a,1,b}'],
    ['jsonb', '{"c":3}'],
    ['bool', 'true'],
    ['error', '22023', 'cannot replace existing key'],
  ],
  // select jsonb_set('{"a":{"b":1}}'::jsonb, '{a,b,c}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":{"b":1}}'],
    ['text[]', '{a,b,c}'],
    ['jsonb', '"x"'],
    '{"a": {"b": 1}}',
  ],
  // select jsonb_set('{"a":{"b":1}}'::jsonb, '{a,b,c}'::text[], '"x"'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":{"b":1}}'],
    ['text[]', '{a,b,c}'],
    ['jsonb', '"x"'],
    ['bool', 'false'],
    '{"a": {"b": 1}}',
  ],
  // select jsonb_insert('{"a":{"b":1}}'::jsonb, '{a,b,c}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":{"b":1}}'],
    ['text[]', '{a,b,c}'],
    ['jsonb', '"x"'],
    '{"a": {"b": 1}}',
  ],
  // select jsonb_insert('{"a":{"b":1}}'::jsonb, '{a,b,c}'::text[], '"x"'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":{"b":1}}'],
    ['text[]', '{a,b,c}'],
    ['jsonb', '"x"'],
    ['bool', 'true'],
    '{"a": {"b": 1}}',
  ],
  // select jsonb_set('{"a":{"b":1}}'::jsonb, '{a,0}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":{"b":1}}'],
    ['text[]', '{a,0}'],
    ['jsonb', '"x"'],
    '{"a": {"0": "x", "b": 1}}',
  ],
  // select jsonb_set('{"a":{"b":1}}'::jsonb, '{a,0}'::text[], '"x"'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":{"b":1}}'],
    ['text[]', '{a,0}'],
    ['jsonb', '"x"'],
    ['bool', 'false'],
    '{"a": {"b": 1}}',
  ],
  // select jsonb_insert('{"a":{"b":1}}'::jsonb, '{a,0}'::text[], '"x"'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":{"b":1}}'],
    ['text[]', '{a,0}'],
    ['jsonb', '"x"'],
    '{"a": {"0": "x", "b": 1}}',
  ],
  // select jsonb_insert('{"a":{"b":1}}'::jsonb, '{a,0}'::text[], '"x"'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":{"b":1}}'],
    ['text[]', '{a,0}'],
    ['jsonb', '"x"'],
    ['bool', 'true'],
    '{"a": {"0": "x", "b": 1}}',
  ],
  // select jsonb_set('[]'::jsonb, '{x}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[]'],
    ['text[]', '{x}'],
    ['jsonb', '2'],
    ['error', '22P02', 'path element at position 1 is not an integer: "x"'],
  ],
  // select jsonb_set('[]'::jsonb, '{x}'::text[], '2'::jsonb, 'false'::bool)
  ['fn', 'jsonb_set', ['jsonb', '[]'], ['text[]', '{x}'], ['jsonb', '2'], ['bool', 'false'], '[]'],
  // select jsonb_insert('[]'::jsonb, '{x}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[]'],
    ['text[]', '{x}'],
    ['jsonb', '2'],
    ['error', '22P02', 'path element at position 1 is not an integer: "x"'],
  ],
  // select jsonb_insert('[]'::jsonb, '{x}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[]'],
    ['text[]', '{x}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    ['error', '22P02', 'path element at position 1 is not an integer: "x"'],
  ],
  // select jsonb_set('[1]'::jsonb, '{x}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1]'],
    ['text[]', '{x}'],
    ['jsonb', '2'],
    ['error', '22P02', 'path element at position 1 is not an integer: "x"'],
  ],
  // select jsonb_set('[1]'::jsonb, '{x}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '[1]'],
    ['text[]', '{x}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    ['error', '22P02', 'path element at position 1 is not an integer: "x"'],
  ],
  // select jsonb_insert('[1]'::jsonb, '{x}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1]'],
    ['text[]', '{x}'],
    ['jsonb', '2'],
    ['error', '22P02', 'path element at position 1 is not an integer: "x"'],
  ],
  // select jsonb_insert('[1]'::jsonb, '{x}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '[1]'],
    ['text[]', '{x}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    ['error', '22P02', 'path element at position 1 is not an integer: "x"'],
  ],
  // select jsonb_set('{"a":[]}'::jsonb, '{a,x}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[]}'],
    ['text[]', '{a,x}'],
    ['jsonb', '2'],
    ['error', '22P02', 'path element at position 2 is not an integer: "x"'],
  ],
  // select jsonb_set('{"a":[]}'::jsonb, '{a,x}'::text[], '2'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[]}'],
    ['text[]', '{a,x}'],
    ['jsonb', '2'],
    ['bool', 'false'],
    ['error', '22P02', 'path element at position 2 is not an integer: "x"'],
  ],
  // select jsonb_insert('{"a":[]}'::jsonb, '{a,x}'::text[], '2'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[]}'],
    ['text[]', '{a,x}'],
    ['jsonb', '2'],
    ['error', '22P02', 'path element at position 2 is not an integer: "x"'],
  ],
  // select jsonb_insert('{"a":[]}'::jsonb, '{a,x}'::text[], '2'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[]}'],
    ['text[]', '{a,x}'],
    ['jsonb', '2'],
    ['bool', 'true'],
    ['error', '22P02', 'path element at position 2 is not an integer: "x"'],
  ],
  // select jsonb_set('{"b":1,"a":2}'::jsonb, '{aa}'::text[], '3'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"b":1,"a":2}'],
    ['text[]', '{aa}'],
    ['jsonb', '3'],
    '{"a": 2, "b": 1, "aa": 3}',
  ],
  // select jsonb_set('{"b":1,"a":2}'::jsonb, '{aa}'::text[], '3'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"b":1,"a":2}'],
    ['text[]', '{aa}'],
    ['jsonb', '3'],
    ['bool', 'false'],
    '{"a": 2, "b": 1}',
  ],
  // select jsonb_insert('{"b":1,"a":2}'::jsonb, '{aa}'::text[], '3'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"b":1,"a":2}'],
    ['text[]', '{aa}'],
    ['jsonb', '3'],
    '{"a": 2, "b": 1, "aa": 3}',
  ],
  // select jsonb_insert('{"b":1,"a":2}'::jsonb, '{aa}'::text[], '3'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"b":1,"a":2}'],
    ['text[]', '{aa}'],
    ['jsonb', '3'],
    ['bool', 'true'],
    '{"a": 2, "b": 1, "aa": 3}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{a,-1,x}'::text[], '0'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,-1,x}'],
    ['jsonb', '0'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_set('{"a":[1,2,3]}'::jsonb, '{a,-1,x}'::text[], '0'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,-1,x}'],
    ['jsonb', '0'],
    ['bool', 'false'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{a,-1,x}'::text[], '0'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,-1,x}'],
    ['jsonb', '0'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_insert('{"a":[1,2,3]}'::jsonb, '{a,-1,x}'::text[], '0'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":[1,2,3]}'],
    ['text[]', '{a,-1,x}'],
    ['jsonb', '0'],
    ['bool', 'true'],
    '{"a": [1, 2, 3]}',
  ],
  // select jsonb_set('{"a":{"b":[1,{"c":2}]}}'::jsonb, '{a,b,-1,c}'::text[], 'null'::jsonb)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":{"b":[1,{"c":2}]}}'],
    ['text[]', '{a,b,-1,c}'],
    ['jsonb', 'null'],
    '{"a": {"b": [1, {"c": null}]}}',
  ],
  // select jsonb_set('{"a":{"b":[1,{"c":2}]}}'::jsonb, '{a,b,-1,c}'::text[], 'null'::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set',
    ['jsonb', '{"a":{"b":[1,{"c":2}]}}'],
    ['text[]', '{a,b,-1,c}'],
    ['jsonb', 'null'],
    ['bool', 'false'],
    '{"a": {"b": [1, {"c": null}]}}',
  ],
  // select jsonb_insert('{"a":{"b":[1,{"c":2}]}}'::jsonb, '{a,b,-1,c}'::text[], 'null'::jsonb)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":{"b":[1,{"c":2}]}}'],
    ['text[]', '{a,b,-1,c}'],
    ['jsonb', 'null'],
    ['error', '22023', 'cannot replace existing key'],
  ],
  // select jsonb_insert('{"a":{"b":[1,{"c":2}]}}'::jsonb, '{a,b,-1,c}'::text[], 'null'::jsonb, 'true'::bool)
  [
    'fn',
    'jsonb_insert',
    ['jsonb', '{"a":{"b":[1,{"c":2}]}}'],
    ['text[]', '{a,b,-1,c}'],
    ['jsonb', 'null'],
    ['bool', 'true'],
    ['error', '22023', 'cannot replace existing key'],
  ],
  // select jsonb_set_lax('{"a":1,"b":2}'::jsonb, '{a}'::text[], NULL::jsonb, 'true'::bool, 'use_json_null'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1,"b":2}'],
    ['text[]', '{a}'],
    ['jsonb', null],
    ['bool', 'true'],
    ['text', 'use_json_null'],
    '{"a": null, "b": 2}',
  ],
  // select jsonb_set_lax('{"a":1,"b":2}'::jsonb, '{a}'::text[], '3'::jsonb, 'true'::bool, 'use_json_null'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1,"b":2}'],
    ['text[]', '{a}'],
    ['jsonb', '3'],
    ['bool', 'true'],
    ['text', 'use_json_null'],
    '{"a": 3, "b": 2}',
  ],
  // select jsonb_set_lax('{"a":1,"b":2}'::jsonb, '{a}'::text[], NULL::jsonb, 'true'::bool, 'delete_key'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1,"b":2}'],
    ['text[]', '{a}'],
    ['jsonb', null],
    ['bool', 'true'],
    ['text', 'delete_key'],
    '{"b": 2}',
  ],
  // select jsonb_set_lax('{"a":1,"b":2}'::jsonb, '{a}'::text[], '3'::jsonb, 'true'::bool, 'delete_key'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1,"b":2}'],
    ['text[]', '{a}'],
    ['jsonb', '3'],
    ['bool', 'true'],
    ['text', 'delete_key'],
    '{"a": 3, "b": 2}',
  ],
  // select jsonb_set_lax('{"a":1,"b":2}'::jsonb, '{a}'::text[], NULL::jsonb, 'true'::bool, 'return_target'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1,"b":2}'],
    ['text[]', '{a}'],
    ['jsonb', null],
    ['bool', 'true'],
    ['text', 'return_target'],
    '{"a": 1, "b": 2}',
  ],
  // select jsonb_set_lax('{"a":1,"b":2}'::jsonb, '{a}'::text[], '3'::jsonb, 'true'::bool, 'return_target'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1,"b":2}'],
    ['text[]', '{a}'],
    ['jsonb', '3'],
    ['bool', 'true'],
    ['text', 'return_target'],
    '{"a": 3, "b": 2}',
  ],
  // select jsonb_set_lax('{"a":1,"b":2}'::jsonb, '{a}'::text[], NULL::jsonb, 'true'::bool, 'raise_exception'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1,"b":2}'],
    ['text[]', '{a}'],
    ['jsonb', null],
    ['bool', 'true'],
    ['text', 'raise_exception'],
    [
      'error',
      '22004',
      'JSON value must not be null',
      'Exception was raised because null_value_treatment is "raise_exception".',
    ],
  ],
  // select jsonb_set_lax('{"a":1,"b":2}'::jsonb, '{a}'::text[], '3'::jsonb, 'true'::bool, 'raise_exception'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1,"b":2}'],
    ['text[]', '{a}'],
    ['jsonb', '3'],
    ['bool', 'true'],
    ['text', 'raise_exception'],
    '{"a": 3, "b": 2}',
  ],
  // select jsonb_set_lax('{"a":1,"b":2}'::jsonb, '{a}'::text[], NULL::jsonb, 'true'::bool, 'foo'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1,"b":2}'],
    ['text[]', '{a}'],
    ['jsonb', null],
    ['bool', 'true'],
    ['text', 'foo'],
    [
      'error',
      '22023',
      'null_value_treatment must be "delete_key", "return_target", "use_json_null", or "raise_exception"',
    ],
  ],
  // select jsonb_set_lax('{"a":1,"b":2}'::jsonb, '{a}'::text[], '3'::jsonb, 'true'::bool, 'foo'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1,"b":2}'],
    ['text[]', '{a}'],
    ['jsonb', '3'],
    ['bool', 'true'],
    ['text', 'foo'],
    '{"a": 3, "b": 2}',
  ],
  // select jsonb_set_lax('{"a":1,"b":2}'::jsonb, '{a}'::text[], NULL::jsonb, 'true'::bool, 'DELETE_KEY'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1,"b":2}'],
    ['text[]', '{a}'],
    ['jsonb', null],
    ['bool', 'true'],
    ['text', 'DELETE_KEY'],
    [
      'error',
      '22023',
      'null_value_treatment must be "delete_key", "return_target", "use_json_null", or "raise_exception"',
    ],
  ],
  // select jsonb_set_lax('{"a":1,"b":2}'::jsonb, '{a}'::text[], '3'::jsonb, 'true'::bool, 'DELETE_KEY'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1,"b":2}'],
    ['text[]', '{a}'],
    ['jsonb', '3'],
    ['bool', 'true'],
    ['text', 'DELETE_KEY'],
    '{"a": 3, "b": 2}',
  ],
  // select jsonb_set_lax('{"a":1,"b":2}'::jsonb, '{a}'::text[], NULL::jsonb, 'true'::bool, NULL::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1,"b":2}'],
    ['text[]', '{a}'],
    ['jsonb', null],
    ['bool', 'true'],
    ['text', null],
    [
      'error',
      '22023',
      'null_value_treatment must be "delete_key", "return_target", "use_json_null", or "raise_exception"',
    ],
  ],
  // select jsonb_set_lax('{"a":1,"b":2}'::jsonb, '{a}'::text[], '3'::jsonb, 'true'::bool, NULL::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1,"b":2}'],
    ['text[]', '{a}'],
    ['jsonb', '3'],
    ['bool', 'true'],
    ['text', null],
    [
      'error',
      '22023',
      'null_value_treatment must be "delete_key", "return_target", "use_json_null", or "raise_exception"',
    ],
  ],
  // select jsonb_set_lax('{"a":1}'::jsonb, '{a}'::text[], NULL::jsonb)
  ['fn', 'jsonb_set_lax', ['jsonb', '{"a":1}'], ['text[]', '{a}'], ['jsonb', null], '{"a": null}'],
  // select jsonb_set_lax('{"a":1}'::jsonb, '{b}'::text[], NULL::jsonb, 'false'::bool)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1}'],
    ['text[]', '{b}'],
    ['jsonb', null],
    ['bool', 'false'],
    '{"a": 1}',
  ],
  // select jsonb_set_lax('[1,2]'::jsonb, '{0}'::text[], NULL::jsonb, 'true'::bool, 'delete_key'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '[1,2]'],
    ['text[]', '{0}'],
    ['jsonb', null],
    ['bool', 'true'],
    ['text', 'delete_key'],
    '[2]',
  ],
  // select jsonb_set_lax(NULL::jsonb, '{a}'::text[], '2'::jsonb)
  ['fn', 'jsonb_set_lax', ['jsonb', null], ['text[]', '{a}'], ['jsonb', '2'], null],
  // select jsonb_set_lax('{"a":1}'::jsonb, NULL::text[], '2'::jsonb)
  ['fn', 'jsonb_set_lax', ['jsonb', '{"a":1}'], ['text[]', null], ['jsonb', '2'], null],
  // select jsonb_set_lax('{"a":1}'::jsonb, '{a}'::text[], '2'::jsonb, NULL::bool)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '{"a":1}'],
    ['text[]', '{a}'],
    ['jsonb', '2'],
    ['bool', null],
    null,
  ],
  // select jsonb_set_lax('1'::jsonb, '{a}'::text[], NULL::jsonb, 'true'::bool, 'return_target'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '1'],
    ['text[]', '{a}'],
    ['jsonb', null],
    ['bool', 'true'],
    ['text', 'return_target'],
    '1',
  ],
  // select jsonb_set_lax('1'::jsonb, '{a}'::text[], NULL::jsonb, 'true'::bool, 'delete_key'::text)
  [
    'fn',
    'jsonb_set_lax',
    ['jsonb', '1'],
    ['text[]', '{a}'],
    ['jsonb', null],
    ['bool', 'true'],
    ['text', 'delete_key'],
    ['error', '22023', 'cannot delete path in scalar'],
  ],
  // select jsonb_typeof('{}'::jsonb)
  ['fn', 'jsonb_typeof', ['jsonb', '{}'], 'object'],
  // select json_typeof(' {}'::json)
  ['fn', 'json_typeof', ['json', ' {}'], 'object'],
  // select jsonb_array_length('{}'::jsonb)
  [
    'fn',
    'jsonb_array_length',
    ['jsonb', '{}'],
    ['error', '22023', 'cannot get array length of a non-array'],
  ],
  // select json_array_length('{}'::json)
  [
    'fn',
    'json_array_length',
    ['json', '{}'],
    ['error', '22023', 'cannot get array length of a non-array'],
  ],
  // select jsonb_typeof('[]'::jsonb)
  ['fn', 'jsonb_typeof', ['jsonb', '[]'], 'array'],
  // select json_typeof(' []'::json)
  ['fn', 'json_typeof', ['json', ' []'], 'array'],
  // select jsonb_array_length('[]'::jsonb)
  ['fn', 'jsonb_array_length', ['jsonb', '[]'], '0'],
  // select json_array_length('[]'::json)
  ['fn', 'json_array_length', ['json', '[]'], '0'],
  // select jsonb_typeof('1'::jsonb)
  ['fn', 'jsonb_typeof', ['jsonb', '1'], 'number'],
  // select json_typeof(' 1'::json)
  ['fn', 'json_typeof', ['json', ' 1'], 'number'],
  // select jsonb_array_length('1'::jsonb)
  [
    'fn',
    'jsonb_array_length',
    ['jsonb', '1'],
    ['error', '22023', 'cannot get array length of a scalar'],
  ],
  // select json_array_length('1'::json)
  [
    'fn',
    'json_array_length',
    ['json', '1'],
    ['error', '22023', 'cannot get array length of a scalar'],
  ],
  // select jsonb_typeof('"a"'::jsonb)
  ['fn', 'jsonb_typeof', ['jsonb', '"a"'], 'string'],
  // select json_typeof(' "a"'::json)
  ['fn', 'json_typeof', ['json', ' "a"'], 'string'],
  // select jsonb_array_length('"a"'::jsonb)
  [
    'fn',
    'jsonb_array_length',
    ['jsonb', '"a"'],
    ['error', '22023', 'cannot get array length of a scalar'],
  ],
  // select json_array_length('"a"'::json)
  [
    'fn',
    'json_array_length',
    ['json', '"a"'],
    ['error', '22023', 'cannot get array length of a scalar'],
  ],
  // select jsonb_typeof('true'::jsonb)
  ['fn', 'jsonb_typeof', ['jsonb', 'true'], 'boolean'],
  // select json_typeof(' true'::json)
  ['fn', 'json_typeof', ['json', ' true'], 'boolean'],
  // select jsonb_array_length('true'::jsonb)
  [
    'fn',
    'jsonb_array_length',
    ['jsonb', 'true'],
    ['error', '22023', 'cannot get array length of a scalar'],
  ],
  // select json_array_length('true'::json)
  [
    'fn',
    'json_array_length',
    ['json', 'true'],
    ['error', '22023', 'cannot get array length of a scalar'],
  ],
  // select jsonb_typeof('null'::jsonb)
  ['fn', 'jsonb_typeof', ['jsonb', 'null'], 'null'],
  // select json_typeof(' null'::json)
  ['fn', 'json_typeof', ['json', ' null'], 'null'],
  // select jsonb_array_length('null'::jsonb)
  [
    'fn',
    'jsonb_array_length',
    ['jsonb', 'null'],
    ['error', '22023', 'cannot get array length of a scalar'],
  ],
  // select json_array_length('null'::json)
  [
    'fn',
    'json_array_length',
    ['json', 'null'],
    ['error', '22023', 'cannot get array length of a scalar'],
  ],
  // select jsonb_typeof('-0.0'::jsonb)
  ['fn', 'jsonb_typeof', ['jsonb', '-0.0'], 'number'],
  // select json_typeof(' -0.0'::json)
  ['fn', 'json_typeof', ['json', ' -0.0'], 'number'],
  // select jsonb_array_length('-0.0'::jsonb)
  [
    'fn',
    'jsonb_array_length',
    ['jsonb', '-0.0'],
    ['error', '22023', 'cannot get array length of a scalar'],
  ],
  // select json_array_length('-0.0'::json)
  [
    'fn',
    'json_array_length',
    ['json', '-0.0'],
    ['error', '22023', 'cannot get array length of a scalar'],
  ],
  // select jsonb_typeof('[1,2,[3]]'::jsonb)
  ['fn', 'jsonb_typeof', ['jsonb', '[1,2,[3]]'], 'array'],
  // select json_typeof(' [1,2,[3]]'::json)
  ['fn', 'json_typeof', ['json', ' [1,2,[3]]'], 'array'],
  // select jsonb_array_length('[1,2,[3]]'::jsonb)
  ['fn', 'jsonb_array_length', ['jsonb', '[1,2,[3]]'], '3'],
  // select json_array_length('[1,2,[3]]'::json)
  ['fn', 'json_array_length', ['json', '[1,2,[3]]'], '3'],
  // select jsonb_typeof('{"a":1}'::jsonb)
  ['fn', 'jsonb_typeof', ['jsonb', '{"a":1}'], 'object'],
  // select json_typeof(' {"a":1}'::json)
  ['fn', 'json_typeof', ['json', ' {"a":1}'], 'object'],
  // select jsonb_array_length('{"a":1}'::jsonb)
  [
    'fn',
    'jsonb_array_length',
    ['jsonb', '{"a":1}'],
    ['error', '22023', 'cannot get array length of a non-array'],
  ],
  // select json_array_length('{"a":1}'::json)
  [
    'fn',
    'json_array_length',
    ['json', '{"a":1}'],
    ['error', '22023', 'cannot get array length of a non-array'],
  ],
  // select json_array_length('["\u0000"]'::json)
  ['fn', 'json_array_length', ['json', '["\\u0000"]'], '1'],
  // select json_typeof('["\u0000"]'::json)
  ['fn', 'json_typeof', ['json', '["\\u0000"]'], 'array'],
  // select jsonb_pretty('{"a":1,"b":[1,2,{"c":[]}],"d":{},"e":"x"}'::jsonb)
  [
    'fn',
    'jsonb_pretty',
    ['jsonb', '{"a":1,"b":[1,2,{"c":[]}],"d":{},"e":"x"}'],
    '{\n    "a": 1,\n    "b": [\n        1,\n        2,\n        {\n            "c": [\n            ]\n        }\n    ],\n    "d": {\n    },\n    "e": "x"\n}',
  ],
  // select jsonb_pretty('[]'::jsonb)
  ['fn', 'jsonb_pretty', ['jsonb', '[]'], '[\n]'],
  // select jsonb_pretty('{}'::jsonb)
  ['fn', 'jsonb_pretty', ['jsonb', '{}'], '{\n}'],
  // select jsonb_pretty('1'::jsonb)
  ['fn', 'jsonb_pretty', ['jsonb', '1'], '1'],
  // select jsonb_pretty('[[]]'::jsonb)
  ['fn', 'jsonb_pretty', ['jsonb', '[[]]'], '[\n    [\n    ]\n]'],
  // select jsonb_pretty('[{}]'::jsonb)
  ['fn', 'jsonb_pretty', ['jsonb', '[{}]'], '[\n    {\n    }\n]'],
  // select jsonb_pretty('{"a":{}}'::jsonb)
  ['fn', 'jsonb_pretty', ['jsonb', '{"a":{}}'], '{\n    "a": {\n    }\n}'],
  // select jsonb_pretty('[[[1]]]'::jsonb)
  [
    'fn',
    'jsonb_pretty',
    ['jsonb', '[[[1]]]'],
    '[\n    [\n        [\n            1\n        ]\n    ]\n]',
  ],
  // select jsonb_pretty('"a\nb"'::jsonb)
  ['fn', 'jsonb_pretty', ['jsonb', '"a\\nb"'], '"a\\nb"'],
  // select jsonb_pretty('null'::jsonb)
  ['fn', 'jsonb_pretty', ['jsonb', 'null'], 'null'],
  // select jsonb_pretty('{"a":[1,{"b":null}],"c":"é"}'::jsonb)
  [
    'fn',
    'jsonb_pretty',
    ['jsonb', '{"a":[1,{"b":null}],"c":"é"}'],
    '{\n    "a": [\n        1,\n        {\n            "b": null\n        }\n    ],\n    "c": "é"\n}',
  ],
  // select jsonb_strip_nulls('{"a":null,"b":[null,{"c":null,"d":1}],"e":{"f":null}}'::jsonb)
  [
    'fn',
    'jsonb_strip_nulls',
    ['jsonb', '{"a":null,"b":[null,{"c":null,"d":1}],"e":{"f":null}}'],
    '{"b": [null, {"d": 1}], "e": {}}',
  ],
  // select jsonb_strip_nulls('null'::jsonb)
  ['fn', 'jsonb_strip_nulls', ['jsonb', 'null'], 'null'],
  // select jsonb_strip_nulls('[null]'::jsonb)
  ['fn', 'jsonb_strip_nulls', ['jsonb', '[null]'], '[null]'],
  // select jsonb_strip_nulls('{"a":null}'::jsonb)
  ['fn', 'jsonb_strip_nulls', ['jsonb', '{"a":null}'], '{}'],
  // select jsonb_strip_nulls('[{"a":null}]'::jsonb)
  ['fn', 'jsonb_strip_nulls', ['jsonb', '[{"a":null}]'], '[{}]'],
  // select jsonb_strip_nulls('1'::jsonb)
  ['fn', 'jsonb_strip_nulls', ['jsonb', '1'], '1'],
  // select json_strip_nulls('{"a":null,"b":[null,{"c":null,"d":1}],"e":{"f":null}}'::json)
  [
    'fn',
    'json_strip_nulls',
    ['json', '{"a":null,"b":[null,{"c":null,"d":1}],"e":{"f":null}}'],
    '{"b":[null,{"d":1}],"e":{}}',
  ],
  // select json_strip_nulls('null'::json)
  ['fn', 'json_strip_nulls', ['json', 'null'], 'null'],
  // select json_strip_nulls(' [ null , 1 ] '::json)
  ['fn', 'json_strip_nulls', ['json', ' [ null , 1 ] '], '[null,1]'],
  // select json_strip_nulls('{ "a" : "x\ny" , "b" : 1.50 ,"c":null}'::json)
  [
    'fn',
    'json_strip_nulls',
    ['json', '{ "a" : "x\\ny" , "b" : 1.50 ,"c":null}'],
    '{"a":"x\\ny","b":1.50}',
  ],
  // select json_strip_nulls(' 1 '::json)
  ['fn', 'json_strip_nulls', ['json', ' 1 '], '1'],
  // select json_strip_nulls('{"a":1,"a":null,"a":2}'::json)
  ['fn', 'json_strip_nulls', ['json', '{"a":1,"a":null,"a":2}'], '{"a":1,"a":2}'],
  // select json_strip_nulls('"\u00e9"'::json)
  ['fn', 'json_strip_nulls', ['json', '"\\u00e9"'], '"é"'],
  // select json_strip_nulls('{"a":"\u0000"}'::json)
  [
    'fn',
    'json_strip_nulls',
    ['json', '{"a":"\\u0000"}'],
    [
      'error',
      '22P05',
      'unsupported Unicode escape sequence',
      '\\u0000 cannot be converted to text.',
    ],
  ],
  // select json_strip_nulls('{"n":null,"a":1}'::json)
  ['fn', 'json_strip_nulls', ['json', '{"n":null,"a":1}'], '{"a":1}'],
  // select json_strip_nulls('{"a":{}, "b":[]}'::json)
  ['fn', 'json_strip_nulls', ['json', '{"a":{}, "b":[]}'], '{"a":{},"b":[]}'],
  // select json_strip_nulls('[{"a":null},{"b":null,"c":2}]'::json)
  ['fn', 'json_strip_nulls', ['json', '[{"a":null},{"b":null,"c":2}]'], '[{},{"c":2}]'],
  // select json_object('{a,1,b,2,c,NULL}'::text[])
  ['fn', 'json_object', ['text[]', '{a,1,b,2,c,NULL}'], '{"a" : "1", "b" : "2", "c" : null}'],
  // select jsonb_object('{a,1,b,2,c,NULL}'::text[])
  ['fn', 'jsonb_object', ['text[]', '{a,1,b,2,c,NULL}'], '{"a": "1", "b": "2", "c": null}'],
  // select json_object('{{a,1},{b,2}}'::text[])
  ['fn', 'json_object', ['text[]', '{{a,1},{b,2}}'], '{"a" : "1", "b" : "2"}'],
  // select jsonb_object('{{a,1},{b,2}}'::text[])
  ['fn', 'jsonb_object', ['text[]', '{{a,1},{b,2}}'], '{"a": "1", "b": "2"}'],
  // select json_object('{a,1,b,2,a,3}'::text[])
  ['fn', 'json_object', ['text[]', '{a,1,b,2,a,3}'], '{"a" : "1", "b" : "2", "a" : "3"}'],
  // select jsonb_object('{a,1,b,2,a,3}'::text[])
  ['fn', 'jsonb_object', ['text[]', '{a,1,b,2,a,3}'], '{"a": "3", "b": "2"}'],
  // select json_object('{{a,1},{b,null}}'::text[])
  ['fn', 'json_object', ['text[]', '{{a,1},{b,null}}'], '{"a" : "1", "b" : null}'],
  // select jsonb_object('{{a,1},{b,null}}'::text[])
  ['fn', 'jsonb_object', ['text[]', '{{a,1},{b,null}}'], '{"a": "1", "b": null}'],
  // select json_object('{}'::text[])
  ['fn', 'json_object', ['text[]', '{}'], '{}'],
  // select jsonb_object('{}'::text[])
  ['fn', 'jsonb_object', ['text[]', '{}'], '{}'],
  // select json_object('{a,1,b}'::text[])
  [
    'fn',
    'json_object',
    ['text[]', '{a,1,b}'],
    ['error', '2202E', 'array must have even number of elements'],
  ],
  // select jsonb_object('{a,1,b}'::text[])
  [
    'fn',
    'jsonb_object',
    ['text[]', '{a,1,b}'],
    ['error', '2202E', 'array must have even number of elements'],
  ],
  // select json_object('{{a,1,c},{b,2,d}}'::text[])
  [
    'fn',
    'json_object',
    ['text[]', '{{a,1,c},{b,2,d}}'],
    ['error', '2202E', 'array must have two columns'],
  ],
  // select jsonb_object('{{a,1,c},{b,2,d}}'::text[])
  [
    'fn',
    'jsonb_object',
    ['text[]', '{{a,1,c},{b,2,d}}'],
    ['error', '2202E', 'array must have two columns'],
  ],
  // select json_object('{{{a}}}'::text[])
  [
    'fn',
    'json_object',
    ['text[]', '{{{a}}}'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select jsonb_object('{{{a}}}'::text[])
  [
    'fn',
    'jsonb_object',
    ['text[]', '{{{a}}}'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select json_object('{NULL,1}'::text[])
  [
    'fn',
    'json_object',
    ['text[]', '{NULL,1}'],
    ['error', '22004', 'null value not allowed for object key'],
  ],
  // select jsonb_object('{NULL,1}'::text[])
  [
    'fn',
    'jsonb_object',
    ['text[]', '{NULL,1}'],
    ['error', '22004', 'null value not allowed for object key'],
  ],
  // select json_object('{a,1,"b\"c",2}'::text[])
  ['fn', 'json_object', ['text[]', '{a,1,"b\\"c",2}'], '{"a" : "1", "b\\"c" : "2"}'],
  // select jsonb_object('{a,1,"b\"c",2}'::text[])
  ['fn', 'jsonb_object', ['text[]', '{a,1,"b\\"c",2}'], '{"a": "1", "b\\"c": "2"}'],
  // select json_object('{"é",1,"\\",2}'::text[])
  ['fn', 'json_object', ['text[]', '{"é",1,"\\\\",2}'], '{"é" : "1", "\\\\" : "2"}'],
  // select jsonb_object('{"é",1,"\\",2}'::text[])
  ['fn', 'jsonb_object', ['text[]', '{"é",1,"\\\\",2}'], '{"\\\\": "2", "é": "1"}'],
  // select json_object('{a,b}'::text[], '{1,2}'::text[])
  ['fn', 'json_object', ['text[]', '{a,b}'], ['text[]', '{1,2}'], '{"a" : "1", "b" : "2"}'],
  // select jsonb_object('{a,b}'::text[], '{1,2}'::text[])
  ['fn', 'jsonb_object', ['text[]', '{a,b}'], ['text[]', '{1,2}'], '{"a": "1", "b": "2"}'],
  // select json_object('{}'::text[], '{}'::text[])
  ['fn', 'json_object', ['text[]', '{}'], ['text[]', '{}'], '{}'],
  // select jsonb_object('{}'::text[], '{}'::text[])
  ['fn', 'jsonb_object', ['text[]', '{}'], ['text[]', '{}'], '{}'],
  // select json_object('{a}'::text[], '{}'::text[])
  [
    'fn',
    'json_object',
    ['text[]', '{a}'],
    ['text[]', '{}'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select jsonb_object('{a}'::text[], '{}'::text[])
  [
    'fn',
    'jsonb_object',
    ['text[]', '{a}'],
    ['text[]', '{}'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select json_object('{a,b}'::text[], '{1}'::text[])
  [
    'fn',
    'json_object',
    ['text[]', '{a,b}'],
    ['text[]', '{1}'],
    ['error', '2202E', 'mismatched array dimensions'],
  ],
  // select jsonb_object('{a,b}'::text[], '{1}'::text[])
  [
    'fn',
    'jsonb_object',
    ['text[]', '{a,b}'],
    ['text[]', '{1}'],
    ['error', '2202E', 'mismatched array dimensions'],
  ],
  // select json_object('{a,NULL}'::text[], '{1,2}'::text[])
  [
    'fn',
    'json_object',
    ['text[]', '{a,NULL}'],
    ['text[]', '{1,2}'],
    ['error', '22004', 'null value not allowed for object key'],
  ],
  // select jsonb_object('{a,NULL}'::text[], '{1,2}'::text[])
  [
    'fn',
    'jsonb_object',
    ['text[]', '{a,NULL}'],
    ['text[]', '{1,2}'],
    ['error', '22004', 'null value not allowed for object key'],
  ],
  // select json_object('{{a}}'::text[], '{1}'::text[])
  [
    'fn',
    'json_object',
    ['text[]', '{{a}}'],
    ['text[]', '{1}'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select jsonb_object('{{a}}'::text[], '{1}'::text[])
  [
    'fn',
    'jsonb_object',
    ['text[]', '{{a}}'],
    ['text[]', '{1}'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select json_object('{a}'::text[], '{{1}}'::text[])
  [
    'fn',
    'json_object',
    ['text[]', '{a}'],
    ['text[]', '{{1}}'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select jsonb_object('{a}'::text[], '{{1}}'::text[])
  [
    'fn',
    'jsonb_object',
    ['text[]', '{a}'],
    ['text[]', '{{1}}'],
    ['error', '2202E', 'wrong number of array subscripts'],
  ],
  // select json_object('{a,a}'::text[], '{1,2}'::text[])
  ['fn', 'json_object', ['text[]', '{a,a}'], ['text[]', '{1,2}'], '{"a" : "1", "a" : "2"}'],
  // select jsonb_object('{a,a}'::text[], '{1,2}'::text[])
  ['fn', 'jsonb_object', ['text[]', '{a,a}'], ['text[]', '{1,2}'], '{"a": "2"}'],
  // select json_object('{a,"b c",d}'::text[], '{"x\"y",NULL,"1"}'::text[])
  [
    'fn',
    'json_object',
    ['text[]', '{a,"b c",d}'],
    ['text[]', '{"x\\"y",NULL,"1"}'],
    '{"a" : "x\\"y", "b c" : null, "d" : "1"}',
  ],
  // select jsonb_object('{a,"b c",d}'::text[], '{"x\"y",NULL,"1"}'::text[])
  [
    'fn',
    'jsonb_object',
    ['text[]', '{a,"b c",d}'],
    ['text[]', '{"x\\"y",NULL,"1"}'],
    '{"a": "x\\"y", "d": "1", "b c": null}',
  ],
  // select * from jsonb_each('{"b":1,"a":[1,2],"c":null,"s":"x\"y"}'::jsonb)
  [
    'srf',
    'jsonb_each',
    ['jsonb', '{"b":1,"a":[1,2],"c":null,"s":"x\\"y"}'],
    [
      ['a', '[1, 2]'],
      ['b', '1'],
      ['c', 'null'],
      ['s', '"x\\"y"'],
    ],
  ],
  // select * from jsonb_each_text('{"b":1,"a":[1,2],"c":null,"s":"x\"y"}'::jsonb)
  [
    'srf',
    'jsonb_each_text',
    ['jsonb', '{"b":1,"a":[1,2],"c":null,"s":"x\\"y"}'],
    [
      ['a', '[1, 2]'],
      ['b', '1'],
      ['c', null],
      ['s', 'x"y'],
    ],
  ],
  // select * from jsonb_object_keys('{"b":1,"a":[1,2],"c":null,"s":"x\"y"}'::jsonb)
  [
    'srf',
    'jsonb_object_keys',
    ['jsonb', '{"b":1,"a":[1,2],"c":null,"s":"x\\"y"}'],
    [['a'], ['b'], ['c'], ['s']],
  ],
  // select * from jsonb_each('[1]'::jsonb)
  [
    'srf',
    'jsonb_each',
    ['jsonb', '[1]'],
    ['error', '22023', 'cannot call jsonb_each on a non-object'],
  ],
  // select * from jsonb_each_text('[1]'::jsonb)
  [
    'srf',
    'jsonb_each_text',
    ['jsonb', '[1]'],
    ['error', '22023', 'cannot call jsonb_each_text on a non-object'],
  ],
  // select * from jsonb_object_keys('[1]'::jsonb)
  [
    'srf',
    'jsonb_object_keys',
    ['jsonb', '[1]'],
    ['error', '22023', 'cannot call jsonb_object_keys on an array'],
  ],
  // select * from jsonb_each('1'::jsonb)
  [
    'srf',
    'jsonb_each',
    ['jsonb', '1'],
    ['error', '22023', 'cannot call jsonb_each on a non-object'],
  ],
  // select * from jsonb_each_text('1'::jsonb)
  [
    'srf',
    'jsonb_each_text',
    ['jsonb', '1'],
    ['error', '22023', 'cannot call jsonb_each_text on a non-object'],
  ],
  // select * from jsonb_object_keys('1'::jsonb)
  [
    'srf',
    'jsonb_object_keys',
    ['jsonb', '1'],
    ['error', '22023', 'cannot call jsonb_object_keys on a scalar'],
  ],
  // select * from jsonb_each('{}'::jsonb)
  ['srf', 'jsonb_each', ['jsonb', '{}'], []],
  // select * from jsonb_each_text('{}'::jsonb)
  ['srf', 'jsonb_each_text', ['jsonb', '{}'], []],
  // select * from jsonb_object_keys('{}'::jsonb)
  ['srf', 'jsonb_object_keys', ['jsonb', '{}'], []],
  // select * from jsonb_each('"x"'::jsonb)
  [
    'srf',
    'jsonb_each',
    ['jsonb', '"x"'],
    ['error', '22023', 'cannot call jsonb_each on a non-object'],
  ],
  // select * from jsonb_each_text('"x"'::jsonb)
  [
    'srf',
    'jsonb_each_text',
    ['jsonb', '"x"'],
    ['error', '22023', 'cannot call jsonb_each_text on a non-object'],
  ],
  // select * from jsonb_object_keys('"x"'::jsonb)
  [
    'srf',
    'jsonb_object_keys',
    ['jsonb', '"x"'],
    ['error', '22023', 'cannot call jsonb_object_keys on a scalar'],
  ],
  // select * from jsonb_array_elements('[1,"a",null,true,[1,2],{"a":"b"}]'::jsonb)
  [
    'srf',
    'jsonb_array_elements',
    ['jsonb', '[1,"a",null,true,[1,2],{"a":"b"}]'],
    [['1'], ['"a"'], ['null'], ['true'], ['[1, 2]'], ['{"a": "b"}']],
  ],
  // select * from jsonb_array_elements_text('[1,"a",null,true,[1,2],{"a":"b"}]'::jsonb)
  [
    'srf',
    'jsonb_array_elements_text',
    ['jsonb', '[1,"a",null,true,[1,2],{"a":"b"}]'],
    [['1'], ['a'], [null], ['true'], ['[1, 2]'], ['{"a": "b"}']],
  ],
  // select * from jsonb_array_elements('{}'::jsonb)
  [
    'srf',
    'jsonb_array_elements',
    ['jsonb', '{}'],
    ['error', '22023', 'cannot extract elements from an object'],
  ],
  // select * from jsonb_array_elements_text('{}'::jsonb)
  [
    'srf',
    'jsonb_array_elements_text',
    ['jsonb', '{}'],
    ['error', '22023', 'cannot extract elements from an object'],
  ],
  // select * from jsonb_array_elements('"x"'::jsonb)
  [
    'srf',
    'jsonb_array_elements',
    ['jsonb', '"x"'],
    ['error', '22023', 'cannot extract elements from a scalar'],
  ],
  // select * from jsonb_array_elements_text('"x"'::jsonb)
  [
    'srf',
    'jsonb_array_elements_text',
    ['jsonb', '"x"'],
    ['error', '22023', 'cannot extract elements from a scalar'],
  ],
  // select * from jsonb_array_elements('[]'::jsonb)
  ['srf', 'jsonb_array_elements', ['jsonb', '[]'], []],
  // select * from jsonb_array_elements_text('[]'::jsonb)
  ['srf', 'jsonb_array_elements_text', ['jsonb', '[]'], []],
  // select * from json_each(' { "a" : 1 , "b" : {"c" : 2} , "a" : null, "s": "x\"y" } '::json)
  [
    'srf',
    'json_each',
    ['json', ' { "a" : 1 , "b" : {"c" : 2} , "a" : null, "s": "x\\"y" } '],
    [
      ['a', '1'],
      ['b', '{"c" : 2}'],
      ['a', 'null'],
      ['s', '"x\\"y"'],
    ],
  ],
  // select * from json_each_text(' { "a" : 1 , "b" : {"c" : 2} , "a" : null, "s": "x\"y" } '::json)
  [
    'srf',
    'json_each_text',
    ['json', ' { "a" : 1 , "b" : {"c" : 2} , "a" : null, "s": "x\\"y" } '],
    [
      ['a', '1'],
      ['b', '{"c" : 2}'],
      ['a', null],
      ['s', 'x"y'],
    ],
  ],
  // select * from json_object_keys(' { "a" : 1 , "b" : {"c" : 2} , "a" : null, "s": "x\"y" } '::json)
  [
    'srf',
    'json_object_keys',
    ['json', ' { "a" : 1 , "b" : {"c" : 2} , "a" : null, "s": "x\\"y" } '],
    [['a'], ['b'], ['a'], ['s']],
  ],
  // select * from json_each('[1]'::json)
  [
    'srf',
    'json_each',
    ['json', '[1]'],
    ['error', '22023', 'cannot deconstruct an array as an object'],
  ],
  // select * from json_each_text('[1]'::json)
  [
    'srf',
    'json_each_text',
    ['json', '[1]'],
    ['error', '22023', 'cannot deconstruct an array as an object'],
  ],
  // select * from json_object_keys('[1]'::json)
  [
    'srf',
    'json_object_keys',
    ['json', '[1]'],
    ['error', '22023', 'cannot call json_object_keys on an array'],
  ],
  // select * from json_each('1'::json)
  ['srf', 'json_each', ['json', '1'], ['error', '22023', 'cannot deconstruct a scalar']],
  // select * from json_each_text('1'::json)
  ['srf', 'json_each_text', ['json', '1'], ['error', '22023', 'cannot deconstruct a scalar']],
  // select * from json_object_keys('1'::json)
  [
    'srf',
    'json_object_keys',
    ['json', '1'],
    ['error', '22023', 'cannot call json_object_keys on a scalar'],
  ],
  // select * from json_each('{}'::json)
  ['srf', 'json_each', ['json', '{}'], []],
  // select * from json_each_text('{}'::json)
  ['srf', 'json_each_text', ['json', '{}'], []],
  // select * from json_object_keys('{}'::json)
  ['srf', 'json_object_keys', ['json', '{}'], []],
  // select * from json_each('{"a":"\u0000"}'::json)
  [
    'srf',
    'json_each',
    ['json', '{"a":"\\u0000"}'],
    [
      'error',
      '22P05',
      'unsupported Unicode escape sequence',
      '\\u0000 cannot be converted to text.',
    ],
  ],
  // select * from json_each_text('{"a":"\u0000"}'::json)
  [
    'srf',
    'json_each_text',
    ['json', '{"a":"\\u0000"}'],
    [
      'error',
      '22P05',
      'unsupported Unicode escape sequence',
      '\\u0000 cannot be converted to text.',
    ],
  ],
  // select * from json_object_keys('{"a":"\u0000"}'::json)
  [
    'srf',
    'json_object_keys',
    ['json', '{"a":"\\u0000"}'],
    [
      'error',
      '22P05',
      'unsupported Unicode escape sequence',
      '\\u0000 cannot be converted to text.',
    ],
  ],
  // select * from json_array_elements(' [ 1 , {"a" : 2} , "s" , null, "a\tb" ] '::json)
  [
    'srf',
    'json_array_elements',
    ['json', ' [ 1 , {"a" : 2} , "s" , null, "a\\tb" ] '],
    [['1'], ['{"a" : 2}'], ['"s"'], ['null'], ['"a\\tb"']],
  ],
  // select * from json_array_elements_text(' [ 1 , {"a" : 2} , "s" , null, "a\tb" ] '::json)
  [
    'srf',
    'json_array_elements_text',
    ['json', ' [ 1 , {"a" : 2} , "s" , null, "a\\tb" ] '],
    [['1'], ['{"a" : 2}'], ['s'], [null], ['a\tb']],
  ],
  // select * from json_array_elements('{}'::json)
  [
    'srf',
    'json_array_elements',
    ['json', '{}'],
    ['error', '22023', 'cannot call json_array_elements on a non-array'],
  ],
  // select * from json_array_elements_text('{}'::json)
  [
    'srf',
    'json_array_elements_text',
    ['json', '{}'],
    ['error', '22023', 'cannot call json_array_elements_text on a non-array'],
  ],
  // select * from json_array_elements('1'::json)
  [
    'srf',
    'json_array_elements',
    ['json', '1'],
    ['error', '22023', 'cannot call json_array_elements on a scalar'],
  ],
  // select * from json_array_elements_text('1'::json)
  [
    'srf',
    'json_array_elements_text',
    ['json', '1'],
    ['error', '22023', 'cannot call json_array_elements_text on a scalar'],
  ],
  // select * from json_array_elements('[]'::json)
  ['srf', 'json_array_elements', ['json', '[]'], []],
  // select * from json_array_elements_text('[]'::json)
  ['srf', 'json_array_elements_text', ['json', '[]'], []],
  // select * from json_array_elements('["\u0000", 1]'::json)
  ['srf', 'json_array_elements', ['json', '["\\u0000", 1]'], [['"\\u0000"'], ['1']]],
  // select * from json_array_elements_text('["\u0000", 1]'::json)
  [
    'srf',
    'json_array_elements_text',
    ['json', '["\\u0000", 1]'],
    [
      'error',
      '22P05',
      'unsupported Unicode escape sequence',
      '\\u0000 cannot be converted to text.',
    ],
  ],
  // select * from json_array_elements('["\ud800", 1]'::json)
  ['srf', 'json_array_elements', ['json', '["\\ud800", 1]'], [['"\\ud800"'], ['1']]],
  // select * from json_array_elements_text('["\ud800", 1]'::json)
  [
    'srf',
    'json_array_elements_text',
    ['json', '["\\ud800", 1]'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Unicode low surrogate must follow a high surrogate.',
    ],
  ],
  // select '1'::jsonb::bool
  ['cast', 'bool', ['jsonb', '1'], ['error', '22023', 'cannot cast jsonb numeric to type boolean']],
  // select '1'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '1'], '1'],
  // select '1'::jsonb::int2
  ['cast', 'int2', ['jsonb', '1'], '1'],
  // select '1'::jsonb::int4
  ['cast', 'int4', ['jsonb', '1'], '1'],
  // select '1'::jsonb::int8
  ['cast', 'int8', ['jsonb', '1'], '1'],
  // select '1'::jsonb::float4
  ['cast', 'float4', ['jsonb', '1'], '1'],
  // select '1'::jsonb::float8
  ['cast', 'float8', ['jsonb', '1'], '1'],
  // select '1.5'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '1.5'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '1.5'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '1.5'], '1.5'],
  // select '1.5'::jsonb::int2
  ['cast', 'int2', ['jsonb', '1.5'], '2'],
  // select '1.5'::jsonb::int4
  ['cast', 'int4', ['jsonb', '1.5'], '2'],
  // select '1.5'::jsonb::int8
  ['cast', 'int8', ['jsonb', '1.5'], '2'],
  // select '1.5'::jsonb::float4
  ['cast', 'float4', ['jsonb', '1.5'], '1.5'],
  // select '1.5'::jsonb::float8
  ['cast', 'float8', ['jsonb', '1.5'], '1.5'],
  // select '2.5'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '2.5'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '2.5'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '2.5'], '2.5'],
  // select '2.5'::jsonb::int2
  ['cast', 'int2', ['jsonb', '2.5'], '3'],
  // select '2.5'::jsonb::int4
  ['cast', 'int4', ['jsonb', '2.5'], '3'],
  // select '2.5'::jsonb::int8
  ['cast', 'int8', ['jsonb', '2.5'], '3'],
  // select '2.5'::jsonb::float4
  ['cast', 'float4', ['jsonb', '2.5'], '2.5'],
  // select '2.5'::jsonb::float8
  ['cast', 'float8', ['jsonb', '2.5'], '2.5'],
  // select '-2.5'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '-2.5'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '-2.5'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '-2.5'], '-2.5'],
  // select '-2.5'::jsonb::int2
  ['cast', 'int2', ['jsonb', '-2.5'], '-3'],
  // select '-2.5'::jsonb::int4
  ['cast', 'int4', ['jsonb', '-2.5'], '-3'],
  // select '-2.5'::jsonb::int8
  ['cast', 'int8', ['jsonb', '-2.5'], '-3'],
  // select '-2.5'::jsonb::float4
  ['cast', 'float4', ['jsonb', '-2.5'], '-2.5'],
  // select '-2.5'::jsonb::float8
  ['cast', 'float8', ['jsonb', '-2.5'], '-2.5'],
  // select '3.5'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '3.5'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '3.5'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '3.5'], '3.5'],
  // select '3.5'::jsonb::int2
  ['cast', 'int2', ['jsonb', '3.5'], '4'],
  // select '3.5'::jsonb::int4
  ['cast', 'int4', ['jsonb', '3.5'], '4'],
  // select '3.5'::jsonb::int8
  ['cast', 'int8', ['jsonb', '3.5'], '4'],
  // select '3.5'::jsonb::float4
  ['cast', 'float4', ['jsonb', '3.5'], '3.5'],
  // select '3.5'::jsonb::float8
  ['cast', 'float8', ['jsonb', '3.5'], '3.5'],
  // select 'true'::jsonb::bool
  ['cast', 'bool', ['jsonb', 'true'], 't'],
  // select 'true'::jsonb::numeric
  [
    'cast',
    'numeric',
    ['jsonb', 'true'],
    ['error', '22023', 'cannot cast jsonb boolean to type numeric'],
  ],
  // select 'true'::jsonb::int2
  [
    'cast',
    'int2',
    ['jsonb', 'true'],
    ['error', '22023', 'cannot cast jsonb boolean to type smallint'],
  ],
  // select 'true'::jsonb::int4
  [
    'cast',
    'int4',
    ['jsonb', 'true'],
    ['error', '22023', 'cannot cast jsonb boolean to type integer'],
  ],
  // select 'true'::jsonb::int8
  [
    'cast',
    'int8',
    ['jsonb', 'true'],
    ['error', '22023', 'cannot cast jsonb boolean to type bigint'],
  ],
  // select 'true'::jsonb::float4
  [
    'cast',
    'float4',
    ['jsonb', 'true'],
    ['error', '22023', 'cannot cast jsonb boolean to type real'],
  ],
  // select 'true'::jsonb::float8
  [
    'cast',
    'float8',
    ['jsonb', 'true'],
    ['error', '22023', 'cannot cast jsonb boolean to type double precision'],
  ],
  // select 'false'::jsonb::bool
  ['cast', 'bool', ['jsonb', 'false'], 'f'],
  // select 'false'::jsonb::numeric
  [
    'cast',
    'numeric',
    ['jsonb', 'false'],
    ['error', '22023', 'cannot cast jsonb boolean to type numeric'],
  ],
  // select 'false'::jsonb::int2
  [
    'cast',
    'int2',
    ['jsonb', 'false'],
    ['error', '22023', 'cannot cast jsonb boolean to type smallint'],
  ],
  // select 'false'::jsonb::int4
  [
    'cast',
    'int4',
    ['jsonb', 'false'],
    ['error', '22023', 'cannot cast jsonb boolean to type integer'],
  ],
  // select 'false'::jsonb::int8
  [
    'cast',
    'int8',
    ['jsonb', 'false'],
    ['error', '22023', 'cannot cast jsonb boolean to type bigint'],
  ],
  // select 'false'::jsonb::float4
  [
    'cast',
    'float4',
    ['jsonb', 'false'],
    ['error', '22023', 'cannot cast jsonb boolean to type real'],
  ],
  // select 'false'::jsonb::float8
  [
    'cast',
    'float8',
    ['jsonb', 'false'],
    ['error', '22023', 'cannot cast jsonb boolean to type double precision'],
  ],
  // select '"1"'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '"1"'],
    ['error', '22023', 'cannot cast jsonb string to type boolean'],
  ],
  // select '"1"'::jsonb::numeric
  [
    'cast',
    'numeric',
    ['jsonb', '"1"'],
    ['error', '22023', 'cannot cast jsonb string to type numeric'],
  ],
  // select '"1"'::jsonb::int2
  [
    'cast',
    'int2',
    ['jsonb', '"1"'],
    ['error', '22023', 'cannot cast jsonb string to type smallint'],
  ],
  // select '"1"'::jsonb::int4
  [
    'cast',
    'int4',
    ['jsonb', '"1"'],
    ['error', '22023', 'cannot cast jsonb string to type integer'],
  ],
  // select '"1"'::jsonb::int8
  ['cast', 'int8', ['jsonb', '"1"'], ['error', '22023', 'cannot cast jsonb string to type bigint']],
  // select '"1"'::jsonb::float4
  ['cast', 'float4', ['jsonb', '"1"'], ['error', '22023', 'cannot cast jsonb string to type real']],
  // select '"1"'::jsonb::float8
  [
    'cast',
    'float8',
    ['jsonb', '"1"'],
    ['error', '22023', 'cannot cast jsonb string to type double precision'],
  ],
  // select '[1]'::jsonb::bool
  ['cast', 'bool', ['jsonb', '[1]'], ['error', '22023', 'cannot cast jsonb array to type boolean']],
  // select '[1]'::jsonb::numeric
  [
    'cast',
    'numeric',
    ['jsonb', '[1]'],
    ['error', '22023', 'cannot cast jsonb array to type numeric'],
  ],
  // select '[1]'::jsonb::int2
  [
    'cast',
    'int2',
    ['jsonb', '[1]'],
    ['error', '22023', 'cannot cast jsonb array to type smallint'],
  ],
  // select '[1]'::jsonb::int4
  ['cast', 'int4', ['jsonb', '[1]'], ['error', '22023', 'cannot cast jsonb array to type integer']],
  // select '[1]'::jsonb::int8
  ['cast', 'int8', ['jsonb', '[1]'], ['error', '22023', 'cannot cast jsonb array to type bigint']],
  // select '[1]'::jsonb::float4
  ['cast', 'float4', ['jsonb', '[1]'], ['error', '22023', 'cannot cast jsonb array to type real']],
  // select '[1]'::jsonb::float8
  [
    'cast',
    'float8',
    ['jsonb', '[1]'],
    ['error', '22023', 'cannot cast jsonb array to type double precision'],
  ],
  // select '{}'::jsonb::bool
  ['cast', 'bool', ['jsonb', '{}'], ['error', '22023', 'cannot cast jsonb object to type boolean']],
  // select '{}'::jsonb::numeric
  [
    'cast',
    'numeric',
    ['jsonb', '{}'],
    ['error', '22023', 'cannot cast jsonb object to type numeric'],
  ],
  // select '{}'::jsonb::int2
  [
    'cast',
    'int2',
    ['jsonb', '{}'],
    ['error', '22023', 'cannot cast jsonb object to type smallint'],
  ],
  // select '{}'::jsonb::int4
  ['cast', 'int4', ['jsonb', '{}'], ['error', '22023', 'cannot cast jsonb object to type integer']],
  // select '{}'::jsonb::int8
  ['cast', 'int8', ['jsonb', '{}'], ['error', '22023', 'cannot cast jsonb object to type bigint']],
  // select '{}'::jsonb::float4
  ['cast', 'float4', ['jsonb', '{}'], ['error', '22023', 'cannot cast jsonb object to type real']],
  // select '{}'::jsonb::float8
  [
    'cast',
    'float8',
    ['jsonb', '{}'],
    ['error', '22023', 'cannot cast jsonb object to type double precision'],
  ],
  // select 'null'::jsonb::bool
  ['cast', 'bool', ['jsonb', 'null'], ['error', '22023', 'cannot cast jsonb null to type boolean']],
  // select 'null'::jsonb::numeric
  [
    'cast',
    'numeric',
    ['jsonb', 'null'],
    ['error', '22023', 'cannot cast jsonb null to type numeric'],
  ],
  // select 'null'::jsonb::int2
  [
    'cast',
    'int2',
    ['jsonb', 'null'],
    ['error', '22023', 'cannot cast jsonb null to type smallint'],
  ],
  // select 'null'::jsonb::int4
  ['cast', 'int4', ['jsonb', 'null'], ['error', '22023', 'cannot cast jsonb null to type integer']],
  // select 'null'::jsonb::int8
  ['cast', 'int8', ['jsonb', 'null'], ['error', '22023', 'cannot cast jsonb null to type bigint']],
  // select 'null'::jsonb::float4
  ['cast', 'float4', ['jsonb', 'null'], ['error', '22023', 'cannot cast jsonb null to type real']],
  // select 'null'::jsonb::float8
  [
    'cast',
    'float8',
    ['jsonb', 'null'],
    ['error', '22023', 'cannot cast jsonb null to type double precision'],
  ],
  // select '1e2'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '1e2'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '1e2'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '1e2'], '100'],
  // select '1e2'::jsonb::int2
  ['cast', 'int2', ['jsonb', '1e2'], '100'],
  // select '1e2'::jsonb::int4
  ['cast', 'int4', ['jsonb', '1e2'], '100'],
  // select '1e2'::jsonb::int8
  ['cast', 'int8', ['jsonb', '1e2'], '100'],
  // select '1e2'::jsonb::float4
  ['cast', 'float4', ['jsonb', '1e2'], '100'],
  // select '1e2'::jsonb::float8
  ['cast', 'float8', ['jsonb', '1e2'], '100'],
  // select '1e10'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '1e10'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '1e10'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '1e10'], '10000000000'],
  // select '1e10'::jsonb::int2
  ['cast', 'int2', ['jsonb', '1e10'], ['error', '22003', 'smallint out of range']],
  // select '1e10'::jsonb::int4
  ['cast', 'int4', ['jsonb', '1e10'], ['error', '22003', 'integer out of range']],
  // select '1e10'::jsonb::int8
  ['cast', 'int8', ['jsonb', '1e10'], '10000000000'],
  // select '1e10'::jsonb::float4
  ['cast', 'float4', ['jsonb', '1e10'], '1e+10'],
  // select '1e10'::jsonb::float8
  ['cast', 'float8', ['jsonb', '1e10'], '10000000000'],
  // select '1e20'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '1e20'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '1e20'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '1e20'], '100000000000000000000'],
  // select '1e20'::jsonb::int2
  ['cast', 'int2', ['jsonb', '1e20'], ['error', '22003', 'smallint out of range']],
  // select '1e20'::jsonb::int4
  ['cast', 'int4', ['jsonb', '1e20'], ['error', '22003', 'integer out of range']],
  // select '1e20'::jsonb::int8
  ['cast', 'int8', ['jsonb', '1e20'], ['error', '22003', 'bigint out of range']],
  // select '1e20'::jsonb::float4
  ['cast', 'float4', ['jsonb', '1e20'], '1e+20'],
  // select '1e20'::jsonb::float8
  ['cast', 'float8', ['jsonb', '1e20'], '1e+20'],
  // select '1e400'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '1e400'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '1e400'::jsonb::numeric
  [
    'cast',
    'numeric',
    ['jsonb', '1e400'],
    ['long', 401, '10000000000000000000', '00000000000000000000'],
  ],
  // select '1e400'::jsonb::int2
  ['cast', 'int2', ['jsonb', '1e400'], ['error', '22003', 'smallint out of range']],
  // select '1e400'::jsonb::int4
  ['cast', 'int4', ['jsonb', '1e400'], ['error', '22003', 'integer out of range']],
  // select '1e400'::jsonb::int8
  ['cast', 'int8', ['jsonb', '1e400'], ['error', '22003', 'bigint out of range']],
  // select '1e400'::jsonb::float4
  [
    'cast',
    'float4',
    ['jsonb', '1e400'],
    [
      'error',
      '22003',
      '"10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" is out of range for type real',
    ],
  ],
  // select '1e400'::jsonb::float8
  [
    'cast',
    'float8',
    ['jsonb', '1e400'],
    [
      'error',
      '22003',
      '"10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000" is out of range for type double precision',
    ],
  ],
  // select '1e-400'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '1e-400'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '1e-400'::jsonb::numeric
  [
    'cast',
    'numeric',
    ['jsonb', '1e-400'],
    ['long', 402, '0.000000000000000000', '00000000000000000001'],
  ],
  // select '1e-400'::jsonb::int2
  ['cast', 'int2', ['jsonb', '1e-400'], '0'],
  // select '1e-400'::jsonb::int4
  ['cast', 'int4', ['jsonb', '1e-400'], '0'],
  // select '1e-400'::jsonb::int8
  ['cast', 'int8', ['jsonb', '1e-400'], '0'],
  // select '1e-400'::jsonb::float4
  [
    'cast',
    'float4',
    ['jsonb', '1e-400'],
    [
      'error',
      '22003',
      '"0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001" is out of range for type real',
    ],
  ],
  // select '1e-400'::jsonb::float8
  [
    'cast',
    'float8',
    ['jsonb', '1e-400'],
    [
      'error',
      '22003',
      '"0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001" is out of range for type double precision',
    ],
  ],
  // select '1e39'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '1e39'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '1e39'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '1e39'], '1000000000000000000000000000000000000000'],
  // select '1e39'::jsonb::int2
  ['cast', 'int2', ['jsonb', '1e39'], ['error', '22003', 'smallint out of range']],
  // select '1e39'::jsonb::int4
  ['cast', 'int4', ['jsonb', '1e39'], ['error', '22003', 'integer out of range']],
  // select '1e39'::jsonb::int8
  ['cast', 'int8', ['jsonb', '1e39'], ['error', '22003', 'bigint out of range']],
  // select '1e39'::jsonb::float4
  [
    'cast',
    'float4',
    ['jsonb', '1e39'],
    ['error', '22003', '"1000000000000000000000000000000000000000" is out of range for type real'],
  ],
  // select '1e39'::jsonb::float8
  ['cast', 'float8', ['jsonb', '1e39'], '1e+39'],
  // select '1e-50'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '1e-50'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '1e-50'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '1e-50'], '0.00000000000000000000000000000000000000000000000001'],
  // select '1e-50'::jsonb::int2
  ['cast', 'int2', ['jsonb', '1e-50'], '0'],
  // select '1e-50'::jsonb::int4
  ['cast', 'int4', ['jsonb', '1e-50'], '0'],
  // select '1e-50'::jsonb::int8
  ['cast', 'int8', ['jsonb', '1e-50'], '0'],
  // select '1e-50'::jsonb::float4
  [
    'cast',
    'float4',
    ['jsonb', '1e-50'],
    [
      'error',
      '22003',
      '"0.00000000000000000000000000000000000000000000000001" is out of range for type real',
    ],
  ],
  // select '1e-50'::jsonb::float8
  ['cast', 'float8', ['jsonb', '1e-50'], '1e-50'],
  // select '1e-40'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '1e-40'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '1e-40'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '1e-40'], '0.0000000000000000000000000000000000000001'],
  // select '1e-40'::jsonb::int2
  ['cast', 'int2', ['jsonb', '1e-40'], '0'],
  // select '1e-40'::jsonb::int4
  ['cast', 'int4', ['jsonb', '1e-40'], '0'],
  // select '1e-40'::jsonb::int8
  ['cast', 'int8', ['jsonb', '1e-40'], '0'],
  // select '1e-40'::jsonb::float4
  ['cast', 'float4', ['jsonb', '1e-40'], '1e-40'],
  // select '1e-40'::jsonb::float8
  ['cast', 'float8', ['jsonb', '1e-40'], '1e-40'],
  // select '123456789.123'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '123456789.123'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '123456789.123'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '123456789.123'], '123456789.123'],
  // select '123456789.123'::jsonb::int2
  ['cast', 'int2', ['jsonb', '123456789.123'], ['error', '22003', 'smallint out of range']],
  // select '123456789.123'::jsonb::int4
  ['cast', 'int4', ['jsonb', '123456789.123'], '123456789'],
  // select '123456789.123'::jsonb::int8
  ['cast', 'int8', ['jsonb', '123456789.123'], '123456789'],
  // select '123456789.123'::jsonb::float4
  ['cast', 'float4', ['jsonb', '123456789.123'], '1.2345679e+08'],
  // select '123456789.123'::jsonb::float8
  ['cast', 'float8', ['jsonb', '123456789.123'], '123456789.123'],
  // select '0.1'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '0.1'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '0.1'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '0.1'], '0.1'],
  // select '0.1'::jsonb::int2
  ['cast', 'int2', ['jsonb', '0.1'], '0'],
  // select '0.1'::jsonb::int4
  ['cast', 'int4', ['jsonb', '0.1'], '0'],
  // select '0.1'::jsonb::int8
  ['cast', 'int8', ['jsonb', '0.1'], '0'],
  // select '0.1'::jsonb::float4
  ['cast', 'float4', ['jsonb', '0.1'], '0.1'],
  // select '0.1'::jsonb::float8
  ['cast', 'float8', ['jsonb', '0.1'], '0.1'],
  // select '-0.0'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '-0.0'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '-0.0'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '-0.0'], '0.0'],
  // select '-0.0'::jsonb::int2
  ['cast', 'int2', ['jsonb', '-0.0'], '0'],
  // select '-0.0'::jsonb::int4
  ['cast', 'int4', ['jsonb', '-0.0'], '0'],
  // select '-0.0'::jsonb::int8
  ['cast', 'int8', ['jsonb', '-0.0'], '0'],
  // select '-0.0'::jsonb::float4
  ['cast', 'float4', ['jsonb', '-0.0'], '0'],
  // select '-0.0'::jsonb::float8
  ['cast', 'float8', ['jsonb', '-0.0'], '0'],
  // select '16777217'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '16777217'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '16777217'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '16777217'], '16777217'],
  // select '16777217'::jsonb::int2
  ['cast', 'int2', ['jsonb', '16777217'], ['error', '22003', 'smallint out of range']],
  // select '16777217'::jsonb::int4
  ['cast', 'int4', ['jsonb', '16777217'], '16777217'],
  // select '16777217'::jsonb::int8
  ['cast', 'int8', ['jsonb', '16777217'], '16777217'],
  // select '16777217'::jsonb::float4
  ['cast', 'float4', ['jsonb', '16777217'], '1.6777216e+07'],
  // select '16777217'::jsonb::float8
  ['cast', 'float8', ['jsonb', '16777217'], '16777217'],
  // select '3.4028235e38'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '3.4028235e38'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '3.4028235e38'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '3.4028235e38'], '340282350000000000000000000000000000000'],
  // select '3.4028235e38'::jsonb::int2
  ['cast', 'int2', ['jsonb', '3.4028235e38'], ['error', '22003', 'smallint out of range']],
  // select '3.4028235e38'::jsonb::int4
  ['cast', 'int4', ['jsonb', '3.4028235e38'], ['error', '22003', 'integer out of range']],
  // select '3.4028235e38'::jsonb::int8
  ['cast', 'int8', ['jsonb', '3.4028235e38'], ['error', '22003', 'bigint out of range']],
  // select '3.4028235e38'::jsonb::float4
  ['cast', 'float4', ['jsonb', '3.4028235e38'], '3.4028235e+38'],
  // select '3.4028235e38'::jsonb::float8
  ['cast', 'float8', ['jsonb', '3.4028235e38'], '3.4028235e+38'],
  // select '3.4028236e38'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '3.4028236e38'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '3.4028236e38'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '3.4028236e38'], '340282360000000000000000000000000000000'],
  // select '3.4028236e38'::jsonb::int2
  ['cast', 'int2', ['jsonb', '3.4028236e38'], ['error', '22003', 'smallint out of range']],
  // select '3.4028236e38'::jsonb::int4
  ['cast', 'int4', ['jsonb', '3.4028236e38'], ['error', '22003', 'integer out of range']],
  // select '3.4028236e38'::jsonb::int8
  ['cast', 'int8', ['jsonb', '3.4028236e38'], ['error', '22003', 'bigint out of range']],
  // select '3.4028236e38'::jsonb::float4
  [
    'cast',
    'float4',
    ['jsonb', '3.4028236e38'],
    ['error', '22003', '"340282360000000000000000000000000000000" is out of range for type real'],
  ],
  // select '3.4028236e38'::jsonb::float8
  ['cast', 'float8', ['jsonb', '3.4028236e38'], '3.4028236e+38'],
  // select '1.401298464324817e-45'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '1.401298464324817e-45'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '1.401298464324817e-45'::jsonb::numeric
  [
    'cast',
    'numeric',
    ['jsonb', '1.401298464324817e-45'],
    '0.000000000000000000000000000000000000000000001401298464324817',
  ],
  // select '1.401298464324817e-45'::jsonb::int2
  ['cast', 'int2', ['jsonb', '1.401298464324817e-45'], '0'],
  // select '1.401298464324817e-45'::jsonb::int4
  ['cast', 'int4', ['jsonb', '1.401298464324817e-45'], '0'],
  // select '1.401298464324817e-45'::jsonb::int8
  ['cast', 'int8', ['jsonb', '1.401298464324817e-45'], '0'],
  // select '1.401298464324817e-45'::jsonb::float4
  ['cast', 'float4', ['jsonb', '1.401298464324817e-45'], '1e-45'],
  // select '1.401298464324817e-45'::jsonb::float8
  ['cast', 'float8', ['jsonb', '1.401298464324817e-45'], '1.401298464324817e-45'],
  // select '7e-46'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '7e-46'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '7e-46'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '7e-46'], '0.0000000000000000000000000000000000000000000007'],
  // select '7e-46'::jsonb::int2
  ['cast', 'int2', ['jsonb', '7e-46'], '0'],
  // select '7e-46'::jsonb::int4
  ['cast', 'int4', ['jsonb', '7e-46'], '0'],
  // select '7e-46'::jsonb::int8
  ['cast', 'int8', ['jsonb', '7e-46'], '0'],
  // select '7e-46'::jsonb::float4
  [
    'cast',
    'float4',
    ['jsonb', '7e-46'],
    [
      'error',
      '22003',
      '"0.0000000000000000000000000000000000000000000007" is out of range for type real',
    ],
  ],
  // select '7e-46'::jsonb::float8
  ['cast', 'float8', ['jsonb', '7e-46'], '7e-46'],
  // select '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625'::jsonb::bool
  [
    'cast',
    'bool',
    [
      'jsonb',
      '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625',
    ],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625'::jsonb::numeric
  [
    'cast',
    'numeric',
    [
      'jsonb',
      '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625',
    ],
    '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625',
  ],
  // select '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625'::jsonb::int2
  [
    'cast',
    'int2',
    [
      'jsonb',
      '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625',
    ],
    '0',
  ],
  // select '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625'::jsonb::int4
  [
    'cast',
    'int4',
    [
      'jsonb',
      '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625',
    ],
    '0',
  ],
  // select '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625'::jsonb::int8
  [
    'cast',
    'int8',
    [
      'jsonb',
      '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625',
    ],
    '0',
  ],
  // select '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625'::jsonb::float4
  [
    'cast',
    'float4',
    [
      'jsonb',
      '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625',
    ],
    [
      'error',
      '22003',
      '"0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625" is out of range for type real',
    ],
  ],
  // select '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625'::jsonb::float8
  [
    'cast',
    'float8',
    [
      'jsonb',
      '0.000000000000000000000000000000000000000000000700649232162408535461864791644958065640130970938257885878534141944895541342930300743319094181060791015625',
    ],
    '7.006492321624085e-46',
  ],
  // select '9223372036854775807'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '9223372036854775807'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '9223372036854775807'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '9223372036854775807'], '9223372036854775807'],
  // select '9223372036854775807'::jsonb::int2
  ['cast', 'int2', ['jsonb', '9223372036854775807'], ['error', '22003', 'smallint out of range']],
  // select '9223372036854775807'::jsonb::int4
  ['cast', 'int4', ['jsonb', '9223372036854775807'], ['error', '22003', 'integer out of range']],
  // select '9223372036854775807'::jsonb::int8
  ['cast', 'int8', ['jsonb', '9223372036854775807'], '9223372036854775807'],
  // select '9223372036854775807'::jsonb::float4
  ['cast', 'float4', ['jsonb', '9223372036854775807'], '9.223372e+18'],
  // select '9223372036854775807'::jsonb::float8
  ['cast', 'float8', ['jsonb', '9223372036854775807'], '9.223372036854776e+18'],
  // select '9223372036854775807.5'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '9223372036854775807.5'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '9223372036854775807.5'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '9223372036854775807.5'], '9223372036854775807.5'],
  // select '9223372036854775807.5'::jsonb::int2
  ['cast', 'int2', ['jsonb', '9223372036854775807.5'], ['error', '22003', 'smallint out of range']],
  // select '9223372036854775807.5'::jsonb::int4
  ['cast', 'int4', ['jsonb', '9223372036854775807.5'], ['error', '22003', 'integer out of range']],
  // select '9223372036854775807.5'::jsonb::int8
  ['cast', 'int8', ['jsonb', '9223372036854775807.5'], ['error', '22003', 'bigint out of range']],
  // select '9223372036854775807.5'::jsonb::float4
  ['cast', 'float4', ['jsonb', '9223372036854775807.5'], '9.223372e+18'],
  // select '9223372036854775807.5'::jsonb::float8
  ['cast', 'float8', ['jsonb', '9223372036854775807.5'], '9.223372036854776e+18'],
  // select '-9223372036854775808.5'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '-9223372036854775808.5'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '-9223372036854775808.5'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '-9223372036854775808.5'], '-9223372036854775808.5'],
  // select '-9223372036854775808.5'::jsonb::int2
  [
    'cast',
    'int2',
    ['jsonb', '-9223372036854775808.5'],
    ['error', '22003', 'smallint out of range'],
  ],
  // select '-9223372036854775808.5'::jsonb::int4
  ['cast', 'int4', ['jsonb', '-9223372036854775808.5'], ['error', '22003', 'integer out of range']],
  // select '-9223372036854775808.5'::jsonb::int8
  ['cast', 'int8', ['jsonb', '-9223372036854775808.5'], ['error', '22003', 'bigint out of range']],
  // select '-9223372036854775808.5'::jsonb::float4
  ['cast', 'float4', ['jsonb', '-9223372036854775808.5'], '-9.223372e+18'],
  // select '-9223372036854775808.5'::jsonb::float8
  ['cast', 'float8', ['jsonb', '-9223372036854775808.5'], '-9.223372036854776e+18'],
  // select '32767.4'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '32767.4'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '32767.4'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '32767.4'], '32767.4'],
  // select '32767.4'::jsonb::int2
  ['cast', 'int2', ['jsonb', '32767.4'], '32767'],
  // select '32767.4'::jsonb::int4
  ['cast', 'int4', ['jsonb', '32767.4'], '32767'],
  // select '32767.4'::jsonb::int8
  ['cast', 'int8', ['jsonb', '32767.4'], '32767'],
  // select '32767.4'::jsonb::float4
  ['cast', 'float4', ['jsonb', '32767.4'], '32767.4'],
  // select '32767.4'::jsonb::float8
  ['cast', 'float8', ['jsonb', '32767.4'], '32767.4'],
  // select '32767.5'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '32767.5'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '32767.5'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '32767.5'], '32767.5'],
  // select '32767.5'::jsonb::int2
  ['cast', 'int2', ['jsonb', '32767.5'], ['error', '22003', 'smallint out of range']],
  // select '32767.5'::jsonb::int4
  ['cast', 'int4', ['jsonb', '32767.5'], '32768'],
  // select '32767.5'::jsonb::int8
  ['cast', 'int8', ['jsonb', '32767.5'], '32768'],
  // select '32767.5'::jsonb::float4
  ['cast', 'float4', ['jsonb', '32767.5'], '32767.5'],
  // select '32767.5'::jsonb::float8
  ['cast', 'float8', ['jsonb', '32767.5'], '32767.5'],
  // select '2147483647.49'::jsonb::bool
  [
    'cast',
    'bool',
    ['jsonb', '2147483647.49'],
    ['error', '22023', 'cannot cast jsonb numeric to type boolean'],
  ],
  // select '2147483647.49'::jsonb::numeric
  ['cast', 'numeric', ['jsonb', '2147483647.49'], '2147483647.49'],
  // select '2147483647.49'::jsonb::int2
  ['cast', 'int2', ['jsonb', '2147483647.49'], ['error', '22003', 'smallint out of range']],
  // select '2147483647.49'::jsonb::int4
  ['cast', 'int4', ['jsonb', '2147483647.49'], '2147483647'],
  // select '2147483647.49'::jsonb::int8
  ['cast', 'int8', ['jsonb', '2147483647.49'], '2147483647'],
  // select '2147483647.49'::jsonb::float4
  ['cast', 'float4', ['jsonb', '2147483647.49'], '2.1474836e+09'],
  // select '2147483647.49'::jsonb::float8
  ['cast', 'float8', ['jsonb', '2147483647.49'], '2147483647.49'],
  // select '{"b" : 1, "a" : [1,   2], "a": 3}'::json::jsonb
  ['cast', 'jsonb', ['json', '{"b" : 1, "a" : [1,   2], "a": 3}'], '{"a": 3, "b": 1}'],
  // select '["\u0000"]'::json::jsonb
  [
    'cast',
    'jsonb',
    ['json', '["\\u0000"]'],
    [
      'error',
      '22P05',
      'unsupported Unicode escape sequence',
      '\\u0000 cannot be converted to text.',
    ],
  ],
  // select '{"b" : 1, "a" : [1,   2]}'::jsonb::json
  ['cast', 'json', ['jsonb', '{"b" : 1, "a" : [1,   2]}'], '{"a": [1, 2], "b": 1}'],
]

/** Reads a text[] literal as PostgreSQL does for these cases: braces, quotes with backslash
 * escapes, unquoted NULL, one or more dimensions. */
function textArray(literal: string): SqlArray {
  const elements: (string | null)[] = []
  const dimensions: number[] = []
  const counts: number[] = []
  let depth = 0
  let i = 0
  while (i < literal.length) {
    const c = literal[i] ?? ''
    if (c === '{') {
      depth++
      counts[depth - 1] = 0
      i++
    } else if (c === '}') {
      dimensions[depth - 1] = counts[depth - 1] ?? 0
      depth--
      if (depth > 0) counts[depth - 1] = (counts[depth - 1] ?? 0) + 1
      i++
    } else if (c === ',' || c === ' ') {
      i++
    } else {
      let text = ''
      let quoted = false
      if (c === '"') {
        quoted = true
        i++
        while (literal[i] !== '"') {
          if (literal[i] === '\\') i++
          text += literal[i] ?? ''
          i++
        }
        i++
      } else {
        while (i < literal.length && !',{}'.includes(literal[i] ?? '')) text += literal[i++] ?? ''
      }
      elements.push(!quoted && text.toUpperCase() === 'NULL' ? null : text)
      counts[depth - 1] = (counts[depth - 1] ?? 0) + 1
    }
  }
  if (elements.length === 0) return new SqlArray([])
  return new SqlArray(elements, dimensions)
}

const typeOf: Readonly<Record<string, SqlType>> = {
  json: sqlTypes.json,
  jsonb: sqlTypes.jsonb,
  text: sqlTypes.text,
  int4: sqlTypes.int4,
  bool: sqlTypes.bool,
  'text[]': { ...sqlTypes.text, kind: 'array', name: '_text', element: sqlTypes.text },
}

function argValue([type, text]: Arg): Value {
  if (text === null) return null
  switch (type) {
    case 'json':
    case 'jsonb': {
      const sqlType = typeOf[type] ?? sqlTypes.text
      return behaviourOf(sqlType).input(text, sqlType, defaultTypeContext)
    }
    case 'int4':
      return Number(text)
    case 'bool':
      return text === 'true'
    case 'text[]':
      return textArray(text)
    default:
      return text
  }
}

const call: CallContext = {
  argTypes: [],
  resultType: sqlTypes.text,
  types: defaultTypeContext,
  transactionTimestamp: 0n,
  statementTimestamp: 0n,
  random: () => 0,
  output: () => assert.fail('no output function needed'),
  settings: { get: () => null, set: () => '' },
}

function format(value: Value, kind: string): string | null {
  if (value === null) return null
  if (value instanceof Jsonb) return jsonbText(value.node)
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (value instanceof Numeric) return value.toString()
  if (typeof value === 'number' && (kind === 'float4' || kind === 'float8')) return `float:${value}`
  return String(value)
}

/** PostgreSQL's float text as the value it denotes, for comparison with ours. */
function expectedFloat(text: string, kind: string): string {
  const value = Number(text)
  return `float:${kind === 'float4' ? Math.fround(value) : value}`
}

function matches(declared: ArgType, actual: string): boolean {
  return declared === actual
}

interface Target {
  readonly isStrict: boolean
  readonly kind: string
  readonly evaluate: (args: readonly Value[]) => Value | Iterable<Value | Value[]>
}

function find(kind: string, name: string, args: readonly Arg[]): Target {
  const types = args.map(([type]) => type)
  const context = { ...call, argTypes: types.map((type) => typeOf[type] ?? sqlTypes.text) }
  if (kind === 'op') {
    const found = jsonBuiltins.operators.find(
      (o) =>
        o.name === name &&
        (o.left === undefined || matches(o.left, types[0] ?? '')) &&
        matches(o.right, types[types.length - 1] ?? ''),
    )
    assert.ok(found, `operator ${name}(${types.join(', ')}) is declared`)
    return {
      isStrict: found.isStrict ?? true,
      kind: String(found.returns),
      evaluate: (values) => found.evaluate(values, context),
    }
  }
  if (kind === 'cast') {
    const found = jsonBuiltins.casts.find((c) => c.source === types[0] && c.target === name)
    assert.ok(found, `cast ${types[0]} -> ${name} is declared`)
    const target = (sqlTypes as Record<string, SqlType>)[name] ?? sqlTypes.text
    const source = typeOf[types[0] ?? ''] ?? sqlTypes.text
    return {
      isStrict: true,
      kind: name,
      evaluate: ([value]) => found.evaluate(value ?? null, source, target, context),
    }
  }
  const list = kind === 'srf' ? jsonBuiltins.setFunctions : jsonBuiltins.functions
  for (const f of list) {
    if (f.name !== name) continue
    if (f.args.length === types.length && f.args.every((a, i) => matches(a, types[i] ?? ''))) {
      return {
        isStrict: f.isStrict,
        kind: String(f.returns),
        evaluate: (values) => f.evaluate(values, context),
      }
    }
    // VARIADIC text[]: the trailing text arguments make the array.
    const fixed = f.args.length - 1
    if (
      f.isVariadic === true &&
      f.args[fixed] === 'text[]' &&
      types.length >= f.args.length &&
      types.slice(fixed).every((type) => type === 'text') &&
      f.args.slice(0, fixed).every((a, i) => matches(a, types[i] ?? ''))
    ) {
      return {
        isStrict: f.isStrict,
        kind: String(f.returns),
        evaluate: (values) =>
          f.evaluate([...values.slice(0, fixed), new SqlArray(values.slice(fixed))], context),
      }
    }
  }
  assert.fail(`function ${name}(${types.join(', ')}) is declared`)
}

test('json operators, functions and casts match PostgreSQL', () => {
  let checked = 0
  const failures: string[] = []
  for (const entry of cases) {
    const kind = entry[0] as string
    const name = entry[1] as string
    const args = entry.slice(2, -1) as readonly Arg[]
    const expected = entry[entry.length - 1]
    const label = `${kind} ${name}(${args.map((a) => `${a[1]}::${a[0]}`).join(', ')})`
    try {
      check(kind, name, args, expected, label)
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error))
    }
    checked++
  }
  assert.deepEqual(failures, [])
  assert.ok(checked > 1000)
})

function check(
  kind: string,
  name: string,
  args: readonly Arg[],
  expected: unknown,
  label: string,
): void {
  {
    const target = find(kind, name, args)
    const run = (): unknown => {
      const values = args.map(argValue)
      if (target.isStrict && values.includes(null)) return kind === 'srf' ? [] : null
      const result = target.evaluate(values)
      if (kind !== 'srf') return format(result as Value, target.kind)
      return [...(result as Iterable<Value | Value[]>)].map((row) =>
        (Array.isArray(row) ? row : [row]).map((v) => format(v as Value, '')),
      )
    }
    if (Array.isArray(expected) && expected[0] === 'error') {
      assert.throws(
        run,
        (error: unknown) => {
          assert.ok(error instanceof SqlError, `${label}: ${String(error)}`)
          assert.equal(error.code, expected[1], label)
          assert.equal(error.message, expected[2], label)
          assert.equal(error.detail, expected[3], label)
          return true
        },
        label,
      )
    } else if (
      typeof expected === 'string' &&
      (target.kind === 'float4' || target.kind === 'float8')
    ) {
      assert.equal(run(), expectedFloat(expected, target.kind), label)
    } else if (Array.isArray(expected) && expected[0] === 'long') {
      const output = String(run())
      assert.equal(output.length, expected[1], label)
      assert.ok(output.startsWith(String(expected[2])), label)
      assert.ok(output.endsWith(String(expected[3])), label)
    } else if (name === 'jsonb_cmp') {
      // PostgreSQL returns strcoll's or memcmp's raw difference for strings; only the sign is
      // specified (ours is -1, 0 or 1).
      assert.equal(Math.sign(Number(run())), Math.sign(Number(expected)), label)
    } else {
      assert.deepEqual(run(), expected, label)
    }
  }
}
