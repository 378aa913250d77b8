//! Java arrays (`Kind::Array`): the heap's one mutable collection.
//!
//! Layout (payload words after the header):
//! - word 0: element type ([`ArrayType`], bits 0..8) `| length << 8`;
//! - word 1: the component class of an object array — an interned symbol
//!   (`java.lang.String`, `[I`, ...; immortal, so never counted) or nil
//!   for `java.lang.Object` — and nil for a primitive array;
//! - then the elements, from byte 24 of the object, each at its natural
//!   alignment: `i64`/`f64` (8 bytes), `i32`/`f32`/char (4; a char is a
//!   Unicode scalar value), `i16` (2), `i8`/boolean (1), or a value word
//!   (8) for an object array. The block holds `24 + len * size` bytes
//!   rounded up to a word, all zeroed at creation (0 is nil, false, `\0`
//!   and zero in every type).
//!
//! **Memory ordering.** Element reads and writes are plain, as Java's
//! (no lock, no ordering with other elements), but each is one aligned
//! atomic access of the element's own width, Relaxed for a primitive
//! element: a 64-bit element (`long`, `double`) is never torn, and a
//! store made by any process is seen by every process on the file as soon
//! as its CPU's store buffer drains (cache coherence; there is no
//! happens-before with the writer's other stores). An object element is
//! stored with a Release exchange and loaded with Acquire, so the value
//! it names is seen fully written.
//!
//! **Ownership.** An object array owns one count of every element. A
//! store ([`Env::array_set`]) hands the stored value's count to the array
//! and *retires* the displaced element through the caller's
//! [`Participant`] (as a root does), never releasing it at once: a reader
//! in any process that loaded it under a pin keeps reading it safely until
//! its pin ends. A read ([`Ref::array_get`]) loads the element under a pin
//! and takes a count of it before the pin ends. Primitive arrays refer to
//! nothing. An array is an identity object: equal only to itself, hashed
//! by its offset, never changed in place by a persistent update (no
//! persistent operation takes one), and read by `check`, the live walk and
//! checkpoints as a set of mutable cells (`live_walk.rs`,
//! `checkpoint.rs`). An array that holds itself (or a cycle of arrays)
//! is never freed by counting; the next sweep frees it if unreachable.

use crate::env::Env;
use crate::epoch::Participant;
use crate::error::{HeapError, Result};
use crate::handle::{Ref, Value};
use crate::object_header::{HEADER_BYTES, Kind};
use crate::word::{Decoded, Word};
use std::sync::atomic::Ordering;

/// Byte offset of the first element from the start of the object.
const ELEMENTS: u64 = HEADER_BYTES + 16;

/// The most elements an array may have: HotSpot's limit (a longer one is
/// its "Requested array size exceeds VM limit").
pub const MAX_ARRAY_LEN: u64 = i32::MAX as u64 - 2;

/// The element type of an array. Discriminants are stored in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ArrayType {
    /// Value words (`Object[]`, `String[]`, ...).
    Object = 0,
    /// `long[]`.
    Long = 1,
    /// `double[]`.
    Double = 2,
    /// `int[]`.
    Int = 3,
    /// `float[]`.
    Float = 4,
    /// `short[]`.
    Short = 5,
    /// `byte[]`.
    Byte = 6,
    /// `char[]` (Unicode scalar values).
    Char = 7,
    /// `boolean[]`.
    Boolean = 8,
}

impl ArrayType {
    /// The type stored as `b`, if any.
    pub fn from_u8(b: u8) -> Option<ArrayType> {
        Some(match b {
            0 => ArrayType::Object,
            1 => ArrayType::Long,
            2 => ArrayType::Double,
            3 => ArrayType::Int,
            4 => ArrayType::Float,
            5 => ArrayType::Short,
            6 => ArrayType::Byte,
            7 => ArrayType::Char,
            8 => ArrayType::Boolean,
            _ => return None,
        })
    }

    /// Bytes of one element.
    pub fn elem_bytes(self) -> u64 {
        match self {
            ArrayType::Object | ArrayType::Long | ArrayType::Double => 8,
            ArrayType::Int | ArrayType::Float | ArrayType::Char => 4,
            ArrayType::Short => 2,
            ArrayType::Byte | ArrayType::Boolean => 1,
        }
    }

