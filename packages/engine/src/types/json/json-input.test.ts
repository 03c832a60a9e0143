// json and jsonb text input and output against PostgreSQL 15: every case is the psql query in
// the comment above it (select '<text>'::text::json / ::jsonb), with PostgreSQL's answer: the
// output text, or the error's SQLSTATE, message and DETAIL (the CONTEXT line "JSON data, line
// 1: ..." is not carried: SqlError has no field for it). Values longer than 300 characters are
// given as [length, first 20, last 20 characters].
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../../errors/index.js'
import { behaviourOf } from '../behaviours.js'
import { sqlTypes } from '../sql-type.js'
import { defaultTypeContext } from '../type-behaviour.js'

type Expected =
  | string
  | readonly ['error', string, string]
  | readonly ['error', string, string, string]
  | readonly ['long', number, string, string]
type Case = readonly ['cast', 'json' | 'jsonb', readonly ['text', string], Expected]

const cases: readonly Case[] = [
  // select '{"a":1,"b":[1,2]}'::text::json
  ['cast', 'json', ['text', '{"a":1,"b":[1,2]}'], '{"a":1,"b":[1,2]}'],
  // select ' { "a" : 1 , "b" : [ 1 , 2 ] } '::text::json
  ['cast', 'json', ['text', ' { "a" : 1 , "b" : [ 1 , 2 ] } '], ' { "a" : 1 , "b" : [ 1 , 2 ] } '],
  // select '[]'::text::json
  ['cast', 'json', ['text', '[]'], '[]'],
  // select '{}'::text::json
  ['cast', 'json', ['text', '{}'], '{}'],
  // select '[[]]'::text::json
  ['cast', 'json', ['text', '[[]]'], '[[]]'],
  // select '[{}]'::text::json
  ['cast', 'json', ['text', '[{}]'], '[{}]'],
  // select 'null'::text::json
  ['cast', 'json', ['text', 'null'], 'null'],
  // select 'true'::text::json
  ['cast', 'json', ['text', 'true'], 'true'],
  // select 'false'::text::json
  ['cast', 'json', ['text', 'false'], 'false'],
  // select '0'::text::json
  ['cast', 'json', ['text', '0'], '0'],
  // select '-0'::text::json
  ['cast', 'json', ['text', '-0'], '-0'],
  // select '"x"'::text::json
  ['cast', 'json', ['text', '"x"'], '"x"'],
  // select '[1e2, 1.5e1, 1e-2, 1.0e1, -0, -0.0, 1.50, 0.000, 1E+2, 12.34e-1, 0e10, 0.0e-3, 100e-2, -1e-1]'::text::json
  [
    'cast',
    'json',
    [
      'text',
      '[1e2, 1.5e1, 1e-2, 1.0e1, -0, -0.0, 1.50, 0.000, 1E+2, 12.34e-1, 0e10, 0.0e-3, 100e-2, -1e-1]',
    ],
    '[1e2, 1.5e1, 1e-2, 1.0e1, -0, -0.0, 1.50, 0.000, 1E+2, 12.34e-1, 0e10, 0.0e-3, 100e-2, -1e-1]',
  ],
  // select '123456789012345678901234567890.123456789012345678901'::text::json
  [
    'cast',
    'json',
    ['text', '123456789012345678901234567890.123456789012345678901'],
    '123456789012345678901234567890.123456789012345678901',
  ],
  // select '-1.5E-7'::text::json
  ['cast', 'json', ['text', '-1.5E-7'], '-1.5E-7'],
  // select '1e+2'::text::json
  ['cast', 'json', ['text', '1e+2'], '1e+2'],
  // select '0.1e1'::text::json
  ['cast', 'json', ['text', '0.1e1'], '0.1e1'],
  // select '9e-1'::text::json
  ['cast', 'json', ['text', '9e-1'], '9e-1'],
  // select '{"bb":1,"a":2,"b":3,"a":4}'::text::json
  ['cast', 'json', ['text', '{"bb":1,"a":2,"b":3,"a":4}'], '{"bb":1,"a":2,"b":3,"a":4}'],
  // select '{"é":1,"ab":2,"z":3,"":0}'::text::json
  ['cast', 'json', ['text', '{"é":1,"ab":2,"z":3,"":0}'], '{"é":1,"ab":2,"z":3,"":0}'],
  // select '{"a":{"c":1,"b":2},"a":{"d":3}}'::text::json
  ['cast', 'json', ['text', '{"a":{"c":1,"b":2},"a":{"d":3}}'], '{"a":{"c":1,"b":2},"a":{"d":3}}'],
  // select '"\u00e9\n\/\b\f\r\t\u001f\u007f\"\\"'::text::json
  [
    'cast',
    'json',
    ['text', '"\\u00e9\\n\\/\\b\\f\\r\\t\\u001f\\u007f\\"\\\\"'],
    '"\\u00e9\\n\\/\\b\\f\\r\\t\\u001f\\u007f\\"\\\\"',
  ],
  // select '"\ud83d\ude00 \u20AC \u00C9"'::text::json
  [
    'cast',
    'json',
    ['text', '"\\ud83d\\ude00 \\u20AC \\u00C9"'],
    '"\\ud83d\\ude00 \\u20AC \\u00C9"',
  ],
  // select '"é😀€"'::text::json
  ['cast', 'json', ['text', '"é😀€"'], '"é😀€"'],
  // select '"a\u007fb"'::text::json
  ['cast', 'json', ['text', '"ab"'], '"ab"'],
  // select ' \u0009\u000a\u000d 1 \u0009\u000a\u000d '::text::json
  ['cast', 'json', ['text', ' \t\n\r 1 \t\n\r '], ' \t\n\r 1 \t\n\r '],
  // select '[1,\u000a2,\u000a3]'::text::json
  ['cast', 'json', ['text', '[1,\n2,\n3]'], '[1,\n2,\n3]'],
  // select '{"a":[1,{"b":null}],"c":"d"}'::text::json
  ['cast', 'json', ['text', '{"a":[1,{"b":null}],"c":"d"}'], '{"a":[1,{"b":null}],"c":"d"}'],
  // select 'x'::text::json
  [
    'cast',
    'json',
    ['text', 'x'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "x" is invalid.'],
  ],
  // select '[1,2'::text::json
  [
    'cast',
    'json',
    ['text', '[1,2'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'The input string ended unexpectedly.',
    ],
  ],
  // select '[1 2]'::text::json
  [
    'cast',
    'json',
    ['text', '[1 2]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected "," or "]", but found "2".'],
  ],
  // select '{"a" 1}'::text::json
  [
    'cast',
    'json',
    ['text', '{"a" 1}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected ":", but found "1".'],
  ],
  // select '{"a":1,}'::text::json
  [
    'cast',
    'json',
    ['text', '{"a":1,}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected string, but found "}".'],
  ],
  // select '{1:2}'::text::json
  [
    'cast',
    'json',
    ['text', '{1:2}'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected string or "}", but found "1".',
    ],
  ],
  // select '01'::text::json
  [
    'cast',
    'json',
    ['text', '01'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "01" is invalid.'],
  ],
  // select '1.'::text::json
  [
    'cast',
    'json',
    ['text', '1.'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "1." is invalid.'],
  ],
  // select '1.e5'::text::json
  [
    'cast',
    'json',
    ['text', '1.e5'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "1.e5" is invalid.'],
  ],
  // select '-'::text::json
  [
    'cast',
    'json',
    ['text', '-'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "-" is invalid.'],
  ],
  // select '1e'::text::json
  [
    'cast',
    'json',
    ['text', '1e'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "1e" is invalid.'],
  ],
  // select '1ea'::text::json
  [
    'cast',
    'json',
    ['text', '1ea'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "1ea" is invalid.'],
  ],
  // select '.5'::text::json
  [
    'cast',
    'json',
    ['text', '.5'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "." is invalid.'],
  ],
  // select '+1'::text::json
  [
    'cast',
    'json',
    ['text', '+1'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "+" is invalid.'],
  ],
  // select 'tru'::text::json
  [
    'cast',
    'json',
    ['text', 'tru'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "tru" is invalid.'],
  ],
  // select 'trueX'::text::json
  [
    'cast',
    'json',
    ['text', 'trueX'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "trueX" is invalid.'],
  ],
  // select 'nul'::text::json
  [
    'cast',
    'json',
    ['text', 'nul'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "nul" is invalid.'],
  ],
  // select '[1,]'::text::json
  [
    'cast',
    'json',
    ['text', '[1,]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found "]".'],
  ],
  // select ''::text::json
  [
    'cast',
    'json',
    ['text', ''],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'The input string ended unexpectedly.',
    ],
  ],
  // select '  '::text::json
  [
    'cast',
    'json',
    ['text', '  '],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'The input string ended unexpectedly.',
    ],
  ],
  // select '"abc'::text::json
  [
    'cast',
    'json',
    ['text', '"abc'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token ""abc" is invalid.'],
  ],
  // select '"\x"'::text::json
  [
    'cast',
    'json',
    ['text', '"\\x"'],
    ['error', '22P02', 'invalid input syntax for type json', 'Escape sequence "\\x" is invalid.'],
  ],
  // select '"\u12"'::text::json
  [
    'cast',
    'json',
    ['text', '"\\u12"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      '"\\u" must be followed by four hexadecimal digits.',
    ],
  ],
  // select '"\u12zz"'::text::json
  [
    'cast',
    'json',
    ['text', '"\\u12zz"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      '"\\u" must be followed by four hexadecimal digits.',
    ],
  ],
  // select '#'::text::json
  [
    'cast',
    'json',
    ['text', '#'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "#" is invalid.'],
  ],
  // select '$abc'::text::json
  [
    'cast',
    'json',
    ['text', '$abc'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "$" is invalid.'],
  ],
  // select 'abc_9$é'::text::json
  [
    'cast',
    'json',
    ['text', 'abc_9$é'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "abc_9" is invalid.'],
  ],
  // select '[1]]'::text::json
  [
    'cast',
    'json',
    ['text', '[1]]'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected end of input, but found "]".',
    ],
  ],
  // select '{"a":1}}'::text::json
  [
    'cast',
    'json',
    ['text', '{"a":1}}'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected end of input, but found "}".',
    ],
  ],
  // select '1 2'::text::json
  [
    'cast',
    'json',
    ['text', '1 2'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected end of input, but found "2".',
    ],
  ],
  // select '-01'::text::json
  [
    'cast',
    'json',
    ['text', '-01'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "-01" is invalid.'],
  ],
  // select 'NaN'::text::json
  [
    'cast',
    'json',
    ['text', 'NaN'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "NaN" is invalid.'],
  ],
  // select 'Infinity'::text::json
  [
    'cast',
    'json',
    ['text', 'Infinity'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "Infinity" is invalid.'],
  ],
  // select 'é'::text::json
  [
    'cast',
    'json',
    ['text', 'é'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "é" is invalid.'],
  ],
  // select 'aé$'::text::json
  [
    'cast',
    'json',
    ['text', 'aé$'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "aé" is invalid.'],
  ],
  // select '1.5.3'::text::json
  [
    'cast',
    'json',
    ['text', '1.5.3'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "." is invalid.'],
  ],
  // select '-a'::text::json
  [
    'cast',
    'json',
    ['text', '-a'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "-a" is invalid.'],
  ],
  // select '{"a" "b"}'::text::json
  [
    'cast',
    'json',
    ['text', '{"a" "b"}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected ":", but found ""b"".'],
  ],
  // select '[1,'::text::json
  [
    'cast',
    'json',
    ['text', '[1,'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'The input string ended unexpectedly.',
    ],
  ],
  // select '{"a":'::text::json
  [
    'cast',
    'json',
    ['text', '{"a":'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'The input string ended unexpectedly.',
    ],
  ],
  // select '{"a"'::text::json
  [
    'cast',
    'json',
    ['text', '{"a"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'The input string ended unexpectedly.',
    ],
  ],
  // select '{'::text::json
  [
    'cast',
    'json',
    ['text', '{'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'The input string ended unexpectedly.',
    ],
  ],
  // select '"\u12'::text::json
  [
    'cast',
    'json',
    ['text', '"\\u12'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token ""\\u12" is invalid.'],
  ],
  // select '"abc\'::text::json
  [
    'cast',
    'json',
    ['text', '"abc\\'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token ""abc\\" is invalid.'],
  ],
  // select '"a\u0009b"'::text::json
  [
    'cast',
    'json',
    ['text', '"a\tb"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Character with value 0x09 must be escaped.',
    ],
  ],
  // select '"a\u000ab"'::text::json
  [
    'cast',
    'json',
    ['text', '"a\nb"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Character with value 0x0a must be escaped.',
    ],
  ],
  // select '[1,\u000a2,\u000a3 x]'::text::json
  [
    'cast',
    'json',
    ['text', '[1,\n2,\n3 x]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "x" is invalid.'],
  ],
  // select '["a" "b"]'::text::json
  [
    'cast',
    'json',
    ['text', '["a" "b"]'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected "," or "]", but found ""b"".',
    ],
  ],
  // select '[true false]'::text::json
  [
    'cast',
    'json',
    ['text', '[true false]'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected "," or "]", but found "false".',
    ],
  ],
  // select '{"a":1 "b"}'::text::json
  [
    'cast',
    'json',
    ['text', '{"a":1 "b"}'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected "," or "}", but found ""b"".',
    ],
  ],
  // select '{"a":1, 2}'::text::json
  [
    'cast',
    'json',
    ['text', '{"a":1, 2}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected string, but found "2".'],
  ],
  // select '{"a"::1}'::text::json
  [
    'cast',
    'json',
    ['text', '{"a"::1}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found ":".'],
  ],
  // select '[:]'::text::json
  [
    'cast',
    'json',
    ['text', '[:]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found ":".'],
  ],
  // select '[,]'::text::json
  [
    'cast',
    'json',
    ['text', '[,]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found ",".'],
  ],
  // select '{,}'::text::json
  [
    'cast',
    'json',
    ['text', '{,}'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected string or "}", but found ",".',
    ],
  ],
  // select '1 ]'::text::json
  [
    'cast',
    'json',
    ['text', '1 ]'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected end of input, but found "]".',
    ],
  ],
  // select '"\ud800"'::text::json
  ['cast', 'json', ['text', '"\\ud800"'], '"\\ud800"'],
  // select '"\u0000"'::text::json
  ['cast', 'json', ['text', '"\\u0000"'], '"\\u0000"'],
  // select '"\udc00"'::text::json
  ['cast', 'json', ['text', '"\\udc00"'], '"\\udc00"'],
  // select '"\ud800\ud800"'::text::json
  ['cast', 'json', ['text', '"\\ud800\\ud800"'], '"\\ud800\\ud800"'],
  // select '"\ud800x"'::text::json
  ['cast', 'json', ['text', '"\\ud800x"'], '"\\ud800x"'],
  // select '"\ud800\n"'::text::json
  ['cast', 'json', ['text', '"\\ud800\\n"'], '"\\ud800\\n"'],
  // select '"\ud800\x"'::text::json
  [
    'cast',
    'json',
    ['text', '"\\ud800\\x"'],
    ['error', '22P02', 'invalid input syntax for type json', 'Escape sequence "\\x" is invalid.'],
  ],
  // select '"\é"'::text::json
  [
    'cast',
    'json',
    ['text', '"\\é"'],
    ['error', '22P02', 'invalid input syntax for type json', 'Escape sequence "\\é" is invalid.'],
  ],
  // select '\u000c1'::text::json
  [
    'cast',
    'json',
    ['text', '\f1'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "\f" is invalid.'],
  ],
  // select '1\u000b'::text::json
  [
    'cast',
    'json',
    ['text', '1\u000b'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "\u000b" is invalid.'],
  ],
  // select '[1,2}'::text::json
  [
    'cast',
    'json',
    ['text', '[1,2}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected "," or "]", but found "}".'],
  ],
  // select '{"a":1]'::text::json
  [
    'cast',
    'json',
    ['text', '{"a":1]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected "," or "}", but found "]".'],
  ],
  // select ']'::text::json
  [
    'cast',
    'json',
    ['text', ']'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found "]".'],
  ],
  // select '}'::text::json
  [
    'cast',
    'json',
    ['text', '}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found "}".'],
  ],
  // select ':'::text::json
  [
    'cast',
    'json',
    ['text', ':'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found ":".'],
  ],
  // select ','::text::json
  [
    'cast',
    'json',
    ['text', ','],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found ",".'],
  ],
  // select '"\u0001"'::text::json
  [
    'cast',
    'json',
    ['text', '"\u0001"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Character with value 0x01 must be escaped.',
    ],
  ],
  // select '[1,2,3,]'::text::json
  [
    'cast',
    'json',
    ['text', '[1,2,3,]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found "]".'],
  ],
  // select '{"a":1,"b"}'::text::json
  [
    'cast',
    'json',
    ['text', '{"a":1,"b"}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected ":", but found "}".'],
  ],
  // select '{"a":1,"b":}'::text::json
  [
    'cast',
    'json',
    ['text', '{"a":1,"b":}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found "}".'],
  ],
  // select '[-]'::text::json
  [
    'cast',
    'json',
    ['text', '[-]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "-" is invalid.'],
  ],
  // select '[--1]'::text::json
  [
    'cast',
    'json',
    ['text', '[--1]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "-" is invalid.'],
  ],
  // select '[1e+]'::text::json
  [
    'cast',
    'json',
    ['text', '[1e+]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "1e+" is invalid.'],
  ],
  // select '[1E-x]'::text::json
  [
    'cast',
    'json',
    ['text', '[1E-x]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "1E-x" is invalid.'],
  ],
  // select '[0x10]'::text::json
  [
    'cast',
    'json',
    ['text', '[0x10]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "0x10" is invalid.'],
  ],
  // select '[1_000]'::text::json
  [
    'cast',
    'json',
    ['text', '[1_000]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "1_000" is invalid.'],
  ],
  // select 'True'::text::json
  [
    'cast',
    'json',
    ['text', 'True'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "True" is invalid.'],
  ],
  // select 'NULL'::text::json
  [
    'cast',
    'json',
    ['text', 'NULL'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "NULL" is invalid.'],
  ],
  // select '1e400'::text::json
  ['cast', 'json', ['text', '1e400'], '1e400'],
  // select '1e-400'::text::json
  ['cast', 'json', ['text', '1e-400'], '1e-400'],
  // select '1e-16383'::text::json
  ['cast', 'json', ['text', '1e-16383'], '1e-16383'],
  // select '1e-16384'::text::json
  ['cast', 'json', ['text', '1e-16384'], '1e-16384'],
  // select '1e131071'::text::json
  ['cast', 'json', ['text', '1e131071'], '1e131071'],
  // select '1e131072'::text::json
  ['cast', 'json', ['text', '1e131072'], '1e131072'],
  // select '0e131072'::text::json
  ['cast', 'json', ['text', '0e131072'], '0e131072'],
  // select '0e-16384'::text::json
  ['cast', 'json', ['text', '0e-16384'], '0e-16384'],
  // select '1e99999999999999999999'::text::json
  ['cast', 'json', ['text', '1e99999999999999999999'], '1e99999999999999999999'],
  // select '1.5e-16383'::text::json
  ['cast', 'json', ['text', '1.5e-16383'], '1.5e-16383'],
  // select '10e131071'::text::json
  ['cast', 'json', ['text', '10e131071'], '10e131071'],
  // select '0.5e131072'::text::json
  ['cast', 'json', ['text', '0.5e131072'], '0.5e131072'],
  // select '[1e999999, x]'::text::json
  [
    'cast',
    'json',
    ['text', '[1e999999, x]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "x" is invalid.'],
  ],
  // select '[1e999999 x]'::text::json
  [
    'cast',
    'json',
    ['text', '[1e999999 x]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "x" is invalid.'],
  ],
  // select '{"a":1,"b":[1,2]}'::text::jsonb
  ['cast', 'jsonb', ['text', '{"a":1,"b":[1,2]}'], '{"a": 1, "b": [1, 2]}'],
  // select ' { "a" : 1 , "b" : [ 1 , 2 ] } '::text::jsonb
  ['cast', 'jsonb', ['text', ' { "a" : 1 , "b" : [ 1 , 2 ] } '], '{"a": 1, "b": [1, 2]}'],
  // select '[]'::text::jsonb
  ['cast', 'jsonb', ['text', '[]'], '[]'],
  // select '{}'::text::jsonb
  ['cast', 'jsonb', ['text', '{}'], '{}'],
  // select '[[]]'::text::jsonb
  ['cast', 'jsonb', ['text', '[[]]'], '[[]]'],
  // select '[{}]'::text::jsonb
  ['cast', 'jsonb', ['text', '[{}]'], '[{}]'],
  // select 'null'::text::jsonb
  ['cast', 'jsonb', ['text', 'null'], 'null'],
  // select 'true'::text::jsonb
  ['cast', 'jsonb', ['text', 'true'], 'true'],
  // select 'false'::text::jsonb
  ['cast', 'jsonb', ['text', 'false'], 'false'],
  // select '0'::text::jsonb
  ['cast', 'jsonb', ['text', '0'], '0'],
  // select '-0'::text::jsonb
  ['cast', 'jsonb', ['text', '-0'], '0'],
  // select '"x"'::text::jsonb
  ['cast', 'jsonb', ['text', '"x"'], '"x"'],
  // select '[1e2, 1.5e1, 1e-2, 1.0e1, -0, -0.0, 1.50, 0.000, 1E+2, 12.34e-1, 0e10, 0.0e-3, 100e-2, -1e-1]'::text::jsonb
  [
    'cast',
    'jsonb',
    [
      'text',
      '[1e2, 1.5e1, 1e-2, 1.0e1, -0, -0.0, 1.50, 0.000, 1E+2, 12.34e-1, 0e10, 0.0e-3, 100e-2, -1e-1]',
    ],
    '[100, 15, 0.01, 10, 0, 0.0, 1.50, 0.000, 100, 1.234, 0, 0.0000, 1.00, -0.1]',
  ],
  // select '123456789012345678901234567890.123456789012345678901'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '123456789012345678901234567890.123456789012345678901'],
    '123456789012345678901234567890.123456789012345678901',
  ],
  // select '-1.5E-7'::text::jsonb
  ['cast', 'jsonb', ['text', '-1.5E-7'], '-0.00000015'],
  // select '1e+2'::text::jsonb
  ['cast', 'jsonb', ['text', '1e+2'], '100'],
  // select '0.1e1'::text::jsonb
  ['cast', 'jsonb', ['text', '0.1e1'], '1'],
  // select '9e-1'::text::jsonb
  ['cast', 'jsonb', ['text', '9e-1'], '0.9'],
  // select '{"bb":1,"a":2,"b":3,"a":4}'::text::jsonb
  ['cast', 'jsonb', ['text', '{"bb":1,"a":2,"b":3,"a":4}'], '{"a": 4, "b": 3, "bb": 1}'],
  // select '{"é":1,"ab":2,"z":3,"":0}'::text::jsonb
  ['cast', 'jsonb', ['text', '{"é":1,"ab":2,"z":3,"":0}'], '{"": 0, "z": 3, "ab": 2, "é": 1}'],
  // select '{"a":{"c":1,"b":2},"a":{"d":3}}'::text::jsonb
  ['cast', 'jsonb', ['text', '{"a":{"c":1,"b":2},"a":{"d":3}}'], '{"a": {"d": 3}}'],
  // select '"\u00e9\n\/\b\f\r\t\u001f\u007f\"\\"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"\\u00e9\\n\\/\\b\\f\\r\\t\\u001f\\u007f\\"\\\\"'],
    '"é\\n/\\b\\f\\r\\t\\u001f\\"\\\\"',
  ],
  // select '"\ud83d\ude00 \u20AC \u00C9"'::text::jsonb
  ['cast', 'jsonb', ['text', '"\\ud83d\\ude00 \\u20AC \\u00C9"'], '"😀 € É"'],
  // select '"é😀€"'::text::jsonb
  ['cast', 'jsonb', ['text', '"é😀€"'], '"é😀€"'],
  // select '"a\u007fb"'::text::jsonb
  ['cast', 'jsonb', ['text', '"ab"'], '"ab"'],
  // select ' \u0009\u000a\u000d 1 \u0009\u000a\u000d '::text::jsonb
  ['cast', 'jsonb', ['text', ' \t\n\r 1 \t\n\r '], '1'],
  // select '[1,\u000a2,\u000a3]'::text::jsonb
  ['cast', 'jsonb', ['text', '[1,\n2,\n3]'], '[1, 2, 3]'],
  // select '{"a":[1,{"b":null}],"c":"d"}'::text::jsonb
  ['cast', 'jsonb', ['text', '{"a":[1,{"b":null}],"c":"d"}'], '{"a": [1, {"b": null}], "c": "d"}'],
  // select 'x'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', 'x'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "x" is invalid.'],
  ],
  // select '[1,2'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[1,2'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'The input string ended unexpectedly.',
    ],
  ],
  // select '[1 2]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[1 2]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected "," or "]", but found "2".'],
  ],
  // select '{"a" 1}'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{"a" 1}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected ":", but found "1".'],
  ],
  // select '{"a":1,}'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{"a":1,}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected string, but found "}".'],
  ],
  // select '{1:2}'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{1:2}'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected string or "}", but found "1".',
    ],
  ],
  // select '01'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '01'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "01" is invalid.'],
  ],
  // select '1.'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '1.'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "1." is invalid.'],
  ],
  // select '1.e5'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '1.e5'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "1.e5" is invalid.'],
  ],
  // select '-'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '-'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "-" is invalid.'],
  ],
  // select '1e'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '1e'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "1e" is invalid.'],
  ],
  // select '1ea'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '1ea'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "1ea" is invalid.'],
  ],
  // select '.5'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '.5'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "." is invalid.'],
  ],
  // select '+1'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '+1'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "+" is invalid.'],
  ],
  // select 'tru'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', 'tru'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "tru" is invalid.'],
  ],
  // select 'trueX'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', 'trueX'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "trueX" is invalid.'],
  ],
  // select 'nul'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', 'nul'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "nul" is invalid.'],
  ],
  // select '[1,]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[1,]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found "]".'],
  ],
  // select ''::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', ''],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'The input string ended unexpectedly.',
    ],
  ],
  // select '  '::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '  '],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'The input string ended unexpectedly.',
    ],
  ],
  // select '"abc'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"abc'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token ""abc" is invalid.'],
  ],
  // select '"\x"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"\\x"'],
    ['error', '22P02', 'invalid input syntax for type json', 'Escape sequence "\\x" is invalid.'],
  ],
  // select '"\u12"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"\\u12"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      '"\\u" must be followed by four hexadecimal digits.',
    ],
  ],
  // select '"\u12zz"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"\\u12zz"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      '"\\u" must be followed by four hexadecimal digits.',
    ],
  ],
  // select '#'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '#'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "#" is invalid.'],
  ],
  // select '$abc'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '$abc'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "$" is invalid.'],
  ],
  // select 'abc_9$é'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', 'abc_9$é'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "abc_9" is invalid.'],
  ],
  // select '[1]]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[1]]'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected end of input, but found "]".',
    ],
  ],
  // select '{"a":1}}'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{"a":1}}'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected end of input, but found "}".',
    ],
  ],
  // select '1 2'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '1 2'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected end of input, but found "2".',
    ],
  ],
  // select '-01'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '-01'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "-01" is invalid.'],
  ],
  // select 'NaN'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', 'NaN'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "NaN" is invalid.'],
  ],
  // select 'Infinity'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', 'Infinity'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "Infinity" is invalid.'],
  ],
  // select 'é'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', 'é'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "é" is invalid.'],
  ],
  // select 'aé$'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', 'aé$'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "aé" is invalid.'],
  ],
  // select '1.5.3'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '1.5.3'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "." is invalid.'],
  ],
  // select '-a'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '-a'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "-a" is invalid.'],
  ],
  // select '{"a" "b"}'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{"a" "b"}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected ":", but found ""b"".'],
  ],
  // select '[1,'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[1,'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'The input string ended unexpectedly.',
    ],
  ],
  // select '{"a":'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{"a":'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'The input string ended unexpectedly.',
    ],
  ],
  // select '{"a"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{"a"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'The input string ended unexpectedly.',
    ],
  ],
  // select '{'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'The input string ended unexpectedly.',
    ],
  ],
  // select '"\u12'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"\\u12'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token ""\\u12" is invalid.'],
  ],
  // select '"abc\'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"abc\\'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token ""abc\\" is invalid.'],
  ],
  // select '"a\u0009b"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"a\tb"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Character with value 0x09 must be escaped.',
    ],
  ],
  // select '"a\u000ab"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"a\nb"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Character with value 0x0a must be escaped.',
    ],
  ],
  // select '[1,\u000a2,\u000a3 x]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[1,\n2,\n3 x]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "x" is invalid.'],
  ],
  // select '["a" "b"]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '["a" "b"]'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected "," or "]", but found ""b"".',
    ],
  ],
  // select '[true false]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[true false]'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected "," or "]", but found "false".',
    ],
  ],
  // select '{"a":1 "b"}'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{"a":1 "b"}'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected "," or "}", but found ""b"".',
    ],
  ],
  // select '{"a":1, 2}'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{"a":1, 2}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected string, but found "2".'],
  ],
  // select '{"a"::1}'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{"a"::1}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found ":".'],
  ],
  // select '[:]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[:]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found ":".'],
  ],
  // select '[,]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[,]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found ",".'],
  ],
  // select '{,}'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{,}'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected string or "}", but found ",".',
    ],
  ],
  // select '1 ]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '1 ]'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Expected end of input, but found "]".',
    ],
  ],
  // select '"\ud800"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"\\ud800"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Unicode low surrogate must follow a high surrogate.',
    ],
  ],
  // select '"\u0000"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"\\u0000"'],
    [
      'error',
      '22P05',
      'unsupported Unicode escape sequence',
      '\\u0000 cannot be converted to text.',
    ],
  ],
  // select '"\udc00"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"\\udc00"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Unicode low surrogate must follow a high surrogate.',
    ],
  ],
  // select '"\ud800\ud800"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"\\ud800\\ud800"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Unicode high surrogate must not follow a high surrogate.',
    ],
  ],
  // select '"\ud800x"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"\\ud800x"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Unicode low surrogate must follow a high surrogate.',
    ],
  ],
  // select '"\ud800\n"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"\\ud800\\n"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Unicode low surrogate must follow a high surrogate.',
    ],
  ],
  // select '"\ud800\x"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"\\ud800\\x"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Unicode low surrogate must follow a high surrogate.',
    ],
  ],
  // select '"\é"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"\\é"'],
    ['error', '22P02', 'invalid input syntax for type json', 'Escape sequence "\\é" is invalid.'],
  ],
  // select '\u000c1'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '\f1'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "\f" is invalid.'],
  ],
  // select '1\u000b'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '1\u000b'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "\u000b" is invalid.'],
  ],
  // select '[1,2}'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[1,2}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected "," or "]", but found "}".'],
  ],
  // select '{"a":1]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{"a":1]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected "," or "}", but found "]".'],
  ],
  // select ']'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', ']'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found "]".'],
  ],
  // select '}'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found "}".'],
  ],
  // select ':'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', ':'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found ":".'],
  ],
  // select ','::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', ','],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found ",".'],
  ],
  // select '"\u0001"'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '"\u0001"'],
    [
      'error',
      '22P02',
      'invalid input syntax for type json',
      'Character with value 0x01 must be escaped.',
    ],
  ],
  // select '[1,2,3,]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[1,2,3,]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found "]".'],
  ],
  // select '{"a":1,"b"}'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{"a":1,"b"}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected ":", but found "}".'],
  ],
  // select '{"a":1,"b":}'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '{"a":1,"b":}'],
    ['error', '22P02', 'invalid input syntax for type json', 'Expected JSON value, but found "}".'],
  ],
  // select '[-]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[-]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "-" is invalid.'],
  ],
  // select '[--1]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[--1]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "-" is invalid.'],
  ],
  // select '[1e+]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[1e+]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "1e+" is invalid.'],
  ],
  // select '[1E-x]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[1E-x]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "1E-x" is invalid.'],
  ],
  // select '[0x10]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[0x10]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "0x10" is invalid.'],
  ],
  // select '[1_000]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[1_000]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "1_000" is invalid.'],
  ],
  // select 'True'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', 'True'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "True" is invalid.'],
  ],
  // select 'NULL'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', 'NULL'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "NULL" is invalid.'],
  ],
  // select '1e400'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '1e400'],
    ['long', 401, '10000000000000000000', '00000000000000000000'],
  ],
  // select '1e-400'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '1e-400'],
    ['long', 402, '0.000000000000000000', '00000000000000000001'],
  ],
  // select '1e-16383'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '1e-16383'],
    ['long', 16385, '0.000000000000000000', '00000000000000000001'],
  ],
  // select '1e-16384'::text::jsonb
  ['cast', 'jsonb', ['text', '1e-16384'], ['error', '22003', 'value overflows numeric format']],
  // select '1e131071'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '1e131071'],
    ['long', 131072, '10000000000000000000', '00000000000000000000'],
  ],
  // select '1e131072'::text::jsonb
  ['cast', 'jsonb', ['text', '1e131072'], ['error', '22003', 'value overflows numeric format']],
  // select '0e131072'::text::jsonb
  ['cast', 'jsonb', ['text', '0e131072'], '0'],
  // select '0e-16384'::text::jsonb
  ['cast', 'jsonb', ['text', '0e-16384'], ['error', '22003', 'value overflows numeric format']],
  // select '1e99999999999999999999'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '1e99999999999999999999'],
    ['error', '22003', 'value overflows numeric format'],
  ],
  // select '1.5e-16383'::text::jsonb
  ['cast', 'jsonb', ['text', '1.5e-16383'], ['error', '22003', 'value overflows numeric format']],
  // select '10e131071'::text::jsonb
  ['cast', 'jsonb', ['text', '10e131071'], ['error', '22003', 'value overflows numeric format']],
  // select '0.5e131072'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '0.5e131072'],
    ['long', 131072, '50000000000000000000', '00000000000000000000'],
  ],
  // select '[1e999999, x]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[1e999999, x]'],
    ['error', '22003', 'value overflows numeric format'],
  ],
  // select '[1e999999 x]'::text::jsonb
  [
    'cast',
    'jsonb',
    ['text', '[1e999999 x]'],
    ['error', '22P02', 'invalid input syntax for type json', 'Token "x" is invalid.'],
  ],
]

function run(type: 'json' | 'jsonb', text: string): string {
  const sqlType = sqlTypes[type]
  const behaviour = behaviourOf(sqlType)
  return behaviour.output(
    behaviour.input(text, sqlType, defaultTypeContext),
    sqlType,
    defaultTypeContext,
  )
}

test('json and jsonb input and output match PostgreSQL', () => {
  for (const [, type, [, text], expected] of cases) {
    const label = `${JSON.stringify(text)}::${type}`
    if (typeof expected === 'string') {
      assert.equal(run(type, text), expected, label)
      continue
    }
    if (expected[0] === 'long') {
      const output = run(type, text)
      assert.equal(output.length, expected[1], label)
      assert.ok(output.startsWith(expected[2]), label)
      assert.ok(output.endsWith(expected[3]), label)
      continue
    }
    assert.throws(
      () => run(type, text),
      (error: unknown) => {
        assert.ok(error instanceof SqlError, label)
        assert.equal(error.code, expected[1], label)
        assert.equal(error.message, expected[2], label)
        assert.equal(error.detail, expected[3], label)
        return true
      },
      label,
    )
  }
})
