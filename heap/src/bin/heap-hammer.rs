//! `heap-hammer`: a small worker the heap's multi-process tests start as real
//! OS processes. Each subcommand opens the env file given on the command
//! line, does its part, prints a result line on stdout and exits 0 (or
//! prints the error on stderr and exits 1).

use evelisp_heap::Decoded;
use evelisp_heap::{Env, EnvOptions, HeapError, Ref, Value, Word};
use std::process::ExitCode;

/// The user root the `count` command keeps its atom in.
const COUNTER_ROOT: usize = 8;
/// The `churn` command starts its collections over at this size.
const CHURN_LIMIT: u64 = 1000;
/// The user root of the `churn` command's vector atom.
const VEC_ROOT: usize = 10;
/// The user root of the `churn` command's map atom.
const MAP_ROOT: usize = 11;
/// The user root the `count` command's start barrier counts in.
const READY_ROOT: usize = 9;
/// The user root of the `runaway` command's live map.
const RUNAWAY_ROOT: usize = 12;

/// `m` with key `k` mapped to its `live-k` string (padded to 40 bytes).
fn live_entry<'e>(env: &'e Env, m: Value<'e>, k: i64) -> Result<Value<'e>, HeapError> {
    let key = env.make_int(k)?;
    let val = env.make_string(&format!("live-{k:<35}"))?;
    env.assoc_owned(m, key.borrowed(), val.borrowed())
}

/// Leaks one piece of garbage, chosen by a xorshift step of `seed`: a
/// list of 64 conses, a string of up to 3 KiB, a vector built by 40
/// conjs (every version leaked), or now and then a string of 16-40 KiB
/// (a large block).
fn leak_some(env: &Env, seed: &mut u64) -> Result<(), HeapError> {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    let r = *seed;
    match r % 16 {
        0..=5 => {
            let mut l = env.make_list(&[])?;
            for i in 0..64 {
                let x = env.make_int(i)?;
                l = env.cons(x.borrowed(), l.borrowed())?;
            }
            std::mem::forget(l);
        }
        6..=10 => {
            let len = (r >> 8) % 3000 + 1;
            std::mem::forget(env.make_string(&"x".repeat(len as usize))?);
        }
        11..=14 => {
            let mut v = env.make_vector(&[])?;
            for i in 0..40 {
                let x = env.make_int(i)?;
                let next = env.conj(v.borrowed(), x.borrowed())?;
                std::mem::forget(std::mem::replace(&mut v, next));
            }
            std::mem::forget(v);
        }
        _ => {
            let len = 16_384 + (r >> 8) % 24_576;
            std::mem::forget(env.make_string(&"y".repeat(len as usize))?);
        }
    }
    Ok(())
}

fn arg<T: std::str::FromStr>(args: &[String], i: usize, what: &str) -> Result<T, String> {
    args.get(i)
        .ok_or_else(|| format!("missing {what}"))?
        .parse()
        .map_err(|_| format!("bad {what}"))
}