    /// The Java primitive name (`long`, ...), `None` for an object array.
    pub fn primitive_name(self) -> Option<&'static str> {
        Some(match self {
            ArrayType::Object => return None,
            ArrayType::Long => "long",
            ArrayType::Double => "double",
            ArrayType::Int => "int",
            ArrayType::Float => "float",
            ArrayType::Short => "short",
            ArrayType::Byte => "byte",
            ArrayType::Char => "char",
            ArrayType::Boolean => "boolean",
        })
    }

    /// The JVM descriptor letter of the element type (`J` for long, ...),
    /// `None` for an object array.
    pub fn descriptor(self) -> Option<char> {
        Some(match self {
            ArrayType::Object => return None,
            ArrayType::Long => 'J',
            ArrayType::Double => 'D',
            ArrayType::Int => 'I',
            ArrayType::Float => 'F',
            ArrayType::Short => 'S',
            ArrayType::Byte => 'B',
            ArrayType::Char => 'C',
            ArrayType::Boolean => 'Z',
        })
    }
}

/// A primitive array element, as stored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ArrayElem {
    /// Of a `long[]`.
    Long(i64),
    /// Of a `double[]`.
    Double(f64),
    /// Of an `int[]`.
    Int(i32),
    /// Of a `float[]`.
    Float(f32),
    /// Of a `short[]`.
    Short(i16),
    /// Of a `byte[]`.
    Byte(i8),
    /// Of a `char[]`.
    Char(char),
    /// Of a `boolean[]`.
    Boolean(bool),
}

impl ArrayElem {
    /// The array type this element belongs in.
    pub fn array_type(self) -> ArrayType {
        match self {
            ArrayElem::Long(_) => ArrayType::Long,
            ArrayElem::Double(_) => ArrayType::Double,
            ArrayElem::Int(_) => ArrayType::Int,
            ArrayElem::Float(_) => ArrayType::Float,
            ArrayElem::Short(_) => ArrayType::Short,
            ArrayElem::Byte(_) => ArrayType::Byte,
            ArrayElem::Char(_) => ArrayType::Char,
            ArrayElem::Boolean(_) => ArrayType::Boolean,
        }
    }
}

impl Env {
    /// The offset, element type and length of array `w`, checked against
    /// its block (a damaged length never reaches past it).
    pub(crate) fn array_parts(&self, w: Word) -> Result<(u64, ArrayType, u64)> {
        let off = self.expect_kind(w, Kind::Array)?;
        let head = self.load_word(off, 0)?.bits();
        let ty = ArrayType::from_u8(head as u8).ok_or(HeapError::CorruptObject {
            offset: off,
            detail: "unknown array element type",
        })?;
        let len = head >> 8;
        let block = crate::block_layout::block_size(self.header_of(off)?.class);
        let fits = len
            .checked_mul(ty.elem_bytes())
            .and_then(|b| b.checked_add(ELEMENTS))
            .is_some_and(|end| end <= block);
        if !fits || len > MAX_ARRAY_LEN {
            return Err(HeapError::CorruptObject {
                offset: off,
                detail: "array length larger than its block",
            });
        }
        Ok((off, ty, len))
    }

    /// The byte offset of element `i` of the array at `off`, after the
    /// bounds check.
    fn array_elem_at(&self, off: u64, ty: ArrayType, len: u64, i: u64) -> Result<u64> {
        if i >= len {
            return Err(HeapError::IndexOutOfBounds {
                index: i,
                count: len,
            });
        }
        Ok(off + ELEMENTS + i * ty.elem_bytes())
    }

