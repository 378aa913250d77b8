//! SQLite (bundled by `rusqlite`) in WAL mode with `synchronous=NORMAL` (no
//! fsync per commit, as evelisp does none before a checkpoint): a counter
//! row updated by one `UPDATE` per transaction, and `SELECT` by primary key.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use rusqlite::{Connection, params};

use crate::harness::{self, Rng};

fn open(path: &Path) -> Result<Connection> {
    let c = Connection::open(path)?;
    c.busy_timeout(Duration::from_secs(30))?;
    c.query_row("PRAGMA journal_mode=WAL", [], |_| Ok(()))?;
    c.execute_batch("PRAGMA synchronous=NORMAL;")?;
    Ok(c)
}

fn remove(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// A new database at `path` with the counter row at 0.
pub fn create_counter(path: &Path) -> Result<()> {
    remove(path);
    let c = open(path)?;
    c.execute_batch(
        "CREATE TABLE c (id INTEGER PRIMARY KEY, v INTEGER NOT NULL); INSERT INTO c VALUES (0, 0);",
    )?;
    Ok(())
}

/// The counter's value.
pub fn read_counter(path: &Path) -> Result<u64> {
    let c = open(path)?;
    Ok(c.query_row("SELECT v FROM c WHERE id = 0", [], |r| r.get::<_, i64>(0))? as u64)
}

/// Worker: N transactions of one `UPDATE c SET v = v + 1`.
pub fn incr_worker(path: &Path, n: u64) -> Result<()> {
    let c = open(path)?;
    let mut stmt = c.prepare("UPDATE c SET v = v + 1 WHERE id = 0")?;
    harness::ready_go()?;
    for _ in 0..n {
        stmt.execute([])?;
    }
    harness::done(&[])
}

/// A new database at `path` with the table `kv` of keys `0..k` (value = key).
pub fn load(path: &Path, k: u64) -> Result<()> {
    remove(path);
    let mut c = open(path)?;
    c.execute_batch("CREATE TABLE kv (k INTEGER PRIMARY KEY, v INTEGER NOT NULL);")?;
    let tx = c.transaction()?;
    {
        let mut stmt = tx.prepare("INSERT INTO kv VALUES (?1, ?1)")?;
        for i in 0..k {
            stmt.execute(params![i as i64])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Worker: N `SELECT v FROM kv WHERE k = ?` of random keys; prints their sum.
pub fn get_worker(path: &Path, n: u64, k: u64, seed: u64) -> Result<()> {
    let c = open(path)?;
    let mut stmt = c.prepare("SELECT v FROM kv WHERE k = ?1")?;
    let mut rng = Rng::new(seed);
    harness::ready_go()?;
    let mut sum = 0i64;
    for _ in 0..n {
        sum += stmt.query_row(params![rng.below(k) as i64], |r| r.get::<_, i64>(0))?;
    }
    harness::done(&[format!("sum {sum}")])
}
