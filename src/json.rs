//! A small JSON module: a value tree, a parser and a writer, and the conversions of the
//! core's types ([`FromJson`], [`ToJson`]). Every public format (the Snapshot, the stored
//! state, export files, messages, profiles) is read and written here, written by hand next
//! to each type: one serialization path, and far less code in the wasm than a generic
//! framework instantiated per type. The tests check it against serde_json (a
//! dev-dependency) as an oracle: the same text is read the same way and written byte for
//! byte alike.
//!
//! The writer follows serde_json: compact, fields in declaration order, floats in their
//! shortest round-trip form with a `.0` on whole numbers (zmij, serde_json's own float
//! writer), non-finite floats as `null`, control characters escaped. The parser accepts
//! RFC 8259 JSON (nesting at most 127 deep, like serde_json) and never panics. Numbers are
//! read by `parse::float` (no standard-library tables): exact for every number LineKeeper
//! writes or a page shows (see there); a float beyond about 10^±20 with 17 digits may come
//! out one unit in the last place off. Unlike serde, a struct is never read from an array
//! of its fields (no format writes one).

/// A parsed JSON value. Objects keep their members in order (duplicates too: a type that
/// reads an object refuses a duplicated field, like serde).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    /// A number written without fraction or exponent that fits an `i64`.
    Int(i64),
    /// Any other number.
    Float(f64),
    Str(String),
    Arr(Vec<Value>),
    Obj(Vec<(String, Value)>),
}

/// Why a text or a value could not be read, in words (serde's wording, so messages stay
/// as they were).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl Error {
    pub fn new(text: impl Into<String>) -> Error {
        Error(text.into())
    }

    /// `invalid type: <what v is>, expected <expected>`.
    pub fn invalid_type(v: &Value, expected: &str) -> Error {
        Error(["invalid type: ", &v.describe(), ", expected ", expected].concat())
    }

    /// `invalid value: <what v is>, expected <expected>`.
    pub fn invalid_value(v: &Value, expected: &str) -> Error {
        Error(["invalid value: ", &v.describe(), ", expected ", expected].concat())
    }
}

impl Value {
    /// What the value is, as serde names it in errors (`integer `7``, `a string`).
    fn describe(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => ["boolean `", if *b { "true" } else { "false" }, "`"].concat(),
            Value::Int(n) => {
                let mut s = String::from("integer `");
                write_int(&mut s, *n);
                s + "`"
            }
            Value::Float(f) => {
                let mut s = String::from("floating point `");
                write_f64(&mut s, *f);
                s + "`"
            }
            Value::Str(s) => ["string \"", s, "\""].concat(),
            Value::Arr(_) => "sequence".into(),
            Value::Obj(_) => "map".into(),
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The member `key` of an object (the first, if repeated).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Obj(items) => items.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        match self {
            Value::Obj(items) => items.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The number, when it is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Parser

/// Nesting limit (serde_json's: 127 levels): deeper texts are refused, not a stack overflow.
const MAX_DEPTH: usize = 128;

/// Parses a JSON text (surrounding white space allowed, nothing else after the value).
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        depth: 0,
    };
    let value = p.value()?;
    p.space();
    if p.pos < p.bytes.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(value)
}

/// Reads a value of type `T` from JSON text.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, Error> {
    T::from_json(parse(text)?)
}

