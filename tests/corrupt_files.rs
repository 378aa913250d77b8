//! Guarantee 5 for env files (issue 14, item 5): a damaged env file gives a
//! clear refusal, never a crash or a hang.
//!
//! A small env is made by the real `evelisp` binary (a fn, a vector, an
//! atom holding a string, a bigint, a list, maps and an unrealized lazy seq
//! that calls the fn through its var), checkpointed once, and closed. Then
//! more than 200 damaged copies are written — header fields, sealed sizes,
//! truncations, the epoch, free-list heads, root words, the participant
//! table, object headers, lengths and counts, child offsets, cycles,
//! checkpoint records and snapshots — and on a fresh copy of each the
//! binary runs three times:
//!
//! 1. `-e` an expression that uses everything the user defined,
//! 2. `env check`,
//! 3. `-e` a read (`pr-str` of the value) of every atom of every namespace.
//!
//! Each run must exit with status 1 (not 0, not a signal, not 101), say why
//! (stderr; for `env check` its findings on stdout count), print no panic
//! text (`panicked`, `RUST_BACKTRACE`, or the CLI's `internal error`, which
//! is how a caught panic is reported), and end within [`TIMEOUT`] (the
//! child is killed otherwise: a hang fails the test).
//!
//! Every variant damages something the three runs meet: the user's objects
//! are all reachable from the atom (the lazy seq reaches `f`'s var, fn and
//! code when it is realized), and damage the runs would not meet (a count
//! that is only too high, a slot of the participant table nobody reads) is
//! not written. The undamaged file passes all three runs (the control), so
//! every assertion here can fail.
//!
//! Offsets come from `evelisp::heap::testing`'s constants and from walking
//! the undamaged env with the heap's API, never from hard-coded numbers.

#![allow(clippy::unwrap_used)] // test code: a failed setup step should stop the test

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use evelisp::heap::testing::{
    self, CHECKPOINT_RECORD, CLASS_COUNT, HEADER_LEN, MAX_EPOCH, OFF_BOOT_ID, OFF_BUMP,
    OFF_CHECKPOINTS, OFF_CHECKSUM, OFF_CLEAN, OFF_ENV_ID, OFF_EPOCH, OFF_FILE_LEN, OFF_FREE_HEADS,
    OFF_PARTICIPANTS, OFF_ROOTS, PAGE_SIZE, PARTICIPANT_COUNT, PARTICIPANT_SLOT, ROOT_INTERN,
    ROOT_NAMESPACES, class_size,
};
use evelisp::heap::{Env, EnvOptions, Participant, Ref, Value};

/// Longest a run may take; a slower one is killed and fails the test.
const TIMEOUT: Duration = Duration::from_secs(20);