    /// A new array of `len` elements of type `ty`, all zero (nil, false,
    /// `\0`). `component` names the element class of an object array (an
    /// interned symbol, or nil for `java.lang.Object`); a primitive array
    /// takes nil.
    pub fn make_array(&self, ty: ArrayType, len: u64, component: Ref<'_>) -> Result<Value<'_>> {
        self.check_same(component)?;
        let c = component.word();
        let symbol = match c.as_object() {
            Some(off) => self.header_of(off)?.kind == Kind::Symbol,
            None => false,
        };
        if !(c.is_nil() || ty == ArrayType::Object && symbol) {
            return Err(HeapError::WrongKind {
                expected: "a symbol naming an object array's component class, or nil",
                found: format!("{:?}", c.decode()),
            });
        }
        if len > MAX_ARRAY_LEN {
            return Err(HeapError::TooLarge {
                size: len.saturating_mul(ty.elem_bytes()),
            });
        }
        let words = (len * ty.elem_bytes()).div_ceil(8);
        let off = self.new_object(Kind::Array, 16 + 8 * words, 0)?;
        self.init_word(off, 0, Word::from_bits(ty as u64 | len << 8))?;
        // The symbol is interned (immortal): nothing to count.
        self.init_word(off, 1, c)?;
        for i in 0..words {
            self.init_word(off, 2 + i, Word::NIL)?;
        }
        Ok(Value::from_owned(self, Word::object(off)))
    }

    /// Stores primitive element `i` of array `arr` (a Relaxed store of the
    /// element's width: see the module docs). `x` must be of the array's
    /// type; the evaluator converts as Java does.
    pub fn array_set_prim(&self, arr: Ref<'_>, i: u64, x: ArrayElem) -> Result<()> {
        self.check_same(arr)?;
        self.mapping.writable("store into an array")?;
        let (off, ty, len) = self.array_parts(arr.word())?;
        if ty != x.array_type() {
            return Err(HeapError::WrongKind {
                expected: "an element of the array's type",
                found: format!("{x:?}"),
            });
        }
        let at = self.array_elem_at(off, ty, len, i)?;
        let m = &self.mapping;
        let r = Ordering::Relaxed;
        match x {
            ArrayElem::Long(v) => m.word_at(at)?.store(v as u64, r),
            ArrayElem::Double(v) => m.word_at(at)?.store(v.to_bits(), r),
            ArrayElem::Int(v) => m.u32_at(at)?.store(v as u32, r),
            ArrayElem::Float(v) => m.u32_at(at)?.store(v.to_bits(), r),
            ArrayElem::Char(v) => m.u32_at(at)?.store(v as u32, r),
            ArrayElem::Short(v) => m.u16_at(at)?.store(v as u16, r),
            ArrayElem::Byte(v) => m.u8_at(at)?.store(v as u8, r),
            ArrayElem::Boolean(v) => m.u8_at(at)?.store(u8::from(v), r),
        }
        Ok(())
    }

    /// Stores `x` as element `i` of object array `arr`: the array takes
    /// over `x`'s count, and the displaced element is retired through `p`
    /// (a reader pinned in any process may still be reading it).
    pub fn array_set(&self, p: &Participant<'_>, arr: Ref<'_>, i: u64, x: Value<'_>) -> Result<()> {
        self.check_same(arr)?;
        self.check_same(x.borrowed())?;
        p.check_env(self)?;
        self.mapping.writable("store into an array")?;
        let (off, ty, len) = self.array_parts(arr.word())?;
        if ty != ArrayType::Object {
            return Err(HeapError::WrongKind {
                expected: "an object array",
                found: format!("{ty:?} array"),
            });
        }
        if x.word() == Word::UNBOUND {
            return Err(HeapError::WrongKind {
                expected: "a value",
                found: "the unbound marker".into(),
            });
        }
        let cell = self.mapping.word_at(self.array_elem_at(off, ty, len, i)?)?;
        // Release: a reader that loads the new word (Acquire) sees the
        // object it names fully written.
        let old = cell.swap(x.into_owned_word().bits(), Ordering::AcqRel);
        p.retire_word(Word::from_bits(old))
    }

    /// A copy of array `arr` (`aclone`): same type, component and
    /// elements (an object array's elements shared, each counted again).
    pub fn array_clone<'e>(&'e self, p: &Participant<'_>, arr: Ref<'_>) -> Result<Value<'e>> {
        self.check_same(arr)?;
        p.check_env(self)?;
        let (off, ty, len) = self.array_parts(arr.word())?;
        let component = Ref::new(self, self.load_word(off, 1)?);
        let copy = self.make_array(ty, len, component)?;
        let dst = self.expect_kind(copy.word(), Kind::Array)?;
        if ty == ArrayType::Object {
            // Pinned: an element displaced meanwhile is retired, not freed,
            // so it can still be counted here. No user code runs under it.
            let _g = p.pin();
            for i in 0..len {
                let w = self.load_element_word(off, i)?;
                self.retain(w)?;
                self.init_word(dst, 2 + i, w)?;
            }
        } else {
            // Element by element within each word: every element lies
            // inside one aligned word, so copying words never tears one.
            for i in 0..(len * ty.elem_bytes()).div_ceil(8) {
                let w = self.mapping.word_at(off + ELEMENTS + 8 * i)?;
                self.init_word(dst, 2 + i, Word::from_bits(w.load(Ordering::Relaxed)))?;
            }
        }
        Ok(copy)
    }

    /// Object element `i` of the array at `off` (bounds checked by the
    /// caller), loaded with Acquire and validated as a value word.
    fn load_element_word(&self, off: u64, i: u64) -> Result<Word> {
        let at = off + ELEMENTS + 8 * i;
        let w = Word::from_bits(self.mapping.word_at(at)?.load(Ordering::Acquire));
        match w.decode() {
            Decoded::Invalid(bits) => Err(HeapError::BadOffset {
                offset: bits,
                detail: "an array element holds no valid word",
            }),
            Decoded::Unbound => Err(HeapError::CorruptObject {
                offset: off,
                detail: "an array element holds the unbound marker",
            }),
            _ => Ok(w),
        }
    }

    /// The element type of array `off` and as many elements as its block
    /// holds, whatever its length says (a damaged length or type is
    /// `array_findings`'s to report; walks over the file go on).
    fn array_extent(&self, off: u64) -> Result<(ArrayType, u64)> {
        if let Ok((_, ty, len)) = self.array_parts(Word::object(off)) {
            return Ok((ty, len));
        }
        let head = self.load_word(off, 0)?.bits();
        let Some(ty) = ArrayType::from_u8(head as u8) else {
            return Ok((ArrayType::Byte, 0));
        };
        let room = crate::block_layout::block_size(self.header_of(off)?.class)
            .saturating_sub(ELEMENTS)
            / ty.elem_bytes();
        Ok((ty, (head >> 8).min(room)))
    }

    /// The words array `off` refers to: its component symbol and, for an
    /// object array, every element.
    pub(crate) fn array_children(&self, off: u64) -> Result<Vec<Word>> {
        let (ty, len) = self.array_extent(off)?;
        let mut out = vec![self.load_word(off, 1)?];
        if ty == ArrayType::Object {
            for i in 0..len {
                out.push(self.load_word(off, 2 + i)?);
            }
        }
        Ok(out)
    }

    /// The element cells of array `off` (offsets), for the live walk and
    /// checkpoints: an object array's element words (counted values), else
    /// the raw words holding its primitive elements.
    pub(crate) fn array_cells(&self, off: u64) -> Result<(bool, Vec<u64>)> {
        let (ty, len) = self.array_extent(off)?;
        let words = (len * ty.elem_bytes()).div_ceil(8);
        let cells = (0..words).map(|i| off + ELEMENTS + 8 * i).collect();
        Ok((ty == ArrayType::Object, cells))
    }

    /// What `check` finds wrong with array `off`: its type, its length
    /// against its block, its component, its elements.
    pub(crate) fn array_findings(&self, off: u64) -> Result<Vec<String>> {
        let (_, ty, len) = match self.array_parts(Word::object(off)) {
            Ok(parts) => parts,
            Err(e) => return Ok(vec![e.to_string()]),
        };
        let mut out = Vec::new();
        let c = self.load_word(off, 1)?;
        let symbol = match c.as_object() {
            Some(o) => self.header_of(o)?.kind == Kind::Symbol,
            None => false,
        };
        if !(c.is_nil() || ty == ArrayType::Object && symbol) {
            out.push(format!("array component {c:?} is not a symbol or nil"));
        }
        let arr = Ref::new(self, Word::object(off));
        for i in 0..len {
            let bad = match ty {
                ArrayType::Object => self.load_element_word(off, i).err().map(|e| e.to_string()),
                ArrayType::Char | ArrayType::Boolean => {
                    arr.array_prim(i).err().map(|e| e.to_string())
                }
                _ => None,
            };
            if let Some(bad) = bad {
                out.push(format!("array element {i}: {bad}"));
                break;
            }
        }
        Ok(out)
    }
}