struct Parser<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    /// `what at line L column C` (serde_json's wording).
    fn error(&self, what: &str) -> Error {
        let before = &self.bytes[..self.pos.min(self.bytes.len())];
        let line = 1 + before.iter().filter(|b| **b == b'\n').count();
        let column = before.len()
            - before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
        let mut s = String::from(what);
        s.push_str(" at line ");
        write_int(&mut s, line as i64);
        s.push_str(" column ");
        write_int(&mut s, column as i64);
        Error(s)
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, Error> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            self.pos += 1;
            Err(self.error("expected value"))
        }
    }

    fn value(&mut self) -> Result<Value, Error> {
        self.space();
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'"') => Ok(Value::Str(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                self.enter()?;
                let mut items = Vec::new();
                self.space();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                } else {
                    loop {
                        items.push(self.value()?);
                        self.space();
                        match self.peek() {
                            Some(b',') => self.pos += 1,
                            Some(b']') => {
                                self.pos += 1;
                                break;
                            }
                            None => return Err(self.error("EOF while parsing a list")),
                            Some(_) => return Err(self.error("expected `,` or `]`")),
                        }
                    }
                }
                self.depth -= 1;
                Ok(Value::Arr(items))
            }
            Some(b'{') => {
                self.enter()?;
                let mut items = Vec::new();
                self.space();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                } else {
                    loop {
                        self.space();
                        match self.peek() {
                            Some(b'"') => {}
                            None => return Err(self.error("EOF while parsing an object")),
                            Some(_) => return Err(self.error("key must be a string")),
                        }
                        let key = self.string()?;
                        self.space();
                        match self.peek() {
                            Some(b':') => self.pos += 1,
                            None => return Err(self.error("EOF while parsing an object")),
                            Some(_) => return Err(self.error("expected `:`")),
                        }
                        items.push((key, self.value()?));
                        self.space();
                        match self.peek() {
                            Some(b',') => self.pos += 1,
                            Some(b'}') => {
                                self.pos += 1;
                                break;
                            }
                            None => return Err(self.error("EOF while parsing an object")),
                            Some(_) => return Err(self.error("expected `,` or `}`")),
                        }
                    }
                }
                self.depth -= 1;
                Ok(Value::Obj(items))
            }
            Some(_) => {
                self.pos += 1;
                Err(self.error("expected value"))
            }
        }
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.pos += 1;
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value, Error> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let n = self.digits();
        if n == 0 {
            return Err(self.error("invalid number"));
        }
        if n > 1 && self.bytes[int_start] == b'0' {
            return Err(self.error("invalid number"));
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            integer = false;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            integer = false;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        let text = &self.text[start..self.pos];
        if integer {
            if let Some(n) = parse_i64(text) {
                return Ok(Value::Int(n));
            }
        }
        match crate::parse::float::parse_f64(text) {
            Some(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(self.error("number out of range")),
        }
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                None => return Err(self.error("EOF while parsing a string")),
                Some(_) => return Err(self.error("invalid escape")),
            };
            n = n * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, Error> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            let start = self.pos;
            // One pass over the bytes up to the next quote, escape or control character
            // (not a call per byte: the wasm build does not inline `peek`).
            let run = self.bytes[start..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            self.pos = run.map_or(self.bytes.len(), |n| start + n);
            // The input is a str and the run stops at ASCII bytes: a char boundary.
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let Some(e) = self.peek() else {
                        return Err(self.error("EOF while parsing a string"));
                    };
                    self.pos += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first) {
                                if !self.bytes[self.pos..].starts_with(b"\\u") {
                                    return Err(self.error("unexpected end of hex escape"));
                                }
                                self.pos += 2;
                                let second = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&second) {
                                    return Err(self.error("lone leading surrogate in hex escape"));
                                }
                                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                            } else if (0xDC00..0xE000).contains(&first) {
                                return Err(self.error("lone leading surrogate in hex escape"));
                            } else {
                                first
                            };
                            match char::from_u32(code) {
                                Some(c) => out.push(c),
                                None => return Err(self.error("invalid unicode code point")),
                            }
                        }
                        _ => return Err(self.error("invalid escape")),
                    }
                }
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
            }
        }
    }
}

fn parse_i64(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut n: i64 = 0;
    for b in digits.bytes() {
        let d = i64::from(b.wrapping_sub(b'0'));
        if !(0..10).contains(&d) {
            return None;
        }
        n = n.checked_mul(10)?;
        n = if negative {
            n.checked_sub(d)?
        } else {
            n.checked_add(d)?
        };
    }
    Some(n)
}

// ---------------------------------------------------------------------------------------
// Writer

/// Writes a value as compact JSON text (serde_json's `to_string`).
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

/// Writes a value as JSON text indented by two spaces (serde_json's `to_string_pretty`).
pub fn to_string_pretty<T: ToJson + ?Sized>(value: &T) -> String {
    let compact = to_string(value);
    match parse(&compact) {
        Ok(tree) => {
            let mut out = String::new();
            write_pretty(&tree, 0, &mut out);
            out
        }
        Err(_) => compact,
    }
}

fn indent(out: &mut String, level: usize) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn write_pretty(v: &Value, level: usize, out: &mut String) {
    match v {
        Value::Arr(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, level + 1);
                write_pretty(item, level + 1, out);
            }
            indent(out, level);
            out.push(']');
        }
        Value::Obj(items) if !items.is_empty() => {
            out.push('{');
            for (i, (k, item)) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, level + 1);
                write_str(out, k);
                out.push_str(": ");
                write_pretty(item, level + 1, out);
            }
            indent(out, level);
            out.push('}');
        }
        other => other.write_json(out),
    }
}