fn run(args: &[String]) -> Result<String, String> {
    let cmd = args.get(1).ok_or("usage: heap-hammer CMD PATH ...")?;
    let path = args.get(2).ok_or("missing PATH")?;
    let e = |err: HeapError| err.to_string();
    match cmd.as_str() {
        // Open (creating if missing) and print the env id.
        "open" => {
            let env = Env::open_with(path, &EnvOptions::new().map_size(1 << 30)).map_err(e)?;
            Ok(format!("{:016x}", env.env_id()))
        }
        // Allocate N blocks of mixed sizes, stamp each with this process's
        // id, free half, allocate again, then verify every stamp.
        "alloc" => {
            let n: u64 = arg(args, 3, "N")?;
            let env = Env::open(path).map_err(e)?;
            let me = u64::from(std::process::id());
            let mut live = Vec::new();
            for i in 0..n {
                let b = env.alloc(16 + (i * 37) % 3000).map_err(e)?;
                stamp(&env, b, me, i)?;
                live.push((b, i));
                if i % 2 == 1 {
                    let (old, _) = live.swap_remove((i as usize * 7) % live.len());
                    // SAFETY: `old` came from `alloc` above, was removed from
                    // `live`, and this process never touches it again.
                    unsafe { evelisp_heap::testing::free(&env, old) }.map_err(e)?;
                }
            }
            for &(b, i) in &live {
                verify(&env, b, me, i)?;
            }
            Ok(format!("ok {}", live.len()))
        }
        // Limit this process's file size (RLIMIT_FSIZE) so the disk is
        // "full" at LIMIT bytes, then allocate until the heap says so.
        "fsize" => {
            let limit: u64 = arg(args, 3, "LIMIT")?;
            let rl = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            // SAFETY: plain syscalls with a valid rlimit; ignoring SIGXFSZ
            // makes the kernel return EFBIG instead of killing us.
            unsafe {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                if libc::setrlimit(libc::RLIMIT_FSIZE, &rl) != 0 {
                    return Err("setrlimit failed".into());
                }
            }
            let env = Env::open_with(path, &EnvOptions::new().map_size(1 << 30)).map_err(e)?;
            let mut n = 0u64;
            loop {
                match env.alloc(100_000) {
                    Ok(_) => n += 1,
                    Err(HeapError::EnvFull { reason, .. }) => {
                        return Ok(format!("full {reason:?} after {n} len {}", env.file_len()));
                    }
                    Err(other) => return Err(other.to_string()),
                }
            }
        }
        // Intern symbols h/s0..h/sN in an order that depends on SEED, then
        // print all their offsets in name order.
        "intern" => {
            let n: usize = arg(args, 3, "N")?;
            let seed: usize = arg(args, 4, "SEED")?;
            let env = Env::open(path).map_err(e)?;
            let mut words = vec![0u64; n];
            // A permutation of 0..n when n is a multiple of 10: the
            // multipliers are odd and not multiples of 5.
            let mul = [1, 3, 7, 9, 11, 13][seed % 6];
            for k in 0..n {
                let i = (k * mul + 101 * seed) % n;
                words[i] = env
                    .intern_symbol(Some("h"), &format!("s{i}"))
                    .map_err(e)?
                    .word()
                    .bits();
            }
            Ok(words
                .iter()
                .map(|w| format!("{w:x}"))
                .collect::<Vec<_>>()
                .join(","))
        }
        // THREADS threads each swap `inc` N times on the atom in user root 8
        // (installing it if missing), after a start barrier on root 9 that
        // waits for PROCS processes. Prints the value seen at the end and
        // how many times the swap function ran (runs - N*THREADS = retries).
        "count" => {
            let threads: usize = arg(args, 3, "THREADS")?;
            let n: u64 = arg(args, 4, "N")?;
            let procs: i64 = arg(args, 5, "PROCS")?;
            let env = Env::open(path).map_err(e)?;
            let p = env.participant().map_err(e)?;
            let atom = env
                .root_atom(&p, COUNTER_ROOT, env.make_int(0).map_err(e)?)
                .map_err(e)?;
            let root = env.atom_root(atom.borrowed()).map_err(e)?;
            let ready = env.root(READY_ROOT).map_err(e)?;
            ready
                .swap(&p, |cur| match cur.word().decode() {
                    Decoded::Nil => env.make_int(1),
                    Decoded::Int(i) => env.make_int(i + 1),
                    _ => Err(wrong("ready count", cur)),
                })
                .map_err(e)?;
            while ready.load(&p.pin()).map_err(e)?.word().decode() != Decoded::Int(procs) {
                std::thread::yield_now();
            }
            let runs = std::sync::atomic::AtomicU64::new(0);
            std::thread::scope(|s| {
                let workers: Vec<_> = (0..threads)
                    .map(|_| {
                        s.spawn(|| {
                            // One participant per thread.
                            let p = env.participant()?;
                            for _ in 0..n {
                                root.swap(&p, |cur| {
                                    runs.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                                    match cur.word().decode() {
                                        Decoded::Int(i) => env.make_int(i + 1),
                                        _ => Err(wrong("integer counter", cur)),
                                    }
                                })?;
                            }
                            Ok::<(), HeapError>(())
                        })
                    })
                    .collect();
                for w in workers {
                    w.join()
                        .map_err(|_| "worker panicked".to_string())?
                        .map_err(e)?;
                }
                Ok::<(), String>(())
            })?;
            let last = root.load(&p.pin()).map_err(e)?.word();
            Ok(format!("{:?} runs {}", last.decode(), runs.into_inner()))
        }
        // Reset the atom in user root ROOT to VALUE (a small integer).
        "set" => {
            let index: usize = arg(args, 3, "ROOT")?;
            let value: i64 = arg(args, 4, "VALUE")?;
            let env = Env::open(path).map_err(e)?;
            let p = env.participant().map_err(e)?;
            let root = {
                let g = p.pin();
                let header_root = env.root(index).map_err(e)?;
                let atom = header_root.load(&g).map_err(e)?;
                env.atom_root(atom).map_err(e)?
            };
            let (old, _) = root.swap_vals(&p, |_| env.make_int(value)).map_err(e)?;
            Ok(format!("{:?}", old.word().decode()))
        }
        // Loop forever (until killed): alternately conj the vector's count
        // onto the vector in the atom at root 10, and assoc the map's count
        // to its string in the map in the atom at root 11. Prints "ready"
        // once both atoms exist.
        "churn" => {
            let env = Env::open(path).map_err(e)?;
            let p = env.participant().map_err(e)?;
            let empty_v = env.make_vector(&[]).map_err(e)?;
            let vatom = env.root_atom(&p, VEC_ROOT, empty_v).map_err(e)?;
            let empty_m = env.empty_map().map_err(e)?;
            let matom = env.root_atom(&p, MAP_ROOT, empty_m).map_err(e)?;
            let vroot = env.atom_root(vatom.borrowed()).map_err(e)?;
            let mroot = env.atom_root(matom.borrowed()).map_err(e)?;
            println!("ready");
            loop {
                vroot
                    .swap(&p, |v| {
                        let n = v.count()?;
                        if n >= CHURN_LIMIT {
                            return env.make_vector(&[]);
                        }
                        env.conj(v, env.make_int(n as i64)?.borrowed())
                    })
                    .map_err(e)?;
                mroot
                    .swap(&p, |m| {
                        let n = m.count()?;
                        if n >= CHURN_LIMIT {
                            return env.empty_map();
                        }
                        let k = env.make_int(n as i64)?;
                        let s = env.make_string(&n.to_string())?;
                        env.assoc(m, k.borrowed(), s.borrowed())
                    })
                    .map_err(e)?;
            }
        }
        // A runaway: create PATH with a map size of MAP_MB MiB, store a map
        // of LIVE keys (`k` -> `live-k` padded) in user root RUNAWAY_ROOT,
        // then leak about GARBAGE_MB MiB of lists, strings and vectors (one
        // more live key every 8 MiB of it, so live carves are spread
        // through the garbage), print the map's final key count and die
        // without closing (or print the error and exit 1 if the env fills).
        "runaway" => {
            let map_mb: u64 = arg(args, 3, "MAP_MB")?;
            let live: i64 = arg(args, 4, "LIVE")?;
            let garbage_mb: u64 = arg(args, 5, "GARBAGE_MB")?;
            let env = Env::open_with(path, &EnvOptions::new().map_size(map_mb << 20)).map_err(e)?;
            let p = env.participant().map_err(e)?;
            let root = env.root(RUNAWAY_ROOT).map_err(e)?;
            let mut m = env.empty_hash_map().map_err(e)?;
            for k in 0..live {
                m = live_entry(&env, m, k).map_err(e)?;
            }
            root.reset(&p, m).map_err(e)?;
            let mut keys = live;
            let start = env.carved_len();
            let mut next_live = start + (8 << 20);
            let mut seed = 0x9E37_79B9_7F4A_7C15u64;
            while env.carved_len() < start + (garbage_mb << 20) {
                leak_some(&env, &mut seed).map_err(e)?;
                if env.carved_len() >= next_live {
                    next_live += 8 << 20;
                    let m = root.get(&p).map_err(e)?;
                    root.reset(&p, live_entry(&env, m, keys).map_err(e)?)
                        .map_err(e)?;
                    keys += 1;
                }
            }
            println!("{keys}");
            std::process::abort();
        }
        // Open (waiting, with a notice on stderr after a second, while
        // another process sweeps), check, and print `healthy` or the
        // number of findings.
        "open-check" => {
            fn notice(path: &std::path::Path) {
                eprintln!("waiting for {}", path.display());
            }
            let env = Env::open_with(path, &EnvOptions::new().on_wait(notice)).map_err(e)?;
            let r = env.check().map_err(e)?;
            if r.is_healthy() {
                Ok(format!("healthy {}", r.stats.unreachable_bytes))
            } else {
                Ok(format!("{} findings: {:?}", r.findings.len(), r.findings))
            }
        }
        // Leave garbage (unreachable vectors) and die without closing.
        "leak" => {
            let env = Env::open(path).map_err(e)?;
            for i in 0..100 {
                let x = env.make_int(i).map_err(e)?;
                // Garbage on purpose: nothing owns the vector's count.
                std::mem::forget(env.make_vector(&[x.borrowed()]).map_err(e)?);
            }
            std::process::abort();
        }
        // Read element 0 (warm-up), then element INDEX of the vector in user
        // root ROOT, and print the resident set size (pages, from
        // /proc/self/statm) before and after the second read.
        "nth" => {
            let index: usize = arg(args, 3, "ROOT")?;
            let i: u64 = arg(args, 4, "INDEX")?;
            let env = Env::open(path).map_err(e)?;
            let p = env.participant().map_err(e)?;
            let g = p.pin();
            let header_root = env.root(index).map_err(e)?;
            let v = header_root.load(&g).map_err(e)?;
            // Warm up: fault in this code path and the vector's root.
            v.nth(0).map_err(e)?;
            let before = resident_pages()?;
            let x = v.nth(i).map_err(e)?;
            let after = resident_pages()?;
            Ok(format!("{before} {after} {:?}", x.word().decode()))
        }
        // Attach a participant, pin, retire the value of root ROOT (replaced
        // by nil) and die holding the pin.
        "pin-and-die" => {
            let index: usize = arg(args, 3, "ROOT")?;
            let env = Env::open(path).map_err(e)?;
            let p = env.participant().map_err(e)?;
            let _guard = p.pin();
            // The displaced value is retired through `p`.
            env.root(index)
                .map_err(e)?
                .reset(&p, Value::nil(&env))
                .map_err(e)?;
            println!("slot {}", p.slot());
            std::process::abort();
        }
        // N swaps with reclamation on the map atom in root ROOT (installed
        // if missing): assoc a pseudo-random key of 0..KEYS to a fresh string.
        "retire-churn" => {
            let index: usize = arg(args, 3, "ROOT")?;
            let n: u64 = arg(args, 4, "N")?;
            let keys: u64 = arg(args, 5, "KEYS")?;
            let mut x: u64 = arg::<u64>(args, 6, "SEED")? | 1;
            let env = Env::open(path).map_err(e)?;
            let p = env.participant().map_err(e)?;
            let empty = env.empty_map().map_err(e)?;
            let atom = env.root_atom(&p, index, empty).map_err(e)?;
            let root = env.atom_root(atom.borrowed()).map_err(e)?;
            for _ in 0..n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let k = Ref::immediate(&env, Word::fixnum((x % keys) as i64).ok_or("key")?)
                    .ok_or("key")?;
                // `swap` retires the displaced map through `p`.
                root.swap(&p, |m| {
                    let s = env.make_string(&x.to_string())?;
                    env.assoc(m, k, s.borrowed())
                })
                .map_err(e)?;
            }
            Ok(format!("ok {}", env.epoch()))
        }
        // Checkpoint with [1 2 3] in the atom at root 8 and :before interned,
        // then put [4 5 6] there, intern :after and namespace `late`, print
        // the two keywords' words and die without closing.
        "checkpoint-crash" => {
            let env = Env::open(path).map_err(e)?;
            let p = env.participant().map_err(e)?;
            let v = ints(&env, &[1, 2, 3]).map_err(e)?;
            let atom = env.root_atom(&p, COUNTER_ROOT, v).map_err(e)?;
            let before = env.intern_keyword(None, "before").map_err(e)?;
            env.checkpoint(&p).map_err(e)?;
            env.atom_root(atom.borrowed())
                .map_err(e)?
                .reset(&p, ints(&env, &[4, 5, 6]).map_err(e)?)
                .map_err(e)?;
            let after = env.intern_keyword(None, "after").map_err(e)?;
            let late = env.intern_symbol(None, "late").map_err(e)?;
            env.namespace(&p, late.borrowed()).map_err(e)?;
            println!("{:x} {:x}", before.word().bits(), after.word().bits());
            std::process::abort();
        }
        // An object array at root 8 holding a long array [1 2 3] and the
        // string "kept"; checkpoint; then store 99 into the long array and
        // a string made after the checkpoint into the object array, and
        // abort (an unclean exit: the tests then simulate an OS crash).
        "array-checkpoint-crash" => {
            use evelisp_heap::{ArrayElem, ArrayType};
            let env = Env::open(path).map_err(e)?;
            let p = env.participant().map_err(e)?;
            let nil = Value::nil(&env);
            let longs = env
                .make_array(ArrayType::Long, 3, nil.borrowed())
                .map_err(e)?;
            for (j, x) in [1, 2, 3].into_iter().enumerate() {
                env.array_set_prim(longs.borrowed(), j as u64, ArrayElem::Long(x))
                    .map_err(e)?;
            }
            let objs = env
                .make_array(ArrayType::Object, 2, nil.borrowed())
                .map_err(e)?;
            env.array_set(&p, objs.borrowed(), 0, longs.clone())
                .map_err(e)?;
            let kept = env.make_string("kept").map_err(e)?;
            env.array_set(&p, objs.borrowed(), 1, kept).map_err(e)?;
            env.root(COUNTER_ROOT)
                .map_err(e)?
                .reset(&p, objs.clone())
                .map_err(e)?;
            env.checkpoint(&p).map_err(e)?;
            env.array_set_prim(longs.borrowed(), 1, ArrayElem::Long(99))
                .map_err(e)?;
            let late = env.make_string(&"late".repeat(64)).map_err(e)?;
            env.array_set(&p, objs.borrowed(), 1, late).map_err(e)?;
            println!("done");
            std::process::abort();
        }
        // Open, print "opened", store a vector (unpublished), print
        // "closing", close and print "closed": markers for a trace of the
        // file syncs at open and at close.
        "open-store-close" => {
            let env = Env::open_with(path, &EnvOptions::new().map_size(1 << 30)).map_err(e)?;
            println!("opened");
            let v = ints(&env, &[1, 2, 3]).map_err(e)?;
            println!("closing");
            drop(v);
            drop(env);
            Ok("closed".to_string())
        }
        // Checkpoint with [1 2 3] in the atom at root 8, then put [4 5 6]
        // there, and close with every file sync failing (a seccomp filter
        // makes `fdatasync`/`fsync` return EIO): a close that cannot make
        // the heap durable. Prints "closed", or "no-seccomp" (and closes
        // normally) where the filter cannot be installed.
        "close-unsynced" => {
            let env = Env::open_with(path, &EnvOptions::new().map_size(1 << 30)).map_err(e)?;
            let p = env.participant().map_err(e)?;
            let atom = env
                .root_atom(&p, COUNTER_ROOT, ints(&env, &[1, 2, 3]).map_err(e)?)
                .map_err(e)?;
            env.checkpoint(&p).map_err(e)?;
            env.atom_root(atom.borrowed())
                .map_err(e)?
                .reset(&p, ints(&env, &[4, 5, 6]).map_err(e)?)
                .map_err(e)?;
            drop(atom);
            drop(p);
            let filtered = fail_file_syncs();
            drop(env);
            Ok(if filtered { "closed" } else { "no-seccomp" }.to_string())
        }
        // Check the file (opened as found, without recovery) and print the
        // number of findings and the stats.
        "check" => {
            let env = Env::open_with(path, &EnvOptions::new().recover(false)).map_err(e)?;
            let r = env.check().map_err(e)?;
            Ok(format!("findings {} {:?}", r.findings.len(), r.stats))
        }
        other => Err(format!("unknown command {other}")),
    }
}

