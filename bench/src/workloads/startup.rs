//! Workload 5, Startup and open: `evelisp -e nil` on an existing env and on a fresh
//! one (whose first open installs the core library), a 100-line script from
//! process start to its printed result beside Python, nbb and JVM Clojure,
//! and opening an env file of at least 1 GiB and reading one var. Timed by hyperfine when installed
//! (`-N`, no shell), else by repeated runs here; `/bin/true` and
//! `python3 -c pass` measured the same way give the floor of starting a
//! process on this machine.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::ctx::{Ctx, log};
use crate::report::{Better, Group, Outcome, Row, Section};
use crate::stats::Summary;

/// evelisp's row name.
pub const EVELISP: &str = "evelisp";
/// The group of `-e nil` on an existing env.
pub const EXISTING: &str = "-e nil, existing env";
/// The group of `-e nil` on a fresh env.
pub const FRESH: &str = "-e nil, fresh env (first open installs the core library)";

/// The group of the 100-line script.
pub const SCRIPT: &str = "a 100-line script, process start to printed result";

/// At least this many bytes make the big env.
pub const BIG: u64 = 1 << 30;

/// How to time a command.
struct Timer<'a> {
    ctx: &'a Ctx,
    runs: usize,
}

impl Timer<'_> {
    /// Times `argv` `runs` times (after warm-ups), removing `fresh` before each run
    /// when given; returns each run's milliseconds.
    fn time(&self, argv: &[String], fresh: Option<&Path>) -> Result<Vec<f64>> {
        match &self.ctx.peers.hyperfine {
            Ok(h) => self.hyperfine(&h.path, argv, fresh),
            Err(_) => self.by_hand(argv, fresh),
        }
    }

    fn hyperfine(
        &self,
        hyperfine: &Path,
        argv: &[String],
        fresh: Option<&Path>,
    ) -> Result<Vec<f64>> {
        if argv
            .iter()
            .any(|a| a.contains(char::is_whitespace) || a.contains('\''))
        {
            return self.by_hand(argv, fresh);
        }
        let json = self.ctx.scratch_path("hyperfine.json");
        let mut c = Command::new(hyperfine);
        c.args([
            "-N",
            "--style",
            "none",
            "--warmup",
            "3",
            "--runs",
            &self.runs.to_string(),
        ]);
        c.arg("--export-json").arg(&json);
        if let Some(f) = fresh {
            c.arg("--prepare").arg(format!("rm -f {}", f.display()));
        }
        c.arg(argv.join(" "));
        let out = c.stdout(Stdio::null()).output()?;
        if !out.status.success() {
            bail!(
                "hyperfine failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json)?)?;
        let times = v["results"][0]["times"]
            .as_array()
            .context("hyperfine JSON without times")?;
        times
            .iter()
            .map(|t| {
                t.as_f64()
                    .map(|s| s * 1000.0)
                    .context("a time is not a number")
            })
            .collect()
    }

    fn by_hand(&self, argv: &[String], fresh: Option<&Path>) -> Result<Vec<f64>> {
        let (prog, args) = argv.split_first().context("empty command")?;
        let mut times = Vec::new();
        for i in 0..self.runs + 10 {
            if let Some(f) = fresh {
                let _ = std::fs::remove_file(f);
            }
            let t = Instant::now();
            let st = Command::new(prog)
                .args(args)
                .stdout(Stdio::null())
                .status()?;
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            if !st.success() {
                bail!("{} failed ({st})", argv.join(" "));
            }
            if i >= 10 {
                times.push(ms);
            }
        }
        Ok(times)
    }
}

fn outcome(label: &str, r: Result<Vec<f64>>) -> Outcome {
    match r {
        Ok(t) => {
            let o = Summary::of(&t)
                .map(Outcome::Measured)
                .unwrap_or_else(|| Outcome::Failed("no runs".into()));
            if let Outcome::Measured(s) = &o {
                log(&format!(
                    "{label}: {:.2} ms (median of {})",
                    s.median, s.count
                ));
            }
            o
        }
        Err(e) => Outcome::Failed(format!("{e:#}")),
    }
}

/// Builds (once, kept in `bench/.scratch/`) an env file of at least 1 GiB
/// whose `user/x` is 42: 1,100 distinct strings of 1 MiB in a vector.
fn big_env(ctx: &Ctx) -> Result<(PathBuf, u64)> {
    let env = ctx.scratch_path("big.eve");
    let len = std::fs::metadata(&env).map(|m| m.len()).unwrap_or(0);
    if len >= BIG && ctx.evelisp_eval(&env, "x").ok().as_deref() == Some("42") {
        return Ok((env, len));
    }
    let _ = std::fs::remove_file(&env);
    log("building a ≥1 GiB env file (once; kept in bench/.scratch/big.eve)");
    ctx.evelisp_eval(
        &env,
        "(def x 42) \
         (def big (let [s (loop [s \"x\"] (if (< (count s) 1048576) (recur (str s s)) s))] \
                    (vec (map (fn [i] (str i s)) (range 1100))))) \
         nil",
    )?;
    let len = std::fs::metadata(&env)?.len();
    if len < BIG {
        bail!("the big env file is only {len} bytes");
    }
    Ok((env, len))
}

/// What `argv` prints (its stdout, trimmed); an error when it fails.
fn printed(argv: &[String]) -> Result<String> {
    let (prog, args) = argv.split_first().context("empty command")?;
    let out = Command::new(prog).args(args).output()?;
    if !out.status.success() {
        bail!(
            "{} failed ({}): {}",
            argv.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The 100-line script (`scripts/script100.{clj,py}`) by evelisp on an
/// existing env, Python 3, nbb and JVM Clojure: each peer's printed result
/// checked equal to evelisp's, then timed as whole processes.
fn script_group(ctx: &Ctx, timer: &Timer<'_>, existing: &Path) -> Group {
    let clj = ctx.script("script100.clj").display().to_string();
    let eve = vec![
        ctx.evelisp.display().to_string(),
        "--env".into(),
        existing.display().to_string(),
        clj.clone(),
    ];
    let want = printed(&eve);
    let checked = |label: &str, argv: Vec<String>, t: &Timer<'_>| -> Outcome {
        let got = printed(&argv);
        match (&want, got) {
            (Ok(w), Ok(g)) if *w != g => Outcome::Failed(format!("printed {g:?}, evelisp {w:?}")),
            (_, Err(e)) => Outcome::Failed(format!("{e:#}")),
            _ => outcome(label, t.time(&argv, None)),
        }
    };
    let mut g = Group::new(SCRIPT);
    g.rows.push(Row::subject(
        EVELISP,
        checked("script evelisp", eve.clone(), timer),
    ));
    let peer = |tool: &Result<crate::peers::Tool, crate::peers::Skip>,
                label: &str,
                script: String,
                t: &Timer<'_>| match tool {
        Ok(tool) => checked(label, vec![tool.path.display().to_string(), script], t),
        Err(skip) => Outcome::Skipped(skip.reason.clone()),
    };
    let py = ctx.script("script100.py").display().to_string();
    g.rows.push(Row::peer(
        "Python 3",
        peer(&ctx.peers.python, "script python3", py, timer),
    ));
    g.rows.push(Row::peer(
        "nbb (SCI on Node.js)",
        peer(&ctx.peers.nbb, "script nbb", clj.clone(), timer),
    ));
    // The JVM takes a second or more per run: fewer runs.
    let jvm_timer = Timer {
        ctx,
        runs: ctx.size(10, 3) as usize,
    };
    g.rows.push(Row::peer(
        "JVM Clojure",
        peer(&ctx.peers.clojure, "script clojure", clj, &jvm_timer),
    ));
    g
}

/// Runs the startup workload.
pub fn run(ctx: &Ctx) -> Section {
    let mut s = Section::new("startup", "5. Startup and open", "time (ms)", Better::Lower);
    let timer = Timer {
        ctx,
        runs: ctx.size(40, 10) as usize,
    };
    let eve = ctx.evelisp.display().to_string();
    let existing = ctx.scratch_path("startup.eve");
    let fresh = ctx.scratch_path("startup-fresh.eve");
    let _ = std::fs::remove_file(&existing);
    let mut g = Group::new(EXISTING);
    g.rows.push(Row::subject(
        EVELISP,
        match ctx.evelisp_eval(&existing, "nil") {
            Ok(_) => outcome(
                "startup existing",
                timer.time(
                    &[
                        eve.clone(),
                        "--env".into(),
                        existing.display().to_string(),
                        "-e".into(),
                        "nil".into(),
                    ],
                    None,
                ),
            ),
            Err(e) => Outcome::Failed(format!("{e:#}")),
        },
    ));
    g.rows.push(Row::peer(
        "python3 -c pass",
        match &ctx.peers.python {
            Ok(py) => outcome(
                "python3 -c pass",
                timer.time(
                    &[py.path.display().to_string(), "-c".into(), "pass".into()],
                    None,
                ),
            ),
            Err(skip) => Outcome::Skipped(skip.reason.clone()),
        },
    ));
    g.rows.push(Row::context(
        "/bin/true (the cost of any process)",
        outcome("/bin/true", timer.time(&["/bin/true".into()], None)),
    ));
    s.groups.push(g);
    s.groups.push(script_group(ctx, &timer, &existing));
    let mut g = Group::new(FRESH);
    let fresh_runs = Timer {
        ctx,
        runs: ctx.size(15, 5) as usize,
    };
    g.rows.push(Row::subject(
        EVELISP,
        outcome(
            "startup fresh",
            fresh_runs.time(
                &[
                    eve.clone(),
                    "--env".into(),
                    fresh.display().to_string(),
                    "-e".into(),
                    "nil".into(),
                ],
                Some(&fresh),
            ),
        ),
    ));
    s.groups.push(g);
    match big_env(ctx) {
        Ok((env, len)) => {
            let mut g = Group::new(format!(
                "open a {:.2} GB env file, read one var (-e x)",
                len as f64 / 1e9
            ));
            g.rows.push(Row::subject(
                EVELISP,
                outcome(
                    "big env",
                    timer.time(
                        &[
                            eve,
                            "--env".into(),
                            env.display().to_string(),
                            "-e".into(),
                            "x".into(),
                        ],
                        None,
                    ),
                ),
            ));
            s.groups.push(g);
        }
        Err(e) => {
            let mut g = Group::new("open a ≥1 GiB env file, read one var (-e x)");
            g.rows
                .push(Row::subject(EVELISP, Outcome::Failed(format!("{e:#}"))));
            s.groups.push(g);
        }
    }
    s.notes.push(format!(
        "Wall time of whole processes ({}; {} runs after 10 warm-ups, fresh env: {} runs, each on a \
         new file; the JVM's run of the 100-line script: {} runs). Each figure's range is over those \
         runs. The 100-line script (`bench/scripts/script100.clj`, the same file for evelisp, nbb \
         and the JVM; `script100.py` for Python) parses, groups, sorts and formats a small \
         inventory; every peer's printed result was checked equal to evelisp's.",
        if ctx.peers.hyperfine.is_ok() {
            "hyperfine -N"
        } else {
            "timed by the bench, hyperfine not installed"
        },
        timer.runs,
        fresh_runs.runs,
        ctx.size(10, 3)
    ));
    s
}
