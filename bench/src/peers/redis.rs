//! Redis: a `redis-server` on a free loopback port, started by the bench and
//! killed when dropped (no persistence: `--save '' --appendonly no`), and the
//! native workers (`INCR`, `GET` plain and pipelined) on the `redis` crate's
//! synchronous client.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::{Skip, Tool, locate as locate_tool};
use crate::harness::{self, Rng};

/// Locates `redis-server`.
pub fn locate() -> Result<Tool, Skip> {
    locate_tool(
        "Redis",
        "redis-server",
        &["--version"],
        "apt-get install redis-server",
    )
}

/// A running `redis-server`, stopped on drop.
#[derive(Debug)]
pub struct Server {
    child: Child,
    /// Its loopback port.
    pub port: u16,
}

impl Server {
    /// Starts `redis-server` on a free port of 127.0.0.1 and waits until it answers.
    pub fn start(tool: &Tool) -> Result<Server> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let child = Command::new(&tool.path)
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .args(["--daemonize", "no", "--protected-mode", "yes"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start redis-server")?;
        let server = Server { child, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(mut c) = server.connect() {
                if redis::cmd("PING").query::<String>(&mut c).is_ok() {
                    return Ok(server);
                }
            }
            if Instant::now() > deadline {
                bail!("redis-server did not answer on port {port} within 10 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A new connection.
    pub fn connect(&self) -> Result<redis::Connection> {
        connect(self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn connect(port: u16) -> Result<redis::Connection> {
    let client = redis::Client::open(format!("redis://127.0.0.1:{port}/"))?;
    Ok(client.get_connection()?)
}

/// Sets the counter key to 0.
pub fn reset_counter(server: &Server) -> Result<()> {
    let mut c = server.connect()?;
    redis::cmd("SET").arg("c").arg(0).query::<()>(&mut c)?;
    Ok(())
}

/// The counter's value.
pub fn read_counter(server: &Server) -> Result<u64> {
    let mut c = server.connect()?;
    Ok(redis::cmd("GET").arg("c").query::<u64>(&mut c)?)
}

/// Loads keys `0..k` with the value = key, in pipelines of 10,000.
pub fn load(server: &Server, k: u64) -> Result<()> {
    let mut c = server.connect()?;
    redis::cmd("FLUSHALL").query::<()>(&mut c)?;
    let mut i = 0;
    while i < k {
        let mut p = redis::pipe();
        for j in i..(i + 10_000).min(k) {
            p.cmd("SET").arg(j).arg(j).ignore();
        }
        p.query::<()>(&mut c)?;
        i += 10_000;
    }
    Ok(())
}

/// Worker: N `INCR c`, one round trip each.
pub fn incr_worker(port: u16, n: u64) -> Result<()> {
    let mut c = connect(port)?;
    harness::ready_go()?;
    for _ in 0..n {
        redis::cmd("INCR").arg("c").query::<u64>(&mut c)?;
    }
    harness::done(&[])
}

/// Worker: N `GET` of random keys in `0..k`, in pipelines of `pipe` commands
/// (1: one round trip each); prints the sum of the values.
pub fn get_worker(port: u16, n: u64, k: u64, pipe: u64, seed: u64) -> Result<()> {
    let mut c = connect(port)?;
    let mut rng = Rng::new(seed);
    harness::ready_go()?;
    let mut sum = 0u64;
    let mut done = 0;
    while done < n {
        let batch = pipe.min(n - done);
        if batch == 1 {
            sum += redis::cmd("GET").arg(rng.below(k)).query::<u64>(&mut c)?;
        } else {
            let mut p = redis::pipe();
            for _ in 0..batch {
                p.cmd("GET").arg(rng.below(k));
            }
            let vals: Vec<u64> = p.query(&mut c)?;
            sum += vals.iter().sum::<u64>();
        }
        done += batch;
    }
    harness::done(&[format!("sum {sum}")])
}