/// Writes an integer in decimal.
pub fn write_int(out: &mut String, n: i64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut m = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    for b in &buf[i..] {
        out.push(char::from(*b));
    }
}

/// A number in at least two digits, as `{n:02}` writes it (without `core::fmt`).
pub fn write_two_digits(out: &mut String, n: u32) {
    if n < 10 {
        out.push('0');
    }
    write_int(out, n.into());
}

/// An integer in decimal (`n.to_string()` without `core::fmt`).
pub fn int_text(n: i64) -> String {
    let mut out = String::new();
    write_int(&mut out, n);
    out
}

/// Writes a float as serde_json does: shortest round-trip form, `null` when not finite.
pub fn write_f64(out: &mut String, f: f64) {
    if f.is_finite() {
        out.push_str(zmij::Buffer::new().format_finite(f));
    } else {
        out.push_str("null");
    }
}

/// A string in quotes for a message, as `format!("{s:?}")` writes the usual ones (quotes,
/// backslashes and line breaks escaped; without `core::fmt`'s tables of printable
/// characters).
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes a string literal with serde_json's escapes.
pub fn write_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Writes an object member by member: `Obj::new(out).field("a", &a).field("b", &b).end()`.
/// The methods take and give `&mut Obj` (not the `Obj` by value): each member's call then
/// passes one pointer in and out instead of the writer's state, in every writer.
pub struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    pub fn new(out: &'a mut String) -> Obj<'a> {
        out.push('{');
        Obj { out, first: true }
    }

    /// One member (the value as `dyn`: one copy of this code, not one per value type).
    pub fn field(&mut self, key: &str, value: &dyn ToJson) -> &mut Obj<'a> {
        self.key(key);
        value.write_json(self.out);
        self
    }

    /// A field written only when `Some` (serde's `skip_serializing_if = "Option::is_none"`).
    pub fn some<T: ToJson>(&mut self, key: &str, value: &Option<T>) -> &mut Obj<'a> {
        match value {
            Some(v) => self.field(key, v),
            None => self,
        }
    }

    /// A list written only when not empty.
    pub fn nonempty<T: ToJson>(&mut self, key: &str, value: &[T]) -> &mut Obj<'a> {
        if value.is_empty() {
            self
        } else {
            self.field(key, &value)
        }
    }

    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_str(self.out, key);
        self.out.push(':');
    }

    pub fn end(&mut self) {
        self.out.push('}');
    }
}

/// A type written as JSON.
pub trait ToJson {
    fn write_json(&self, out: &mut String);
}

impl ToJson for Value {
    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => b.write_json(out),
            Value::Int(n) => write_int(out, *n),
            Value::Float(f) => write_f64(out, *f),
            Value::Str(s) => write_str(out, s),
            Value::Arr(items) => items.write_json(out),
            Value::Obj(items) => {
                let mut o = Obj::new(out);
                for (k, v) in items {
                    o.field(k, v);
                }
                o.end();
            }
        }
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

macro_rules! int_to_json {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                write_int(out, *self as i64);
            }
        }
    )*};
}
int_to_json!(u8, u16, u32, i32, i64, usize);

impl ToJson for f64 {
    fn write_json(&self, out: &mut String) {
        write_f64(out, *self);
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

/// Writes an array of the items `item(i)` gives: one loop for every item type.
fn write_items<'a>(out: &mut String, len: usize, item: &dyn Fn(usize) -> Option<&'a dyn ToJson>) {
    out.push('[');
    for i in 0..len {
        if i > 0 {
            out.push(',');
        }
        if let Some(v) = item(i) {
            v.write_json(out);
        }
    }
    out.push(']');
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        write_items(out, self.len(), &|i| self.get(i).map(|v| v as &dyn ToJson));
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<T: ToJson, const N: usize> ToJson for [T; N] {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        self.0.write_json(out);
        out.push(',');
        self.1.write_json(out);
        out.push(']');
    }
}

impl<A: ToJson, B: ToJson, C: ToJson> ToJson for (A, B, C) {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        self.0.write_json(out);
        out.push(',');
        self.1.write_json(out);
        out.push(',');
        self.2.write_json(out);
        out.push(']');
    }
}

