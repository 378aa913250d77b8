//! LMDB (the `lmdb-rkv` binding, which builds liblmdb from source), opened
//! with `NO_SYNC` (no fsync per commit, as evelisp does none before a
//! checkpoint): one write transaction per increment, and `get` in a read
//! transaction per lookup (reset and renewed, LMDB's cheap way).

use std::path::Path;

use anyhow::{Context, Result};
use lmdb::{Cursor as _, Database, Environment, EnvironmentFlags, Transaction, WriteFlags};

use crate::harness::{self, Rng};

/// The binding's name and the liblmdb version it bundles.
pub fn version() -> String {
    "liblmdb 0.9 (lmdb-rkv 0.14, bundled)".to_string()
}

fn open(dir: &Path) -> Result<(Environment, Database)> {
    std::fs::create_dir_all(dir)?;
    let env = Environment::new()
        .set_flags(EnvironmentFlags::NO_SYNC)
        .set_map_size(1 << 31)
        .set_max_readers(126)
        .open(dir)
        .with_context(|| format!("cannot open LMDB env {}", dir.display()))?;
    let db = env.open_db(None)?;
    Ok((env, db))
}

fn fresh(dir: &Path) -> Result<(Environment, Database)> {
    let _ = std::fs::remove_dir_all(dir);
    open(dir)
}

const COUNTER: &[u8] = b"c";

/// A new environment in `dir` with the counter at 0.
pub fn create_counter(dir: &Path) -> Result<()> {
    let (env, db) = fresh(dir)?;
    let mut tx = env.begin_rw_txn()?;
    tx.put(db, &COUNTER, &0u64.to_le_bytes(), WriteFlags::empty())?;
    tx.commit()?;
    Ok(())
}

fn as_u64(bytes: &[u8]) -> Result<u64> {
    Ok(u64::from_le_bytes(
        bytes.try_into().context("value is not 8 bytes")?,
    ))
}

/// The counter's value.
pub fn read_counter(dir: &Path) -> Result<u64> {
    let (env, db) = open(dir)?;
    let tx = env.begin_ro_txn()?;
    as_u64(tx.get(db, &COUNTER)?)
}

/// Worker: N write transactions, each reading the counter and putting it + 1.
pub fn incr_worker(dir: &Path, n: u64) -> Result<()> {
    let (env, db) = open(dir)?;
    harness::ready_go()?;
    for _ in 0..n {
        let mut tx = env.begin_rw_txn()?;
        let v = as_u64(tx.get(db, &COUNTER)?)?;
        tx.put(db, &COUNTER, &(v + 1).to_le_bytes(), WriteFlags::empty())?;
        tx.commit()?;
    }
    harness::done(&[])
}

/// A new environment in `dir` with keys `0..k` (8-byte big-endian) → value = key.
pub fn load(dir: &Path, k: u64) -> Result<()> {
    let (env, db) = fresh(dir)?;
    let mut tx = env.begin_rw_txn()?;
    for i in 0..k {
        tx.put(db, &i.to_be_bytes(), &i.to_le_bytes(), WriteFlags::APPEND)?;
    }
    tx.commit()?;
    let tx = env.begin_ro_txn()?;
    let n = tx.open_ro_cursor(db)?.iter().count();
    anyhow::ensure!(n as u64 == k, "LMDB holds {n} keys, not {k}");
    Ok(())
}

/// Worker: N `get`s of random keys, each in its own (renewed) read transaction; prints their sum.
pub fn get_worker(dir: &Path, n: u64, k: u64, seed: u64) -> Result<()> {
    let (env, db) = open(dir)?;
    let mut rng = Rng::new(seed);
    let mut idle = Some(env.begin_ro_txn()?.reset());
    harness::ready_go()?;
    let mut sum = 0u64;
    for _ in 0..n {
        let tx = idle.take().context("no read transaction")?.renew()?;
        sum += as_u64(tx.get(db, &rng.below(k).to_be_bytes())?)?;
        idle = Some(tx.reset());
    }
    harness::done(&[format!("sum {sum}")])
}
