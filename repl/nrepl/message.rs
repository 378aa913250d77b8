//! nREPL messages as the server sees them: a [`Request`] is a bencoded
//! dictionary whose keys and strings are UTF-8 text (anything else is
//! refused with [`MessageError`], naming the field); a [`Response`] is
//! built field by field and always carries the request's `id` and the
//! session it concerns.

use super::bencode::Bencode;
use std::collections::BTreeMap;

/// A field's value in a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A list.
    List(Vec<Field>),
    /// A dictionary.
    Dict(BTreeMap<String, Field>),
}

/// Why a decoded value is not a request.
#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    /// The message is not a dictionary.
    #[error("a message must be a bencode dictionary")]
    NotADict,
    /// A key or string that is not UTF-8 text.
    #[error("field {0:?} is not UTF-8 text")]
    NotUtf8(String),
}

/// A request: the fields of one message from a client.
#[derive(Debug, Clone, Default)]
pub struct Request {
    fields: BTreeMap<String, Field>,
}

impl Request {
    /// The request a decoded value is; a non-UTF-8 key or string is an
    /// error naming the field (the request's `id`, when it is readable, is
    /// in [`salvage_id`]).
    pub fn from_bencode(v: Bencode) -> Result<Request, MessageError> {
        let Bencode::Dict(entries) = v else {
            return Err(MessageError::NotADict);
        };
        let mut fields = BTreeMap::new();
        for (k, v) in entries {
            let key = String::from_utf8(k)
                .map_err(|e| MessageError::NotUtf8(String::from_utf8_lossy(e.as_bytes()).into()))?;
            let value = field(v).ok_or_else(|| MessageError::NotUtf8(key.clone()))?;
            fields.insert(key, value);
        }
        Ok(Request { fields })
    }

    /// A request of these string fields (for the server's own use and
    /// tests).
    pub fn of(pairs: &[(&str, &str)]) -> Request {
        Request {
            fields: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), Field::Str(v.to_string())))
                .collect(),
        }
    }

    /// The string field `key`, if present and a string.
    pub fn str(&self, key: &str) -> Option<&str> {
        match self.fields.get(key) {
            Some(Field::Str(s)) => Some(s),
            _ => None,
        }
    }

    /// The integer field `key` (an integer, or a string of one, as some
    /// clients send `line` and `column`).
    pub fn int(&self, key: &str) -> Option<i64> {
        match self.fields.get(key) {
            Some(Field::Int(n)) => Some(*n),
            Some(Field::Str(s)) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// The field `key`, whatever it holds.
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields.get(key)
    }

    /// The `op`.
    pub fn op(&self) -> Option<&str> {
        self.str("op")
    }

    /// The `id` (the client's name for this request), if it is a string.
    pub fn id(&self) -> Option<&str> {
        self.str("id")
    }

    /// The `session` the request names.
    pub fn session(&self) -> Option<&str> {
        self.str("session")
    }
}

/// The `id` of a message that is not a valid request (some other field is
/// not UTF-8), when that field itself is readable: so the error reply
/// reaches the request that caused it.
pub fn salvage_id(v: &Bencode) -> Option<String> {
    match v {
        Bencode::Dict(d) => match d.get(b"id".as_slice()) {
            Some(Bencode::Bytes(b)) => String::from_utf8(b.clone()).ok(),
            _ => None,
        },
        _ => None,
    }
}

fn field(v: Bencode) -> Option<Field> {
    Some(match v {
        Bencode::Int(n) => Field::Int(n),
        Bencode::Bytes(b) => Field::Str(String::from_utf8(b).ok()?),
        Bencode::List(items) => Field::List(items.into_iter().map(field).collect::<Option<_>>()?),
        Bencode::Dict(d) => Field::Dict(
            d.into_iter()
                .map(|(k, v)| Some((String::from_utf8(k).ok()?, field(v)?)))
                .collect::<Option<_>>()?,
        ),
    })
}

/// A response under construction.
#[derive(Debug, Clone, Default)]
pub struct Response {
    fields: BTreeMap<Vec<u8>, Bencode>,
}

impl Response {
    /// A response to `req` (its `id`), about `session` (if any).
    pub fn to(req: &Request, session: Option<&str>) -> Response {
        Response::with_id(req.id(), session)
    }

    /// A response carrying `id` and `session` when given.
    pub fn with_id(id: Option<&str>, session: Option<&str>) -> Response {
        let mut r = Response::default();
        if let Some(id) = id {
            r = r.set("id", id);
        }
        if let Some(session) = session {
            r = r.set("session", session);
        }
        r
    }

    /// Sets the field `key`.
    pub fn set(mut self, key: &str, value: impl Into<Bencode>) -> Response {
        self.fields.insert(key.as_bytes().to_vec(), value.into());
        self
    }

    /// Sets `status` to the list of `statuses`.
    pub fn status(self, statuses: &[&str]) -> Response {
        self.set(
            "status",
            Bencode::List(statuses.iter().map(|s| Bencode::str(s)).collect()),
        )
    }

    /// The bencode dictionary.
    pub fn into_bencode(self) -> Bencode {
        Bencode::Dict(self.fields)
    }
}

impl From<&str> for Bencode {
    fn from(s: &str) -> Bencode {
        Bencode::str(s)
    }
}

impl From<String> for Bencode {
    fn from(s: String) -> Bencode {
        Bencode::Bytes(s.into_bytes())
    }
}

impl From<i64> for Bencode {
    fn from(n: i64) -> Bencode {
        Bencode::Int(n)
    }
}

impl From<Vec<Bencode>> for Bencode {
    fn from(items: Vec<Bencode>) -> Bencode {
        Bencode::List(items)
    }
}

/// A dictionary of string keys.
pub fn dict<K: AsRef<str>>(entries: impl IntoIterator<Item = (K, Bencode)>) -> Bencode {
    Bencode::Dict(
        entries
            .into_iter()
            .map(|(k, v)| (k.as_ref().as_bytes().to_vec(), v))
            .collect(),
    )
}