// ---------------------------------------------------------------------------------------
// Reading

/// A type read from a JSON value.
pub trait FromJson: Sized {
    fn from_json(v: Value) -> Result<Self, Error>;

    /// The value of a field left out (serde: `None` for options, else an error).
    fn missing() -> Option<Self> {
        None
    }

    /// Reads `v` into `self`, as `*self = Self::from_json(v)?` does (a struct's field
    /// reader calls it). Structs and lists read in place: one reader per such type, not
    /// one more copy per field type that moves the value read. On an error `self` may be
    /// left half read (the struct holding it is dropped with the error).
    #[inline(never)]
    fn read_into(&mut self, v: Value) -> Result<(), Error> {
        *self = Self::from_json(v)?;
        Ok(())
    }

    /// Reads `v` (not `null`) into `slot` as `Some`, as `*slot = Some(Self::from_json(v)?)`
    /// does: the non-null half of `Option<Self>`'s reader. Structs read in place
    /// ([`json_struct`]: into a default put in the slot, no value made and moved).
    fn read_some(slot: &mut Option<Self>, v: Value) -> Result<(), Error> {
        *slot = Some(Self::from_json(v)?);
        Ok(())
    }
}

impl FromJson for Value {
    fn from_json(v: Value) -> Result<Self, Error> {
        Ok(v)
    }
}

impl FromJson for bool {
    fn from_json(v: Value) -> Result<Self, Error> {
        match v {
            Value::Bool(b) => Ok(b),
            other => Err(Error::invalid_type(&other, "a boolean")),
        }
    }
}

/// An integer in `min..=max` (the range of the type `name`): one reader for every type.
fn int_in(v: Value, name: &str, min: i128, max: i128) -> Result<i64, Error> {
    match v {
        Value::Int(n) if (min..=max).contains(&i128::from(n)) => Ok(n),
        Value::Int(_) => Err(Error::invalid_value(&v, name)),
        other => Err(Error::invalid_type(&other, name)),
    }
}

macro_rules! int_from_json {
    ($($t:ty => $name:literal),*) => {$(
        impl FromJson for $t {
            fn from_json(v: Value) -> Result<Self, Error> {
                // In range: the cast is exact.
                int_in(v, $name, <$t>::MIN as i128, <$t>::MAX as i128).map(|n| n as $t)
            }
        }
    )*};
}
int_from_json!(u8 => "u8", u16 => "u16", u32 => "u32", i32 => "i32", i64 => "i64", usize => "usize");

impl FromJson for f64 {
    fn from_json(v: Value) -> Result<Self, Error> {
        match v {
            Value::Int(n) => Ok(n as f64),
            Value::Float(f) => Ok(f),
            other => Err(Error::invalid_type(&other, "f64")),
        }
    }
}

impl FromJson for String {
    fn from_json(v: Value) -> Result<Self, Error> {
        match v {
            Value::Str(s) => Ok(s),
            other => Err(Error::invalid_type(&other, "a string")),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: Value) -> Result<Self, Error> {
        match v {
            Value::Null => Ok(None),
            other => T::from_json(other).map(Some),
        }
    }

    fn missing() -> Option<Self> {
        Some(None)
    }

    /// As the default reader, but `T`'s value made straight into the slot (not an
    /// `Option` made by `from_json` and moved): one copy per `T` all the same, smaller.
    #[inline(never)]
    fn read_into(&mut self, v: Value) -> Result<(), Error> {
        match v {
            Value::Null => {
                *self = None;
                Ok(())
            }
            other => T::read_some(self, other),
        }
    }
}

/// The items of an array (an error for anything else).
pub fn array(v: Value) -> Result<Vec<Value>, Error> {
    match v {
        Value::Arr(items) => Ok(items),
        other => Err(Error::invalid_type(&other, "a sequence")),
    }
}

impl<T: FromJson + Default> FromJson for Vec<T> {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut out = Vec::new();
        out.read_into(v)?;
        Ok(out)
    }

    #[inline(never)]
    fn read_into(&mut self, v: Value) -> Result<(), Error> {
        *self = Vec::new();
        read_items(v, &mut |item| {
            self.push(T::default());
            match self.last_mut() {
                Some(slot) => slot.read_into(item),
                None => Ok(()),
            }
        })
    }
}