/// A vector of small integers.
fn ints<'e>(env: &'e Env, items: &[i64]) -> Result<Value<'e>, HeapError> {
    let items = items
        .iter()
        .map(|&i| env.make_int(i))
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<Ref<'_>> = items.iter().map(Value::borrowed).collect();
    env.make_vector(&refs)
}

/// The error a swap function gives for a value of the wrong kind.
fn wrong(expected: &'static str, found: Ref<'_>) -> HeapError {
    HeapError::WrongKind {
        expected,
        found: format!("{found:?}"),
    }
}

/// Installs a seccomp filter on this (single-threaded) process that makes
/// every `fdatasync` and `fsync` fail with EIO. `false` if the kernel
/// refuses the filter.
fn fail_file_syncs() -> bool {
    let eio = libc::SECCOMP_RET_ERRNO | libc::EIO as u32;
    let ins = |code: u32, jt: u8, jf: u8, k: u32| libc::sock_filter {
        code: code as u16,
        jt,
        jf,
        k,
    };
    let mut prog = [
        // The system call number (offset 0 of `seccomp_data`).
        ins(libc::BPF_LD | libc::BPF_W | libc::BPF_ABS, 0, 0, 0),
        ins(
            libc::BPF_JMP | libc::BPF_JEQ | libc::BPF_K,
            2,
            0,
            libc::SYS_fdatasync as u32,
        ),
        ins(
            libc::BPF_JMP | libc::BPF_JEQ | libc::BPF_K,
            1,
            0,
            libc::SYS_fsync as u32,
        ),
        ins(libc::BPF_RET | libc::BPF_K, 0, 0, libc::SECCOMP_RET_ALLOW),
        ins(libc::BPF_RET | libc::BPF_K, 0, 0, eio),
    ];
    let fprog = libc::sock_fprog {
        len: prog.len() as u16,
        filter: prog.as_mut_ptr(),
    };
    // SAFETY: plain prctl calls; `fprog` points at `prog`, a valid filter
    // program that outlives the call (the kernel copies it).
    unsafe {
        libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0
            && libc::prctl(
                libc::PR_SET_SECCOMP,
                libc::SECCOMP_MODE_FILTER,
                &fprog as *const libc::sock_fprog,
            ) == 0
    }
}

