//! Clojure's `compare` over values (numbers, strings, keywords, symbols,
//! characters, booleans, nil, vectors): what the `compare` native, `sort`
//! and sorted collections order by.

use crate::error::EvalResult;
use crate::numeric_tower::{is_number, num, num_cmp};
use crate::print::class_cast;
use evelisp_heap::{Ref, View};
use std::cmp::Ordering;

/// Java's `String.compareTo`: the difference of the first differing UTF-16
/// units, else of the lengths.
pub(crate) fn java_str_cmp(a: &str, b: &str) -> i64 {
    let (mut x, mut y) = (a.encode_utf16(), b.encode_utf16());
    loop {
        match (x.next(), y.next()) {
            (Some(p), Some(q)) if p == q => {}
            (Some(p), Some(q)) => return i64::from(p) - i64::from(q),
            _ => return (a.encode_utf16().count() as i64) - (b.encode_utf16().count() as i64),
        }
    }
}

pub(crate) fn ord_int(o: Ordering) -> i64 {
    match o {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    }
}

/// Clojure's `compare` over two values: numbers, strings, keywords,
/// symbols, characters, booleans, nil (least) and vectors (by length, then
/// element by element).
pub(crate) fn compare_values(a: Ref<'_>, b: Ref<'_>) -> EvalResult<i64> {
    let (va, vb) = (a.view()?, b.view()?);
    let names = |ns1: Option<&str>, n1: &str, ns2: Option<&str>, n2: &str| match (ns1, ns2) {
        (None, Some(_)) => -1,
        (Some(_), None) => 1,
        (Some(x), Some(y)) if x != y => java_str_cmp(x, y),
        _ => java_str_cmp(n1, n2),
    };
    Ok(match (va, vb) {
        (View::Nil, View::Nil) => 0,
        (View::Nil, _) => -1,
        (_, View::Nil) => 1,
        _ if is_number(a)? && is_number(b)? => {
            ord_int(num_cmp(&num(a)?, &num(b)?)?.unwrap_or(Ordering::Equal))
        }
        (View::Str(x), View::Str(y)) => java_str_cmp(x, y),
        (View::Keyword { ns: n1, name: x }, View::Keyword { ns: n2, name: y })
        | (View::Symbol { ns: n1, name: x }, View::Symbol { ns: n2, name: y }) => {
            names(n1, x, n2, y)
        }
        (View::Char(x), View::Char(y)) => i64::from(u32::from(x)) - i64::from(u32::from(y)),
        (View::Bool(x), View::Bool(y)) => ord_int(x.cmp(&y)),
        // Java's `UUID.compareTo`: the signed halves, most significant first.
        (View::Uuid { msb: m1, lsb: l1 }, View::Uuid { msb: m2, lsb: l2 }) => {
            ord_int((m1 as i64, l1 as i64).cmp(&(m2 as i64, l2 as i64)))
        }
        (
            View::Inst {
                seconds: s1,
                nanos: n1,
                class: c1,
            },
            View::Inst {
                seconds: s2,
                nanos: n2,
                class: c2,
            },
        ) if c1 == c2 => match s1.cmp(&s2) {
            // `Instant.compareTo` gives the difference of the nanoseconds.
            Ordering::Equal if c1 == evelisp_heap::InstClass::Instant => {
                i64::from(n1) - i64::from(n2)
            }
            Ordering::Equal => ord_int(n1.cmp(&n2)),
            o => ord_int(o),
        },
        (View::Vector { count: n }, View::Vector { count: m }) => {
            if n != m {
                return Ok(ord_int(n.cmp(&m)));
            }
            for k in 0..n {
                let c = compare_values(a.nth(k)?, b.nth(k)?)?;
                if c != 0 {
                    return Ok(c);
                }
            }
            0
        }
        // Files and paths compare by their paths (`File.compareTo`), file
        // times by their instants.
        (View::Map { .. }, View::Map { .. }) if compare_host_records(a, b)?.is_some() => {
            compare_host_records(a, b)?.unwrap_or(0)
        }
        _ => {
            let shown = crate::print::pr_str(a).unwrap_or_else(|_| "value".into());
            return Err(class_cast(&format!("comparable with {shown}"), b));
        }
    })
}

/// The order of two files, two paths or two file times (`host_paths.rs`),
/// or `None` for any other pair.
fn compare_host_records(a: Ref<'_>, b: Ref<'_>) -> EvalResult<Option<i64>> {
    use crate::host_paths::{file_text, file_time_millis, path_text};
    if let (Some(x), Some(y)) = (file_text(a)?, file_text(b)?) {
        return Ok(Some(java_str_cmp(x, y)));
    }
    if let (Some(x), Some(y)) = (path_text(a)?, path_text(b)?) {
        return Ok(Some(ord_int(x.as_bytes().cmp(y.as_bytes()))));
    }
    if let (Some(x), Some(y)) = (file_time_millis(a)?, file_time_millis(b)?) {
        return Ok(Some(ord_int(x.cmp(&y))));
    }
    Ok(None)
}