impl<'a> Ref<'a> {
    /// The element type and length of an array.
    pub fn array_type(self) -> Result<(ArrayType, u64)> {
        let (_, ty, len) = self.env().array_parts(self.word())?;
        Ok((ty, len))
    }

    /// The component class of an object array: the symbol naming it, or
    /// nil for `java.lang.Object` (and for a primitive array). Symbols are
    /// interned, so it lives as long as the env.
    pub fn array_component(self) -> Result<Ref<'a>> {
        let (off, _, _) = self.env().array_parts(self.word())?;
        Ok(self.child(self.env().load_word(off, 1)?))
    }

    /// Java's name of the array's class: `[J`, `[I`, ... for a primitive
    /// array, `[Ljava.lang.Object;` or `[Ljava.lang.String;` for an object
    /// array (`[[J` when the component class is itself an array class).
    pub fn array_class_name(self) -> Result<String> {
        let (ty, _) = self.array_type()?;
        if let Some(d) = ty.descriptor() {
            return Ok(format!("[{d}"));
        }
        let c = self.array_component()?;
        let name = if c.is_nil() {
            "java.lang.Object"
        } else {
            c.symbol_parts()?.1
        };
        Ok(if name.starts_with('[') {
            format!("[{name}")
        } else {
            format!("[L{name};")
        })
    }

    /// Primitive element `i` of an array (a Relaxed load of the element's
    /// width: see the module docs).
    pub fn array_prim(self, i: u64) -> Result<ArrayElem> {
        let env = self.env();
        let (off, ty, len) = env.array_parts(self.word())?;
        let at = env.array_elem_at(off, ty, len, i)?;
        let m = &env.mapping;
        let r = Ordering::Relaxed;
        Ok(match ty {
            ArrayType::Object => {
                return Err(HeapError::WrongKind {
                    expected: "a primitive array",
                    found: "an object array".into(),
                });
            }
            ArrayType::Long => ArrayElem::Long(m.word_at(at)?.load(r) as i64),
            ArrayType::Double => ArrayElem::Double(f64::from_bits(m.word_at(at)?.load(r))),
            ArrayType::Int => ArrayElem::Int(m.u32_at(at)?.load(r) as i32),
            ArrayType::Float => ArrayElem::Float(f32::from_bits(m.u32_at(at)?.load(r))),
            ArrayType::Short => ArrayElem::Short(m.u16_at(at)?.load(r) as i16),
            ArrayType::Byte => ArrayElem::Byte(m.u8_at(at)?.load(r) as i8),
            ArrayType::Char => {
                let c = m.u32_at(at)?.load(r);
                ArrayElem::Char(char::from_u32(c).ok_or(HeapError::CorruptObject {
                    offset: off,
                    detail: "a char array element that is not a character",
                })?)
            }
            ArrayType::Boolean => match m.u8_at(at)?.load(r) {
                0 => ArrayElem::Boolean(false),
                1 => ArrayElem::Boolean(true),
                _ => {
                    return Err(HeapError::CorruptObject {
                        offset: off,
                        detail: "a boolean array element that is not 0 or 1",
                    });
                }
            },
        })
    }

    /// Element `i` of any array as a value: an object array's element
    /// (as [`Ref::array_get`]), a primitive one boxed as Clojure reads it
    /// ([`Env::array_elem_value`]).
    pub fn array_value<'e>(self, p: &Participant<'e>, i: u64) -> Result<Value<'e>> {
        match self.array_type()?.0 {
            ArrayType::Object => self.array_get(p, i),
            _ => p.env().array_elem_value(self.array_prim(i)?),
        }
    }

    /// Element `i` of an object array, with a count of its own: loaded
    /// under a pin of `p` (an element displaced meanwhile by another
    /// process is retired, not freed, until the pin ends) and counted
    /// before the pin ends.
    pub fn array_get<'e>(self, p: &Participant<'e>, i: u64) -> Result<Value<'e>> {
        let env = p.env();
        env.check_same(self)?;
        let (off, ty, len) = env.array_parts(self.word())?;
        if ty != ArrayType::Object {
            return Err(HeapError::WrongKind {
                expected: "an object array",
                found: format!("{ty:?} array"),
            });
        }
        env.array_elem_at(off, ty, len, i)?;
        let _g = p.pin();
        let w = env.load_element_word(off, i)?;
        env.retain(w)?;
        Ok(Value::from_owned(env, w))
    }
}

impl Env {
    /// A primitive element as a value, as Clojure reads it: a long for
    /// every integer type, a double for both float types, a char, a
    /// boolean.
    pub fn array_elem_value(&self, e: ArrayElem) -> Result<Value<'_>> {
        Ok(match e {
            ArrayElem::Long(n) => self.make_int(n)?,
            ArrayElem::Int(n) => self.make_int(i64::from(n))?,
            ArrayElem::Short(n) => self.make_int(i64::from(n))?,
            ArrayElem::Byte(n) => self.make_int(i64::from(n))?,
            ArrayElem::Double(f) => self.make_float(f)?,
            ArrayElem::Float(f) => self.make_float(f64::from(f))?,
            ArrayElem::Char(c) => self.make_char(c),
            ArrayElem::Boolean(b) => self.make_bool(b),
        })
    }
}