fn stamp(env: &Env, b: evelisp_heap::Block, me: u64, i: u64) -> Result<(), String> {
    let words = b.size() / 8;
    for w in 0..words {
        // SAFETY: `b` was allocated by this process and is private to it.
        unsafe {
            evelisp_heap::testing::store_word(env, b.offset + 8 * w, me << 32 | i)
                .map_err(|x| x.to_string())?
        };
    }
    Ok(())
}

fn verify(env: &Env, b: evelisp_heap::Block, me: u64, i: u64) -> Result<(), String> {
    for w in 0..b.size() / 8 {
        let v =
            evelisp_heap::testing::load_word(env, b.offset + 8 * w).map_err(|x| x.to_string())?;
        if v != me << 32 | i {
            return Err(format!(
                "block {:#x} word {w} overwritten: {v:#x}",
                b.offset
            ));
        }
    }
    Ok(())
}

/// Resident pages of this process (second field of `/proc/self/statm`).
fn resident_pages() -> Result<u64, String> {
    let statm = std::fs::read_to_string("/proc/self/statm").map_err(|x| x.to_string())?;
    statm
        .split_whitespace()
        .nth(1)
        .and_then(|f| f.parse().ok())
        .ok_or_else(|| "bad statm".to_string())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    match run(&args) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("heap-hammer: {msg}");
            ExitCode::FAILURE
        }
    }
}
