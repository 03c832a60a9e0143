// The peers, in the order their columns appear; bkg-db first, since ratios are relative to it.
import { betterSqlite3Peer } from './better-sqlite3.mjs'
import { bkgDbPeer } from './bkg-db.mjs'
import { pgLitePeer } from './pglite.mjs'
import { postgresPeer } from './postgres.mjs'

export const peers = [bkgDbPeer, betterSqlite3Peer, pgLitePeer, postgresPeer]