/// Reads each item of the array `v` with `read` in order, up to the first error (an error
/// for anything but an array): the loop over an array's items, one copy for every item
/// type.
#[inline(never)]
fn read_items(v: Value, read: &mut dyn FnMut(Value) -> Result<(), Error>) -> Result<(), Error> {
    for item in array(v)? {
        read(item)?;
    }
    Ok(())
}

/// Reads the items of an array of exactly `n` items with `read(i, item)` in order, up to
/// the first error: the reader of every tuple and fixed-length array (one copy).
#[inline(never)]
fn read_tuple(
    v: Value,
    n: usize,
    read: &mut dyn FnMut(usize, Value) -> Result<(), Error>,
) -> Result<(), Error> {
    let items = array(v)?;
    if items.len() != n {
        let mut s = String::from("invalid length ");
        write_int(&mut s, items.len() as i64);
        s.push_str(", expected a tuple of size ");
        write_int(&mut s, n as i64);
        return Err(Error(s));
    }
    for (i, item) in items.into_iter().enumerate() {
        read(i, item)?;
    }
    Ok(())
}

impl<T: FromJson + Default, const N: usize> FromJson for [T; N] {
    fn from_json(v: Value) -> Result<Self, Error> {
        // Read in place, each item by its type's one reader (no vector to convert).
        let mut out: [T; N] = std::array::from_fn(|_| T::default());
        read_tuple(v, N, &mut |i, item| match out.get_mut(i) {
            Some(slot) => slot.read_into(item),
            None => Ok(()),
        })?;
        Ok(out)
    }
}

// Tuples are read in place too: their items' types have a `Default` (a placeholder until
// read, like a struct's fields).
impl<A: FromJson + Default, B: FromJson + Default> FromJson for (A, B) {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut out = (A::default(), B::default());
        read_tuple(v, 2, &mut |i, item| match i {
            0 => out.0.read_into(item),
            _ => out.1.read_into(item),
        })?;
        Ok(out)
    }
}

impl<A: FromJson + Default, B: FromJson + Default, C: FromJson + Default> FromJson for (A, B, C) {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut out = (A::default(), B::default(), C::default());
        read_tuple(v, 3, &mut |i, item| match i {
            0 => out.0.read_into(item),
            1 => out.1.read_into(item),
            _ => out.2.read_into(item),
        })?;
        Ok(out)
    }
}

/// Reads an object's members into a struct in document order, as serde's derive does:
/// `names` are the struct's fields, each followed by a comma (one string, not a table of
/// pointers: `"a,b,"`), `set(i, value)` reads member `names[i]` into it, bit
/// `i` of `required` marks a field that may not be left out (the others keep the struct's
/// default), and `deny_unknown` refuses members not named. One loop for every type: each
/// type costs only its table of names and the calls of its fields' readers ([`json_struct`]).
pub fn read_struct(
    v: Value,
    what: &str,
    names: &str,
    required: u64,
    deny_unknown: bool,
    set: &mut dyn FnMut(usize, Value) -> Result<(), Error>,
) -> Result<(), Error> {
    let Value::Obj(items) = v else {
        return Err(Error::invalid_type(&v, &["struct ", what].concat()));
    };
    let mut seen = 0u64;
    for (key, value) in items {
        match crate::parse::text::split_terminated(names, b',').position(|name| name == key) {
            Some(i) => {
                if seen & (1 << i) != 0 {
                    return Err(Error(["duplicate field `", &key, "`"].concat()));
                }
                seen |= 1 << i;
                set(i, value)?;
            }
            None if deny_unknown => return Err(Error(["unknown field `", &key, "`"].concat())),
            None => {}
        }
    }
    match crate::parse::text::split_terminated(names, b',')
        .enumerate()
        .find(|(i, _)| required & !seen & (1 << i) != 0)
    {
        Some((_, name)) => Err(Error(["missing field `", name, "`"].concat())),
        None => Ok(()),
    }
}

/// The JSON key of a field: its name, or the one given (`kind = "type"`).
#[doc(hidden)]
#[macro_export]
macro_rules! json_key {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident = $key:literal) => {
        $key
    };
}