/// What the undamaged env holds.
const SETUP: &str = r#"
(defn f [x] (* x 3))
(def v (vec (range 40)))
(def a (atom {:v v
              :s "a string that is longer than a word or two"
              :n 123456789012345678901234567890N
              :l '(1 2 3 4 5)
              :lazy (map #(f %) v)
              :m {:x 1 :y [1 2]}
              :big (zipmap (range 20) (range 20))}))
nil
"#;

/// Run 1: uses everything the user defined.
const USE_ALL: &str = "(f (+ (hash @a) (count (pr-str v @a)) (if (= @a (assoc @a :z 1)) 1 0)))";

/// Run 3: reads every atom of every namespace.
const READ_ATOMS: &str = "(count (doall (for [n (all-ns) [_ x] (ns-interns n) \
     :when (bound? x) :let [y @x] :when (instance? clojure.lang.Atom y)] (pr-str @y))))";

/// How a run of the binary ended.
struct Outcome {
    code: Option<i32>,
    timed_out: bool,
    stdout: String,
    stderr: String,
}

impl Outcome {
    fn describe(&self) -> String {
        format!(
            "exit {:?}{}\n--- stdout\n{}--- stderr\n{}",
            self.code,
            if self.timed_out {
                " (killed: timeout)"
            } else {
                ""
            },
            tail(&self.stdout),
            tail(&self.stderr),
        )
    }
}

/// The end of a long output (a failure message stays readable).
fn tail(s: &str) -> &str {
    let mut start = s.len().saturating_sub(2000);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Runs `evelisp args` with its data home in `home`, killing it after
/// [`TIMEOUT`].
fn evelisp(home: &Path, args: &[&str]) -> Outcome {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evelisp"))
        .args(args)
        .env("XDG_DATA_HOME", home)
        .env("EVELISP_MAP_SIZE", "64M")
        .env_remove("EVELISP_ENV")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("evelisp starts");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        String::from_utf8_lossy(&s).into_owned()
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        String::from_utf8_lossy(&s).into_owned()
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for evelisp") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            timed_out = true;
            let _ = child.kill();
            break child.wait().expect("reap evelisp");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    Outcome {
        code: status.code(),
        timed_out,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn get_u64(b: &[u8], off: u64) -> u64 {
    let o = off as usize;
    u64::from_ne_bytes(b[o..o + 8].try_into().unwrap())
}

/// Offsets of the undamaged env's objects, found by walking it.
#[derive(Debug, Default)]
struct Targets {
    /// `(name, offset)` of every object the damage goes to.
    objects: Vec<(&'static str, u64)>,
    atom: u64,
    atom_map: u64,
    vector: u64,
    vec_root: u64,
    vec_tail: u64,
    string: u64,
    bigint: u64,
    cells: Vec<u64>,
    lazy: u64,
    big_map: u64,
    big_root: u64,
    small_map: u64,
    fn_f: u64,
    code_f: u64,
    var_a: u64,
    var_f: u64,
    user_ns: u64,
    snapshot: u64,
    /// Classes whose free list is not empty.
    free_classes: Vec<usize>,
    /// Participant slots holding a retire list.
    retire_slots: Vec<usize>,
}

fn off(r: Ref<'_>) -> u64 {
    r.word().as_object().expect("an object")
}

fn name_of(r: Ref<'_>) -> String {
    r.symbol_parts().unwrap().1.to_string()
}

/// Looks up entry `key` (a symbol's or keyword's name) of map `m`.
fn entry<'a>(m: Ref<'a>, key: &str) -> Ref<'a> {
    for e in m.entries().unwrap() {
        let (k, v) = e.unwrap();
        if name_of(k) == key {
            return v;
        }
    }
    panic!("no entry {key}")
}

fn find_targets(path: &Path) -> Targets {
    let env = Env::open_with(path, &EnvOptions::new().create(false).recover(false)).unwrap();
    let p: Participant<'_> = env.participant().unwrap();
    let mut t = Targets::default();
    let word = |o: u64, i: u64| testing::load_word(&env, o + 8 + 8 * i).unwrap();
    let user = env
        .all_namespaces(&p)
        .unwrap()
        .into_iter()
        .find(|ns| name_of(env.namespace_name(ns.borrowed()).unwrap()) == "user")
        .expect("namespace user");
    t.user_ns = off(user.borrowed());
    let mappings: Value<'_> = env
        .namespace_mappings(user.borrowed())
        .unwrap()
        .get(&p)
        .unwrap();
    let var_a = entry(mappings.borrowed(), "a");
    let var_f = entry(mappings.borrowed(), "f");
    t.var_a = off(var_a);
    t.var_f = off(var_f);
    let atom = env.var_root(var_a).unwrap().get(&p).unwrap();
    t.atom = off(atom.borrowed());
    let map = env.atom_root(atom.borrowed()).unwrap().get(&p).unwrap();
    let m = map.borrowed();
    t.atom_map = off(m);
    t.vector = off(entry(m, "v"));
    t.vec_root = word(t.vector, 2);
    t.vec_tail = word(t.vector, 3);
    t.string = off(entry(m, "s"));
    t.bigint = off(entry(m, "n"));
    let mut cell = entry(m, "l");
    while cell.word().as_object().is_some() {
        t.cells.push(off(cell));
        cell = cell.rest().unwrap();
    }
    t.lazy = off(entry(m, "lazy"));
    t.small_map = off(entry(m, "m"));
    t.big_map = off(entry(m, "big"));
    t.big_root = word(t.big_map, 1);
    let f = env.var_root(var_f).unwrap().get(&p).unwrap();
    t.fn_f = off(f.borrowed());
    let (code, _, _) = env.fn_parts(f.borrowed()).unwrap();
    t.code_f = off(code);
    t.objects = vec![
        ("atom", t.atom),
        ("atom's map", t.atom_map),
        ("vector", t.vector),
        ("vector root node", t.vec_root),
        ("vector tail", t.vec_tail),
        ("string", t.string),
        ("bigint", t.bigint),
        ("list head", t.cells[0]),
        ("list cell 3", t.cells[2]),
        ("lazy seq", t.lazy),
        ("small map", t.small_map),
        ("hash map", t.big_map),
        ("hash map root", t.big_root),
        ("fn f", t.fn_f),
        ("code of f", t.code_f),
        ("var a", t.var_a),
        ("var f", t.var_f),
    ];
    drop((f, map, atom, mappings, user, p));
    drop(env);
    let bytes = std::fs::read(path).unwrap();
    let snapshot = get_u64(&bytes, OFF_CHECKPOINTS + CHECKPOINT_RECORD + 8);
    t.snapshot = snapshot;
    t.free_classes = (0..CLASS_COUNT)
        .filter(|&c| get_u64(&bytes, OFF_FREE_HEADS + 8 * c as u64) & ((1 << 40) - 1) != 0)
        .collect();
    t.retire_slots = (0..PARTICIPANT_COUNT)
        .filter(|&s| get_u64(&bytes, slot_field(s, 2)) != 0)
        .collect();
    t
}

/// Offset of field `i` (0 owner pid, 1 pinned epoch, 2 retire list) of
/// participant slot `slot`.
fn slot_field(slot: usize, i: u64) -> u64 {
    OFF_PARTICIPANTS + PARTICIPANT_SLOT * slot as u64 + 8 * i
}

/// One damaged copy: a name, word stores, and maybe a new length.
#[derive(Clone)]
struct Variant {
    name: String,
    stores: Vec<(u64, u64)>,
    bytes: Vec<(u64, u8)>,
    truncate: Option<u64>,
}

impl Variant {
    fn new(name: impl Into<String>) -> Self {
        Variant {
            name: name.into(),
            stores: Vec::new(),
            bytes: Vec::new(),
            truncate: None,
        }
    }
    fn store(mut self, at: u64, v: u64) -> Self {
        self.stores.push((at, v));
        self
    }
    fn byte(mut self, at: u64, v: u8) -> Self {
        self.bytes.push((at, v));
        self
    }
    fn truncate(mut self, len: u64) -> Self {
        self.truncate = Some(len);
        self
    }
    fn apply(&self, base: &[u8]) -> Vec<u8> {
        let mut b = base.to_vec();
        for &(at, v) in &self.stores {
            b[at as usize..at as usize + 8].copy_from_slice(&v.to_ne_bytes());
        }
        for &(at, v) in &self.bytes {
            b[at as usize] = v;
        }
        if let Some(len) = self.truncate {
            b.truncate(len as usize);
        }
        b
    }
}

/// A packed free-list head naming `off` (tag 1).
fn free_head(off: u64) -> u64 {
    1 << 40 | off >> 4
}

/// The checksum of checkpoint record `{seq, snapshot, end}` in a file of
/// env id `env_id` (as `heap/src/checkpoint.rs` computes it).
fn record_sum(seq: u64, snapshot: u64, end: u64, env_id: u64) -> u64 {
    let mut b = Vec::new();
    for v in [seq, snapshot, end, env_id] {
        b.extend_from_slice(&v.to_ne_bytes());
    }
    testing::checksum(&b)
}

/// Stores that make the file look left by an OS crash (unclean, another
/// boot's id), so the next `-e` open restores the newest checkpoint.
fn os_crash(v: Variant) -> Variant {
    v.store(OFF_CLEAN, 0).store(OFF_BOOT_ID, 0x0bad_b007)
}

/// Checkpoint record 1 (the only one written) forged with a valid checksum.
fn forged_record(base: &[u8], name: &str, seq: u64, snapshot: u64, end: u64) -> Variant {
    let env_id = get_u64(base, OFF_ENV_ID);
    let at = OFF_CHECKPOINTS + CHECKPOINT_RECORD;
    os_crash(Variant::new(name))
        .store(at, seq)
        .store(at + 8, snapshot)
        .store(at + 16, end)
        .store(at + 24, record_sum(seq, snapshot, end, env_id))
}

fn variants(base: &[u8], t: &Targets) -> Vec<Variant> {
    let mut out = Vec::new();
    let file_len = testing::unseal(get_u64(base, OFF_FILE_LEN)).unwrap();
    let bump = testing::unseal(get_u64(base, OFF_BUMP)).unwrap();
    let beyond = file_len + 16 * PAGE_SIZE;
    let word = |o: u64, i: u64| get_u64(base, o + 8 + 8 * i);
    let class_of = |o: u64| (get_u64(base, o) >> 8 & 0xFF) as usize;

    // Header: one flipped bit in each byte of the fixed fields.
    for byte in 0..OFF_CHECKSUM + 8 {
        let bit = byte % 8;
        let v = base[byte as usize] ^ (1 << bit);
        out.push(Variant::new(format!("header byte {byte} bit {bit}")).byte(byte, v));
    }
    // Sealed sizes: flipped bits, and sealed values the file cannot have.
    for (field, at) in [("file length", OFF_FILE_LEN), ("bump pointer", OFF_BUMP)] {
        for bit in [0, 5, 11, 12, 20, 33, 47, 63] {
            out.push(
                Variant::new(format!("{field} bit {bit}")).store(at, get_u64(base, at) ^ 1 << bit),
            );
        }
    }
    out.push(Variant::new("file length past the disk").store(OFF_FILE_LEN, testing::seal(beyond)));
    out.push(
        Variant::new("file length inside the header")
            .store(OFF_FILE_LEN, testing::seal(HEADER_LEN - PAGE_SIZE)),
    );
    out.push(
        Variant::new("bump pointer past the file length")
            .store(OFF_BUMP, testing::seal(file_len + PAGE_SIZE)),
    );
    out.push(Variant::new("bump pointer zero").store(OFF_BUMP, 0));
    // Truncated files.
    for len in [
        0,
        7,
        100,
        PAGE_SIZE,
        HEADER_LEN - 8,
        HEADER_LEN,
        file_len / 2,
        file_len - PAGE_SIZE,
    ] {
        out.push(Variant::new(format!("truncated to {len} bytes")).truncate(len));
    }
    // The epoch word.
    for e in [
        MAX_EPOCH,
        MAX_EPOCH + 12345,
        1 << 63,
        u64::MAX - 1,
        u64::MAX,
    ] {
        out.push(Variant::new(format!("epoch {e:#x}")).store(OFF_EPOCH, e));
    }
    // Free-list heads: past the carved heap, inside the header, at a live
    // object, at the middle of a block.
    for &c in t.free_classes.iter().take(6) {
        let at = OFF_FREE_HEADS + 8 * c as u64;
        out.push(Variant::new(format!("free head {c} past the bump")).store(at, free_head(bump)));
        out.push(
            Variant::new(format!("free head {c} inside the header"))
                .store(at, free_head(HEADER_LEN - PAGE_SIZE)),
        );
        out.push(Variant::new(format!("free head {c} at the atom")).store(at, free_head(t.atom)));
        out.push(
            Variant::new(format!("free head {c} at the vector's tail"))
                .store(at, free_head(t.vec_tail)),
        );
    }
    // Root words of the namespace and intern tables.
    for (root, name) in [
        (ROOT_NAMESPACES, "namespaces"),
        (ROOT_INTERN, "intern table"),
    ] {
        let at = OFF_ROOTS + 8 * root as u64;
        for (what, w) in [
            ("a small integer", 3),
            ("past the file", beyond),
            ("misaligned", get_u64(base, at) + 8),
            ("the vector", t.vector),
            ("the atom", t.atom),
        ] {
            out.push(Variant::new(format!("root {name} -> {what}")).store(at, w));
        }
    }
    // Object headers.
    for &(name, o) in &t.objects {
        let h = get_u64(base, o);
        for kind in [0u64, 0x7F, 0xFF] {
            out.push(
                Variant::new(format!("{name}: kind byte {kind:#x}")).store(o, h & !0xFF | kind),
            );
        }
        out.push(
            Variant::new(format!("{name}: size class {CLASS_COUNT}"))
                .store(o, h & !0xFF00 | (CLASS_COUNT as u64) << 8),
        );
        out.push(Variant::new(format!("{name}: size class 0xff")).store(o, h | 0xFF00));
        out.push(Variant::new(format!("{name}: a carve header")).store(o, 0xCA4E_D0C5_0000_0000));
    }
    // Counts taken by whoever reads the value.
    for (name, o) in [("atom's map", t.atom_map), ("fn f", t.fn_f)] {
        let h = get_u64(base, o);
        out.push(Variant::new(format!("{name}: count 0")).store(o, h & 0xFFFF_FFFF));
    }
    // Lengths: bounded by their own block, not the file end.
    let str_meta = word(t.string, 0);
    let block = |o: u64| class_size(class_of(o));
    for len in [block(t.string) - 15, 1 << 20, u64::from(u32::MAX)] {
        out.push(
            Variant::new(format!("string length {len}"))
                .store(t.string + 8, str_meta & !0xFFFF_FFFF | len),
        );
    }
    let big_meta = word(t.bigint, 0);
    for len in [block(t.bigint) - 15, 1 << 30, u64::MAX >> 8] {
        out.push(
            Variant::new(format!("bigint length {len}"))
                .store(t.bigint + 8, big_meta & 0xFF | len << 8),
        );
    }
    for len in [block(t.code_f) - 39, 1 << 30, u64::MAX] {
        out.push(Variant::new(format!("code length {len}")).store(t.code_f + 8 + 16, len));
    }
    // Collection counts and shapes.
    for (what, i, w) in [
        ("count + 1", 0, 41),
        ("count 2^40", 0, 1 << 40),
        ("count max", 0, u64::MAX),
        ("shift 3", 1, 3),
        ("shift 64", 1, 64),
        ("shift max", 1, u64::MAX),
    ] {
        out.push(Variant::new(format!("vector {what}")).store(t.vector + 8 + 8 * i, w));
    }
    for (name, o) in [
        ("vector root node", t.vec_root),
        ("vector tail", t.vec_tail),
    ] {
        for len in [33, 1 << 40, u64::MAX] {
            out.push(Variant::new(format!("{name} length {len}")).store(o + 8, len));
        }
    }
    for len in [9, 1 << 40, u64::MAX] {
        out.push(Variant::new(format!("small map count {len}")).store(t.small_map + 8, len));
    }
    for bits in [u64::MAX, 0xFFFF_FFFF, 0xFFFF_FFFF_0000_0000] {
        out.push(
            Variant::new(format!("hash map root bitmaps {bits:#x}")).store(t.big_root + 8, bits),
        );
    }
    for (i, &c) in t.cells.iter().enumerate() {
        let count = word(c, 2);
        out.push(Variant::new(format!("list cell {i} count + 1")).store(c + 8 + 16, count + 1));
        out.push(Variant::new(format!("list cell {i} count max")).store(c + 8 + 16, u64::MAX));
        out.push(Variant::new(format!("list cell {i} tail -> itself")).store(c + 8 + 8, c));
        out.push(
            Variant::new(format!("list cell {i} tail -> the head")).store(c + 8 + 8, t.cells[0]),
        );
        out.push(
            Variant::new(format!("list cell {i} tail -> itself, count kept"))
                .store(c + 8 + 8, c)
                .store(c + 8 + 16, 1),
        );
    }
    // Child offsets: past the file, misaligned, inside the header; in
    // slots that only one kind may fill, also another kind and the object
    // itself (a cycle). A slot that may hold any value (an atom's, a
    // var's, a map's value) is not given a string or a cycle there: those
    // are values a sound file can hold (`(reset! a a)`, `(def g #'g)`).
    let big_meta = word(t.big_root, 0);
    let big_child = 1 + 2 * u64::from((big_meta as u32).count_ones());
    let mut slots = vec![
        ("atom value", t.atom + 8, None),
        ("var a root", t.var_a + 8 + 16, None),
        ("var f root", t.var_f + 8 + 16, None),
        ("small map value 1", t.small_map + 8 + 16, None),
        ("vector root", t.vector + 8 + 16, Some(t.vector)),
        ("vector tail", t.vector + 8 + 24, Some(t.vector)),
        ("vector root node slot 0", t.vec_root + 16, Some(t.vec_root)),
        ("hash map root", t.big_map + 16, Some(t.big_map)),
        ("fn code", t.fn_f + 8, Some(t.fn_f)),
        ("code body", t.code_f + 8, None),
        ("lazy seq thunk", t.lazy + 8, Some(t.lazy)),
        ("namespace mappings", t.user_ns + 16, Some(t.user_ns)),
        ("list cell 2 first", t.cells[2] + 8, None),
    ];
    if big_meta >> 32 != 0 {
        let at = t.big_root + 8 + 8 * big_child;
        slots.push(("hash map node child", at, Some(t.big_root)));
    }
    for (name, at, typed) in slots {
        let w = get_u64(base, at);
        let mut bad = vec![
            ("past the file", beyond),
            ("misaligned", w.max(HEADER_LEN) | 8),
            ("inside the header", OFF_ROOTS),
        ];
        if let Some(itself) = typed {
            bad.extend([("a string", t.string), ("itself", itself)]);
        }
        for (what, bad) in bad {
            out.push(Variant::new(format!("{name} -> {what}")).store(at, bad));
        }
    }
    // A map that contains itself: no sound file holds one (objects are
    // immutable once published), and reading it must not go on forever.
    out.push(
        Variant::new("small map value 1 -> the map itself")
            .store(t.small_map + 8 + 16, t.small_map),
    );
    out.push(
        Variant::new("atom's map value 1 -> the map itself").store(t.atom_map + 8 + 16, t.atom_map),
    );
    // Checkpoint records (valid checksums, bad content) and the snapshot,
    // each on a file left by an OS crash so that opening restores it.
    let at = OFF_CHECKPOINTS + CHECKPOINT_RECORD;
    let (seq, snap, end) = (
        get_u64(base, at),
        get_u64(base, at + 8),
        get_u64(base, at + 16),
    );
    for (what, s, e) in [
        ("snapshot -> the atom", t.atom, end),
        ("snapshot -> the vector", t.vector, end),
        ("snapshot past the file", beyond, end),
        ("snapshot misaligned", snap + 8, end),
        ("end past the file", snap, beyond),
        ("end before the snapshot", snap, HEADER_LEN),
        ("end zero", snap, 0),
    ] {
        out.push(forged_record(
            base,
            &format!("checkpoint record: {what}"),
            seq,
            s,
            e,
        ));
    }
    out.push(forged_record(
        base,
        "checkpoint record: seq max",
        u64::MAX,
        snap,
        end,
    ));
    let cells = word(t.snapshot, 0);
    for (what, n) in [
        ("count + 1 past its block", block(t.snapshot) / 16),
        ("count 2^60", 1 << 60),
        ("count overflowing 16 + 16n", u64::MAX / 8),
        ("count max", u64::MAX),
    ] {
        out.push(
            os_crash(Variant::new(format!("snapshot {what}")))
                .store(t.snapshot + 8, n.max(cells + 1)),
        );
    }
    for (what, cell) in [
        ("past the file", beyond),
        ("misaligned", HEADER_LEN + 4),
        ("inside the header", OFF_EPOCH),
    ] {
        out.push(
            os_crash(Variant::new(format!("snapshot cell 0 at an offset {what}")))
                .store(t.snapshot + 16, cell),
        );
    }
    out
}

/// Damage to the participant table: a dead slot's retire list (adopted, and
/// its entries released, by the next opener) pointing past the file, at a
/// misaligned offset, or at an object that is not a retire batch.
fn retire_list_variants(base: &[u8], t: &Targets) -> Vec<Variant> {
    let file_len = testing::unseal(get_u64(base, OFF_FILE_LEN)).unwrap();
    let beyond = file_len + 16 * PAGE_SIZE;
    let mut out = Vec::new();
    for &s in t.retire_slots.iter().take(2) {
        let at = slot_field(s, 2);
        for (what, w) in [
            ("past the file", beyond),
            ("misaligned", get_u64(base, at) + 8),
            ("the atom", t.atom),
            ("the vector", t.vector),
        ] {
            out.push(Variant::new(format!("slot {s} retire list -> {what}")).store(at, w));
        }
    }
    out
}

/// What is wrong with a run's outcome, if anything.
fn refusal_problem(o: &Outcome, reason_on_stdout: bool) -> Option<&'static str> {
    let text = format!("{}{}", o.stdout, o.stderr);
    if o.timed_out {
        return Some("hung (killed after the timeout)");
    }
    if text.contains("panicked") || text.contains("RUST_BACKTRACE") {
        return Some("printed panic text");
    }
    if text.contains("internal error") {
        return Some("panicked (reported as an internal error)");
    }
    match o.code {
        None => return Some("killed by a signal"),
        Some(1) => {}
        Some(0) => return Some("accepted the damaged file (exit 0)"),
        Some(_) => return Some("exit status other than 1"),
    }
    let reason = if reason_on_stdout { &text } else { &o.stderr };
    if reason.trim().is_empty() {
        return Some("no reason given");
    }
    if !reason.contains("damaged.eve") {
        return Some("the reason does not name the env file");
    }
    None
}

/// The three runs on fresh copies of `bytes`, each in `dir`.
fn three_runs(dir: &Path, bytes: &[u8]) -> [Outcome; 3] {
    let file = dir.join("damaged.eve");
    let f = path_str(&file);
    let run = |args: &[&str]| {
        std::fs::write(&file, bytes).unwrap();
        evelisp(dir, args)
    };
    [
        run(&["--env", f, "-e", USE_ALL]),
        run(&["env", "check", f]),
        run(&["--env", f, "-e", READ_ATOMS]),
    ]
}

fn make_base(dir: &Path) -> PathBuf {
    let base = dir.join("base.eve");
    let b = path_str(&base);
    let made = evelisp(dir, &["--env", b, "-e", SETUP]);
    assert_eq!(made.code, Some(0), "setup: {}", made.describe());
    let cp = evelisp(dir, &["env", "checkpoint", b]);
    assert_eq!(cp.code, Some(0), "checkpoint: {}", cp.describe());
    base
}

/// Makes the undamaged env in `dir`: its bytes and what is where.
fn setup(dir: &Path) -> (Vec<u8>, Targets) {
    let base_path = make_base(dir);
    let targets = find_targets(&base_path);
    (std::fs::read(&base_path).unwrap(), targets)
}

/// Runs the three runs on every variant; the failures, described.
fn failures(dir: &Path, base: &[u8], variants: &[Variant]) -> Vec<String> {
    let mut failures = Vec::new();
    for v in variants {
        let runs = three_runs(dir, &v.apply(base));
        for (i, o) in runs.iter().enumerate() {
            if let Some(problem) = refusal_problem(o, i == 1) {
                failures.push(format!(
                    "{} / run {} ({}): {problem}\n{}",
                    v.name,
                    i + 1,
                    ["-e", "env check", "read atoms"][i],
                    o.describe()
                ));
            }
        }
    }
    failures
}

#[test]
fn damaged_env_files_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (base, targets) = setup(dir.path());
    let variants = variants(&base, &targets);
    assert!(variants.len() >= 200, "only {} variants", variants.len());

    // Controls: the undamaged file, and the same file as an OS crash left
    // it (restored from its checkpoint), pass every run.
    for control in [
        Variant::new("undamaged"),
        os_crash(Variant::new("os crash")),
    ] {
        let runs = three_runs(dir.path(), &control.apply(&base));
        for (i, o) in runs.iter().enumerate() {
            assert_eq!(
                (o.code, o.timed_out),
                (Some(0), false),
                "control {:?}, run {}: {}",
                control.name,
                i + 1,
                o.describe()
            );
        }
        assert!(runs[1].stdout.contains("healthy"), "{}", runs[1].describe());
    }

    let failures = failures(dir.path(), &base, &variants);
    assert!(
        failures.is_empty(),
        "{} of {} runs on {} variants were not a clean refusal:\n\n{}",
        failures.len(),
        3 * variants.len(),
        variants.len(),
        failures.join("\n\n")
    );
}

/// The participant table's retire lists: a list left by a participant
/// that is gone must start at a retire batch (checked at open), and every
/// batch is type-checked when a list is walked or adopted.
#[test]
fn damaged_retire_lists_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let (base, targets) = setup(dir.path());
    let variants = retire_list_variants(&base, &targets);
    assert!(!variants.is_empty(), "no retire list to damage");
    let failures = failures(dir.path(), &base, &variants);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
