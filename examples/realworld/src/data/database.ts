import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

/** The injection token of the app's open SQLite database. */
export const DATABASE = Symbol('realworld:database');

/** The better-sqlite3 connection type, under a name the repositories share. */
export type Sqlite = Database.Database;

/**
 * Opens (or creates) the database at `file`, `':memory:'` for one that lives
 * as long as the process, and brings its schema up to date.
 */
export function openDatabase(file: string): Sqlite {
  const db = new Database(file);

  // WAL lets readers run while a write commits; an in-memory database has
  // no journal file, and SQLite keeps it in 'memory' mode whatever we ask.
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  // SQLite ships with foreign keys off, per connection, for compatibility.
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');

  migrate(db);
  return db;
}

function migrate(db: Sqlite): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  const pending = MIGRATIONS.slice(applied);
  if (pending.length === 0) return;

  db.transaction(() => {
    for (const sql of pending) db.exec(sql);
    // PRAGMA takes no bound parameters; the value is a number we computed.
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}