/// `FromJson` for a struct with `Default`, read by [`read_struct`]: the fields that must be
/// present, then those that may be left out (they keep the default: `None`, empty, or the
/// struct's own default), each `name` or `name = "key"`, those left out optionally with
/// their reader (`history => read`). `deny` refuses unknown members.
#[macro_export]
macro_rules! json_struct {
    ($t:ty, $what:literal $(, $deny:ident)? {
        $($req:ident $(= $rkey:literal)?),* ;
        $($opt:ident $(= $okey:literal)? $(=> $read:path)?),* $(,)?
    }) => {
        impl $crate::json::FromJson for $t {
            fn from_json(v: $crate::json::Value) -> Result<Self, $crate::json::Error> {
                let mut s = <$t>::default();
                $crate::json::FromJson::read_into(&mut s, v)?;
                Ok(s)
            }

            // One copy per struct, called by its holders' readers and `Vec`'s alike. Read
            // over the holder's default of the field, which is this type's own default in
            // every holder (derived, or `State`'s: a test checks it).
            // In place: the slot's old value dropped for a default, read over like a field.
            fn read_some(
                slot: &mut Option<Self>,
                v: $crate::json::Value,
            ) -> Result<(), $crate::json::Error> {
                $crate::json::FromJson::read_into(slot.insert(<$t>::default()), v)
            }

            #[inline(never)]
            fn read_into(&mut self, v: $crate::json::Value) -> Result<(), $crate::json::Error> {
                let s = self;
                const NAMES: &str = concat!($($crate::json_key!($req $(= $rkey)?), ",",)* $($crate::json_key!($opt $(= $okey)?), ",",)*);
                const REQUIRED: usize = <[&str]>::len(&[$(stringify!($req)),*]);
                $crate::json::read_struct(
                    v,
                    $what,
                    NAMES,
                    (1u64 << REQUIRED) - 1,
                    $crate::json_struct!(@deny $($deny)?),
                    &mut |i, v| {
                        let mut n = 0usize;
                        $(
                            if i == n {
                                return $crate::json::FromJson::read_into(&mut s.$req, v);
                            }
                            n += 1;
                        )*
                        $(
                            if i == n {
                                return $crate::json_struct!(@read s.$opt, v $($read)?);
                            }
                            n += 1;
                        )*
                        let _ = n;
                        Ok(())
                    },
                )
            }
        }
    };
    (@read $slot:expr, $v:ident $read:path) => { $read($v).map(|x| $slot = x) };
    (@read $slot:expr, $v:ident) => { $crate::json::FromJson::read_into(&mut $slot, $v) };
    (@deny deny) => { true };
    (@deny) => { false };
}

/// Reads a unit-variant enum from its name: `names` are the variants' names, each followed
/// by a comma (`"a,b,"`), `variants` the variants in the same order.
pub fn variant<T: Copy>(v: Value, names: &str, variants: &[T]) -> Result<T, Error> {
    let i = variant_index(v, names)?;
    variants.get(i).copied().ok_or_else(unnamed_variant)
}

/// The error of a variant without a name (never made: each enum names all its variants).
#[inline(never)]
fn unnamed_variant() -> Error {
    Error::new("variant without a name")
}

/// Which of `names` (see [`variant`]) the string `v` is: one copy for every enum.
fn variant_index(v: Value, names: &str) -> Result<usize, Error> {
    let Value::Str(s) = v else {
        return Err(Error::invalid_type(&v, "a variant name"));
    };
    crate::parse::text::split_terminated(names, b',')
        .position(|name| name == s)
        .ok_or_else(|| {
            let mut e = ["unknown variant `", &s, "`, expected one of "].concat();
            for (i, name) in crate::parse::text::split_terminated(names, b',').enumerate() {
                if i > 0 {
                    e.push_str(", ");
                }
                e.push('`');
                e.push_str(name);
                e.push('`');
            }
            Error(e)
        })
}

/// `FromJson` and `ToJson` for an enum of unit variants written as strings.
#[macro_export]
macro_rules! json_names {
    ($t:ty { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $crate::json::FromJson for $t {
            fn from_json(v: $crate::json::Value) -> Result<Self, $crate::json::Error> {
                $crate::json::variant(v, concat!($($name, ","),*), &[$(<$t>::$variant),*])
            }
        }
        impl $crate::json::ToJson for $t {
            fn write_json(&self, out: &mut String) {
                $crate::json::write_str(out, match self { $(<$t>::$variant => $name),* });
            }
        }
    };
}

pub mod formats;

#[cfg(test)]
mod tests;
