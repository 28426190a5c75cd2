//! Dead data in a finished wasm module, removed when nothing in the module can point into it.
//!
//! The functions `panics.rs` reduces to a trap leave their data behind: wasm-opt drops the
//! code only they reached, but data segments are bytes to it, and it cannot tell which are
//! read. Here: `char`'s `Debug` (a trap) leaves `core::unicode`'s tables of printable and
//! `Grapheme_Extend` characters, and the panic messages leave their templates and the
//! locations only trapped functions passed. Each wasm crate's build script
//! (`crates/wasm-map.rs`) asks wasm-ld for its map and its relocations.
//!
//! A symbol is a candidate when (a) it is named in [`CANDIDATES`] (the map's names), or (b)
//! the linker's relocations ([`read_only_by`]) show every use of its address, in code or in
//! data, inside functions `panics.rs` traps (the relocations name the symbol an address
//! was made from, whatever constant the compiler added to it), or (c) it is a panic
//! location ([`locations`]; no margin below it: a location's address is never the base of
//! an index) or, in a second pass, the file name of a location removed. A candidate at
//! `[start, end)` is removed only when, in the FINISHED module:
//! - the initial memory (its active data segments) equals the linker's output's, byte for
//!   byte (zeros past the end aside): neither wasm-bindgen nor wasm-opt moved data;
//! - no address in `[start - MARGIN, end)` is written anywhere a pointer can come from: no
//!   `i32.const` in a function body or a global's initializer, no constant offset of a load
//!   or a store, no 4-byte word at any byte position of the initial memory or of a passive
//!   segment, no integer in the JavaScript glue; no imported global (its value is unknown).
//!   Every instruction of every body is read (an unknown one refuses everything); the margin
//!   covers a base a few words below the symbol (`&T[i - 1]` as `(&T - 4) + 4 * i`).
//!
//! Otherwise it is kept and `cargo xtask dist` prints why. Memory starts zeroed, so the
//! bytes removed from a segment read as zeros, as they would without their readers.
//!
//! Table entries are function indices and element offsets table indices, not addresses.

use crate::panics::{skip_leb, write_leb, Reader};

/// Data symbols read only by functions `panics.rs` reduces to a trap, by the end of their
/// (v0-mangled) symbol names: `core::unicode::unicode_data::grapheme_extend`'s tables,
/// read by `char::is_grapheme_extended`, which only `char::escape_debug_ext` calls (the
/// `Debug` of `char` and `str`: trapped, and no code of ours formats with `{:?}`).
/// (`core::unicode::printable`'s tables are anonymous constants, `.Lanon.…` in the map:
/// [`read_only_by`] finds them by their uses.)
pub const CANDIDATES: &[&str] = &[
    "4core7unicode12unicode_data15grapheme_extend7OFFSETS",
    "4core7unicode12unicode_data15grapheme_extend17SHORT_OFFSET_RUNS",
];

/// Bytes below a symbol a pointer constant may start at and still be refused.
const MARGIN: u32 = 64;

#[derive(Debug, Clone, PartialEq)]
pub struct Symbol {
    pub name: String,
    pub start: u32,
    pub size: u32,
    /// Bytes below the symbol a pointer constant may start at and still keep it
    /// ([`MARGIN`]; none for a panic location, whose address is never a base of an index).
    pub margin: u32,
}

/// The data symbols of a wasm-ld map (`--Map`) whose names end with one of `wanted`.
/// Symbol lines are `address offset size name`, in hex; functions have `-` as address.
pub fn map_symbols(map: &str, wanted: &[&str]) -> Vec<Symbol> {
    let mut out = Vec::new();
    for line in map.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [address, _, size, name] = fields[..] else {
            continue;
        };
        if !wanted.iter().any(|w| name.ends_with(w)) {
            continue;
        }
        if let (Ok(start), Ok(size)) = (
            u32::from_str_radix(address, 16),
            u32::from_str_radix(size, 16),
        ) {
            out.push(Symbol {
                name: name.to_string(),
                start,
                size,
                margin: MARGIN,
            });
        }
    }
    out
}

/// The panic locations (`core::panic::Location`: a file name's address and length, a line
/// and a column, 16 bytes) among the data symbols of a wasm-ld map, read in the linked
/// module's memory: a symbol of 16 bytes whose first word is the address of another
/// symbol of the map, a text of the next word's length ending in `.rs`, and whose line
/// and column are not zero. Only the panic machinery reads a location, through the
/// address the caller of a panic passes; the callers left in the finished module after
/// `panics.rs` traps the panics and wasm-opt drops the calls are found by
/// [`remove_unreferenced`], which keeps every symbol something can still point into.
/// Returns the locations, then their file names (removed in a second pass: the
/// locations' own words point at them until they are gone).
pub fn locations(map: &str, linked: &[u8]) -> Result<(Vec<Symbol>, Vec<Symbol>), String> {
    let memory = image(&read(linked)?);
    let mut all = Vec::new();
    for line in map.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [address, _, size, name] = fields[..] else {
            continue;
        };
        if let (Ok(start), Ok(size)) = (
            u32::from_str_radix(address, 16),
            u32::from_str_radix(size, 16),
        ) {
            all.push(Symbol {
                name: name.to_string(),
                start,
                size,
                margin: MARGIN,
            });
        }
    }
    let word = |at: u32| -> Option<u32> {
        let bytes = memory.get(at as usize..at as usize + 4)?;
        Some(u32::from_le_bytes(bytes.try_into().ok()?))
    };
    let mut out: Vec<Symbol> = Vec::new();
    let mut files: Vec<Symbol> = Vec::new();
    for symbol in &all {
        if symbol.size != 16 || out.iter().any(|s| s.start == symbol.start) {
            continue;
        }
        let (Some(file), Some(len), Some(line), Some(col)) = (
            word(symbol.start),
            word(symbol.start + 4),
            word(symbol.start + 8),
            word(symbol.start + 12),
        ) else {
            continue;
        };
        let text = memory.get(file as usize..file.saturating_add(len) as usize);
        if line != 0 && col != 0 && text.is_some_and(|t| t.ends_with(b".rs")) {
            out.push(Symbol {
                margin: 0,
                ..symbol.clone()
            });
            // The file name, in the linker's merged strings (no symbol of its own).
            if !files.iter().any(|f: &Symbol| f.start == file) {
                files.push(Symbol {
                    name: [
                        "file name ",
                        &String::from_utf8_lossy(text.unwrap_or_default()),
                    ]
                    .concat(),
                    start: file,
                    size: len,
                    margin: 0,
                });
            }
        }
    }
    Ok((out, files))
}

/// One data segment: its address (`None` when passive) and its bytes.
struct Segment<'a> {
    offset: Option<u32>,
    bytes: &'a [u8],
}

struct Module<'a> {
    sections: Vec<(u8, &'a [u8])>,
    segments: Vec<Segment<'a>>,
}

/// The module's sections: (id, contents), in order.
pub fn sections(wasm: &[u8]) -> Result<Vec<(u8, &[u8])>, String> {
    if wasm.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
        return Err("not a wasm module".into());
    }
    let mut r = Reader {
        bytes: wasm,
        pos: 8,
    };
    let mut out = Vec::new();
    while r.pos < wasm.len() {
        let id = r.byte()?;
        let size = r.leb()? as usize;
        out.push((id, r.take(size)?));
    }
    Ok(out)
}

fn read(wasm: &[u8]) -> Result<Module<'_>, String> {
    let sections = sections(wasm)?;
    let mut segments = Vec::new();
    if let Some((_, data)) = sections.iter().find(|(id, _)| *id == 11) {
        let mut r = Reader {
            bytes: data,
            pos: 0,
        };
        for _ in 0..r.leb()? {
            let offset = match r.leb()? {
                0 => Some(const_offset(&mut r)?),
                1 => None,
                2 => {
                    if r.leb()? != 0 {
                        return Err("wasm: a second memory".into());
                    }
                    Some(const_offset(&mut r)?)
                }
                other => return Err(format!("wasm: data segment kind {other}")),
            };
            let n = r.leb()? as usize;
            segments.push(Segment {
                offset,
                bytes: r.take(n)?,
            });
        }
    }
    Ok(Module { sections, segments })
}

/// An active segment's offset: `i32.const N; end`.
fn const_offset(r: &mut Reader) -> Result<u32, String> {
    if r.byte()? != 0x41 {
        return Err("wasm: a data segment offset that is not a constant".into());
    }
    let value = sleb(r).ok_or("wasm: bad i32.const")?;
    if r.byte()? != 0x0b {
        return Err("wasm: a data segment offset that is not a constant".into());
    }
    Ok(value)
}

/// A signed LEB128 `i32`, as the address it is when used as one.
fn sleb(r: &mut Reader) -> Option<u32> {
    let mut value: i64 = 0;
    let mut shift = 0;
    loop {
        let b = r.byte().ok()?;
        value |= i64::from(b & 0x7f) << shift;
        shift += 7;
        if b & 0x80 == 0 {
            if shift < 64 && b & 0x40 != 0 {
                value |= -1i64 << shift;
            }
            return Some(value as u32);
        }
        if shift >= 35 {
            return None;
        }
    }
}

/// The initial memory: every active segment written over zeroes, from address 0.
fn image(module: &Module) -> Vec<u8> {
    let mut memory = Vec::new();
    for segment in &module.segments {
        if let Some(offset) = segment.offset {
            let (start, end) = (offset as usize, offset as usize + segment.bytes.len());
            if memory.len() < end {
                memory.resize(end, 0);
            }
            memory[start..end].copy_from_slice(segment.bytes);
        }
    }
    memory
}

/// Every constant in the module a pointer can be made of, with where it was found.
fn constants(
    module: &Module,
    js: &str,
    pointers: Option<&[u32]>,
) -> Result<Vec<(u32, &'static str)>, String> {
    let mut out = Vec::new();
    for (id, body) in &module.sections {
        let mut r = Reader {
            bytes: body,
            pos: 0,
        };
        match id {
            2 if crate::panics::imports(body)?.1 > 0 => {
                return Err("an imported global (its value is unknown)".into());
            }
            6 => {
                for _ in 0..r.leb()? {
                    r.byte()?;
                    r.byte()?;
                    instructions(&mut r, &mut out).ok_or("a global's initializer not read")?;
                }
            }
            10 => {
                for i in 0..r.leb()? {
                    let size = r.leb()? as usize;
                    let mut b = Reader {
                        bytes: r.take(size)?,
                        pos: 0,
                    };
                    for _ in 0..b.leb()? {
                        b.leb()?;
                        b.byte()?;
                    }
                    instructions(&mut b, &mut out)
                        .filter(|()| b.pos == size)
                        .ok_or(format!("function body {i}: an instruction not read"))?;
                }
            }
            _ => {}
        }
    }
    out.retain(|(_, what)| *what != CALL);
    let memory = image(module);
    let words = |bytes: &[u8], out: &mut Vec<(u32, &'static str)>, what| {
        for w in bytes.windows(4) {
            out.push((u32::from_le_bytes([w[0], w[1], w[2], w[3]]), what));
        }
    };
    match pointers {
        // Only the words the linker relocated can hold an address: the others are bytes
        // the compiler wrote (tables, text), whatever number they happen to spell.
        Some(pointers) => {
            for &at in pointers {
                let word = memory
                    .get(at as usize..at as usize + 4)
                    .ok_or("a relocation outside the initial memory")?;
                out.push((
                    u32::from_le_bytes([word[0], word[1], word[2], word[3]]),
                    "a word in the data (relocated)",
                ));
            }
        }
        None => words(&memory, &mut out, "a word in the data"),
    }
    for segment in module.segments.iter().filter(|s| s.offset.is_none()) {
        words(segment.bytes, &mut out, "a word in a passive segment");
    }
    let mut digits = js.as_bytes();
    while let Some(at) = digits.iter().position(u8::is_ascii_digit) {
        let run = digits[at..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(digits.len() - at);
        let text = std::str::from_utf8(&digits[at..at + run]).unwrap_or("");
        let value = match text.strip_prefix("0x").or(text.strip_prefix("0X")) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => text.parse::<u32>().ok(),
        };
        if let Some(value) = value {
            out.push((value, "an integer in the JavaScript glue"));
        }
        digits = &digits[at + run..];
    }
    Ok(out)
}

/// What [`instructions`] found a direct call (`call`, `return_call`) of a function index.
pub const CALL: &str = "a call";

/// Reads instructions up to the `end` that closes the sequence, pushing every `i32.const`
/// value, every load's or store's constant offset and every function called directly; `None` on an instruction it does not
/// know (SIMD, GC, threads, several memories: features the modules are not built with).
pub fn instructions(r: &mut Reader, out: &mut Vec<(u32, &'static str)>) -> Option<()> {
    let mut depth = 0u32;
    loop {
        let op = r.byte().ok()?;
        let lebs = match op {
            0x0b => {
                if depth == 0 {
                    return Some(());
                }
                depth -= 1;
                0
            }
            0x02..=0x04 => {
                depth += 1;
                1
            }
            0x41 => {
                out.push((sleb(r)?, "an i32.const"));
                0
            }
            0x28..=0x3e => {
                if r.leb().ok()? >= 64 {
                    return None; // an explicit memory index
                }
                out.push((r.leb().ok()?, "a load's or store's offset"));
                0
            }
            0x00 | 0x01 | 0x05 | 0x0f | 0x1a | 0x1b | 0x45..=0xc4 | 0xd1 => 0,
            0x10 | 0x12 => {
                out.push((r.leb().ok()?, CALL));
                0
            }
            0x0c | 0x0d | 0x20..=0x26 | 0x3f | 0x40 | 0x42 | 0xd2 => 1,
            0x11 | 0x13 => 2,
            0x0e => r.leb().ok()? + 1,
            0x1c => {
                let n = r.leb().ok()? as usize;
                r.take(n).ok()?;
                0
            }
            0x43 => {
                r.take(4).ok()?;
                0
            }
            0x44 => {
                r.take(8).ok()?;
                0
            }
            0xd0 => {
                r.byte().ok()?;
                0
            }
            0xc5..=0xcf
            | 0xd3..=0xfb
            | 0xfd..=0xff
            | 0x06..=0x0a
            | 0x14..=0x19
            | 0x1d..=0x1f
            | 0x27 => return None,
            0xfc => match r.leb().ok()? {
                0..=7 => 0,
                9 | 11 | 13 | 15..=17 => 1,
                8 | 10 | 12 | 14 => 2,
                _ => return None,
            },
        };
        for _ in 0..lebs {
            skip_leb(r)?;
        }
    }
}

/// `module` (the finished wasm) with the bytes of the `symbols` that nothing can point into
/// removed from its data segments, and one line per symbol saying what became of it.
/// `linked` is the linker's output the symbols' addresses come from, `js` the module's
/// JavaScript glue. An error when the proof cannot even start (data moved, a construct not
/// read): then nothing is removed.
pub fn remove_unreferenced(
    linked: &[u8],
    module: &[u8],
    js: &str,
    symbols: &[Symbol],
    pointers: Option<&[u32]>,
) -> Result<(Vec<u8>, Vec<String>), String> {
    let before = read(linked)?;
    let after = read(module)?;
    let mut memory = image(&after);
    let mut linked_memory = image(&before);
    let size = memory.len().max(linked_memory.len());
    memory.resize(size, 0);
    linked_memory.resize(size, 0);
    if linked_memory != memory {
        return Err("the initial memory differs from the linker's output: data moved".into());
    }
    let all = constants(&after, js, pointers)?;
    let mut dead = Vec::new();
    // The ranges no constant may point into, margins included.
    let mut guarded = Vec::new();
    let mut report = Vec::new();
    for symbol in symbols {
        let end = symbol.start.saturating_add(symbol.size);
        let low = symbol.start.saturating_sub(symbol.margin);
        let found = all.iter().find(|(v, _)| (low..end).contains(v));
        if let Some((value, what)) = found {
            report.push(format!(
                "kept {} ({} bytes at {:#x}): {what} {value:#x} may point into it",
                symbol.name, symbol.size, symbol.start
            ));
        } else if end as usize > memory.len() {
            report.push(format!("kept {}: not in the initial memory", symbol.name));
        } else {
            report.push(format!(
                "removed {} ({} bytes at {:#x}): nothing points into it",
                symbol.name, symbol.size, symbol.start
            ));
            dead.push((symbol.start, end));
            guarded.push((low, end));
        }
    }
    if dead.is_empty() {
        return Ok((module.to_vec(), report));
    }
    // Each active segment cut around the dead ranges, its other bytes kept at their
    // addresses; passive segments (their indices used by `memory.init`) stay as they are.
    let mut data = Vec::new();
    let mut count = 0u32;
    for segment in &after.segments {
        let Some(offset) = segment.offset else {
            count += 1;
            data.push(1);
            write_leb(&mut data, segment.bytes.len() as u32);
            data.extend_from_slice(segment.bytes);
            continue;
        };
        let mut pieces = vec![(offset, offset + segment.bytes.len() as u32)];
        for &(start, end) in &dead {
            pieces = pieces
                .into_iter()
                .flat_map(|(a, b)| [(a, b.min(start)), (a.max(end), b)])
                .filter(|(a, b)| a < b)
                .collect();
        }
        for (a, b) in pieces {
            count += 1;
            data.push(0);
            data.push(0x41);
            write_sleb(&mut data, a);
            data.push(0x0b);
            write_leb(&mut data, b - a);
            data.extend_from_slice(&segment.bytes[(a - offset) as usize..(b - offset) as usize]);
        }
    }
    let mut body = Vec::new();
    write_leb(&mut body, count);
    body.extend_from_slice(&data);
    let passive = after.segments.iter().any(|s| s.offset.is_none());
    let mut out = module[..8].to_vec();
    for (id, section) in &after.sections {
        let section: &[u8] = match id {
            11 => &body,
            // The data count: segment indices must not shift under `memory.init`.
            12 if passive => return Err("passive segments with a data count".into()),
            12 => {
                let mut c = Vec::new();
                write_leb(&mut c, count);
                out.push(12);
                write_leb(&mut out, c.len() as u32);
                out.extend_from_slice(&c);
                continue;
            }
            _ => section,
        };
        out.push(*id);
        write_leb(&mut out, section.len() as u32);
        out.extend_from_slice(section);
    }
    // The result re-read: the same memory with the dead ranges zeroed, the same constants.
    let check = read(&out)?;
    let mut expected = memory;
    for &(start, end) in &dead {
        expected[start as usize..end as usize].fill(0);
    }
    let mut got = image(&check);
    got.resize(expected.len(), 0);
    let code = |c: &[(u32, &'static str)]| -> Vec<(u32, &'static str)> {
        c.iter()
            .filter(|(_, what)| !what.starts_with("a word"))
            .copied()
            .collect()
    };
    let again = constants(&check, js, pointers)?;
    let points = again
        .iter()
        .any(|(v, _)| guarded.iter().any(|&(low, end)| (low..end).contains(v)));
    if got != expected || code(&again) != code(&all) || points {
        return Err("the rewritten module does not check out".into());
    }
    Ok((out, report))
}

/// The addresses of the words of the initial memory the linker relocated (`reloc.DATA` of a
/// module linked with `--emit-relocs`): in a module linked without `-pie`, every address the
/// data holds was written there by a relocation, so a word not relocated is no pointer (the
/// code's constants, which can make any address, are read apart). `None` for a module
/// without the linker's relocations (then every 4 bytes of the data count as a pointer).
/// [`remove_unreferenced`] takes them (`None`: every 4 bytes of the data count).
pub fn data_pointers(linked: &[u8]) -> Result<Option<Vec<u32>>, String> {
    let linked = read(linked)?;
    let custom = |wanted: &str| {
        linked.sections.iter().find_map(|(id, body)| {
            let mut r = Reader {
                bytes: body,
                pos: 0,
            };
            (*id == 0 && r.name().ok()? == wanted).then(|| &body[r.pos..])
        })
    };
    let (Some(relocs), Some((_, data))) = (
        custom("reloc.DATA"),
        linked.sections.iter().find(|(id, _)| *id == 11),
    ) else {
        return Ok(None);
    };
    if custom("linking").is_none() {
        return Ok(None);
    }
    // Each segment's bytes: where they start in the data section, and their address.
    let base = data.as_ptr() as usize;
    let spans: Vec<(usize, usize, Option<u32>)> = linked
        .segments
        .iter()
        .map(|s| {
            let start = s.bytes.as_ptr() as usize - base;
            (start, start + s.bytes.len(), s.offset)
        })
        .collect();
    let mut r = Reader {
        bytes: relocs,
        pos: 0,
    };
    r.leb()?;
    let mut out = Vec::new();
    for _ in 0..r.leb()? {
        let kind = r.byte()?;
        let offset = r.leb()? as usize;
        r.leb()?;
        if matches!(kind, 3..=5 | 8 | 9 | 11 | 14..=17 | 21..=23 | 25) {
            skip_leb(&mut r).ok_or("reloc: addend")?;
        }
        let Some(&(start, _, address)) = spans
            .iter()
            .find(|(start, end, _)| (*start..*end).contains(&offset))
        else {
            return Err(format!("reloc.DATA: offset {offset} outside every segment"));
        };
        match address {
            Some(address) => out.push(address + (offset - start) as u32),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// The module with its active data segments that lie at most `max_gap` bytes apart joined
/// into one, the gap written as the zeros memory starts with (the same initial memory).
/// Removing dead data splits segments; each costs a header (offset, size) that gzip cannot
/// predict, where a run of zeros costs next to nothing. Only a module whose segments are
/// all active, in memory 0, in address order and not overlapping is changed.
pub fn merge_segments(wasm: &[u8], max_gap: u32) -> Result<Vec<u8>, String> {
    let module = read(wasm)?;
    let mut merged: Vec<(u32, Vec<u8>)> = Vec::new();
    for segment in &module.segments {
        let Some(offset) = segment.offset else {
            return Ok(wasm.to_vec());
        };
        match merged.last_mut() {
            Some((start, bytes)) if offset >= *start + bytes.len() as u32 => {
                let gap = offset - (*start + bytes.len() as u32);
                if gap <= max_gap {
                    bytes.resize(bytes.len() + gap as usize, 0);
                    bytes.extend_from_slice(segment.bytes);
                    continue;
                }
            }
            Some(_) => return Ok(wasm.to_vec()),
            None => {}
        }
        merged.push((offset, segment.bytes.to_vec()));
    }
    let mut data = Vec::new();
    write_leb(&mut data, merged.len() as u32);
    for (offset, bytes) in &merged {
        data.extend_from_slice(&[0, 0x41]);
        write_sleb(&mut data, *offset);
        data.push(0x0b);
        write_leb(&mut data, bytes.len() as u32);
        data.extend_from_slice(bytes);
    }
    let mut count = Vec::new();
    write_leb(&mut count, merged.len() as u32);
    let mut out = b"\0asm\x01\0\0\0".to_vec();
    for (id, body) in &module.sections {
        let body = match id {
            11 => &data[..],
            12 => &count[..],
            _ => body,
        };
        out.push(*id);
        write_leb(&mut out, body.len() as u32);
        out.extend_from_slice(body);
    }
    if image(&read(&out)?) != image(&module) {
        return Err("the joined segments do not give the same memory".into());
    }
    Ok(out)
}

fn write_sleb(out: &mut Vec<u8>, value: u32) {
    let mut v = value as i32 as i64;
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0) {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// The data symbols of a module linked with `--emit-relocs` whose address is used only in
/// functions named in `trapped` (at least once, and never in data): the relocations say
/// exactly which symbol each address in the code and the data was made from, whatever
/// constant the compiler added to it. Read: the `linking` section's symbol table (data
/// symbols: segment, offset, size), `reloc.CODE` (whose function each relocation is in, by
/// the `name` section) and `reloc.DATA`.
pub fn read_only_by(linked: &[u8], trapped: &[&str]) -> Result<Vec<Symbol>, String> {
    let module = read(linked)?;
    let custom = |wanted: &str| {
        module.sections.iter().find_map(|(id, body)| {
            let mut r = Reader {
                bytes: body,
                pos: 0,
            };
            (*id == 0 && r.name().ok()? == wanted).then(|| &body[r.pos..])
        })
    };
    let (Some(linking), Some(code_relocs), Some(names)) = (
        custom("linking"),
        custom("reloc.CODE"),
        module.sections.iter().find_map(|(id, body)| {
            let mut r = Reader {
                bytes: body,
                pos: 0,
            };
            (*id == 0 && r.name().ok()? == "name").then_some(*body)
        }),
    ) else {
        return Err(
            "not linked with --emit-relocs (no linking, reloc.CODE or name section)".into(),
        );
    };
    let segment_offsets: Vec<Option<u32>> = module.segments.iter().map(|s| s.offset).collect();
    // Data symbols: symbol index → (name, address, size).
    let mut symbols = std::collections::HashMap::new();
    let mut r = Reader {
        bytes: linking,
        pos: 0,
    };
    if r.leb()? != 2 {
        return Err("linking section version".into());
    }
    while r.pos < linking.len() {
        let kind = r.byte()?;
        let size = r.leb()? as usize;
        let body = r.take(size)?;
        if kind != 8 {
            continue;
        }
        let mut s = Reader {
            bytes: body,
            pos: 0,
        };
        for index in 0..s.leb()? {
            let kind = s.byte()?;
            let flags = s.leb()?;
            let undefined = flags & 0x10 != 0;
            match kind {
                0 | 2 | 4 | 5 => {
                    s.leb()?;
                    if !undefined || flags & 0x40 != 0 {
                        s.name()?;
                    }
                }
                1 => {
                    let name = s.name()?;
                    if !undefined {
                        let (segment, offset, size) = (s.leb()?, s.leb()?, s.leb()?);
                        let base = segment_offsets.get(segment as usize).copied().flatten();
                        if let Some(base) = base {
                            symbols.insert(index, (name, base + offset, size));
                        }
                    }
                }
                3 => {
                    s.leb()?;
                }
                other => return Err(format!("linking: symbol kind {other}")),
            }
        }
    }
    // Where each function body starts in the code section, and its name.
    let imported = module
        .sections
        .iter()
        .find(|(id, _)| *id == 2)
        .map(|(_, body)| crate::panics::imported_functions(body))
        .transpose()?
        .unwrap_or(0);
    let names: std::collections::HashMap<u32, String> =
        crate::panics::function_names(names)?.into_iter().collect();
    let code = module
        .sections
        .iter()
        .find(|(id, _)| *id == 10)
        .map(|(_, body)| *body)
        .ok_or("no code section")?;
    let mut bodies = Vec::new();
    let mut c = Reader {
        bytes: code,
        pos: 0,
    };
    for i in 0..c.leb()? {
        let size = c.leb()? as usize;
        bodies.push((c.pos, c.pos + size, i + imported));
        c.take(size)?;
    }
    let in_trapped = |offset: usize| {
        bodies
            .iter()
            .find(|(start, end, _)| (*start..*end).contains(&offset))
            .and_then(|(_, _, f)| names.get(f))
            .map(|name| crate::panics::plain(&rustc_demangle::demangle(name).to_string()))
            .is_some_and(|name| trapped.contains(&name.as_str()))
    };
    // Per data symbol: used in a trapped function, used anywhere else.
    let mut uses: std::collections::HashMap<u32, (bool, bool)> = std::collections::HashMap::new();
    for (section, relocs) in [
        ("reloc.CODE", Some(code_relocs)),
        ("reloc.DATA", custom("reloc.DATA")),
    ] {
        let Some(relocs) = relocs else { continue };
        let mut r = Reader {
            bytes: relocs,
            pos: 0,
        };
        r.leb()?;
        for _ in 0..r.leb()? {
            let kind = r.byte()?;
            let offset = r.leb()? as usize;
            let index = r.leb()?;
            if matches!(kind, 3..=5 | 8 | 9 | 11 | 14..=17 | 21..=23 | 25) {
                skip_leb(&mut r).ok_or("reloc: addend")?;
            }
            if !symbols.contains_key(&index) {
                continue;
            }
            let entry = uses.entry(index).or_default();
            if section == "reloc.CODE" && in_trapped(offset) {
                entry.0 = true;
            } else {
                entry.1 = true;
            }
        }
    }
    let mut out: Vec<Symbol> = uses
        .into_iter()
        .filter(|(_, (trapped, other))| *trapped && !other)
        .filter_map(|(index, _)| symbols.get(&index))
        .map(|(name, start, size)| Symbol {
            name: name.clone(),
            start: *start,
            size: *size,
            margin: MARGIN,
        })
        .collect();
    out.sort_by_key(|s| s.start);
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn section(wasm: &mut Vec<u8>, id: u8, body: &[u8]) {
        wasm.push(id);
        write_leb(wasm, body.len() as u32);
        wasm.extend_from_slice(body);
    }

    /// A module with one function `body` (no locals, without the final `end`) and 0x200
    /// bytes of data at 0x1000, all 0xaa but a pointer to 0x1190 stored at 0x1180.
    fn module(body: &[u8]) -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        section(&mut wasm, 1, &[1, 0x60, 0, 0]);
        section(&mut wasm, 3, &[1, 0]);
        section(&mut wasm, 5, &[1, 0, 1]);
        let mut code = vec![1];
        write_leb(&mut code, body.len() as u32 + 2);
        code.push(0);
        code.extend_from_slice(body);
        code.push(0x0b);
        section(&mut wasm, 10, &code);
        let mut bytes = vec![0xaa; 0x200];
        bytes[0x180..0x184].copy_from_slice(&0x1190u32.to_le_bytes());
        let mut data = vec![1, 0, 0x41, 0x80, 0x20, 0x0b];
        write_leb(&mut data, bytes.len() as u32);
        data.extend_from_slice(&bytes);
        section(&mut wasm, 11, &data);
        wasm
    }

    fn symbol(name: &str, start: u32) -> Symbol {
        Symbol {
            name: name.into(),
            start,
            size: 0x10,
            margin: MARGIN,
        }
    }

    // i32.const 0x1004; drop; i32.const 0; i32.load offset=0x1104; drop
    const BODY: &[u8] = &[0x41, 0x84, 0x20, 0x1a, 0x41, 0, 0x28, 2, 0x84, 0x22, 0x1a];

    #[test]
    fn only_a_symbol_nothing_points_into_is_removed() {
        let wasm = module(BODY);
        let symbols = [
            symbol("constant", 0x1000),
            symbol("unreferenced", 0x1080),
            symbol("offset", 0x1100),
            symbol("stored", 0x1190),
            symbol("below the constant", 0x1030),
        ];
        let (out, report) = remove_unreferenced(&wasm, &wasm, "", &symbols, None).unwrap();
        assert!(report[0].starts_with("kept constant"), "{report:?}");
        assert!(report[1].starts_with("removed unreferenced"), "{report:?}");
        assert!(report[2].starts_with("kept offset"), "{report:?}");
        assert!(report[3].starts_with("kept stored"), "{report:?}");
        // 0x1004 is within the margin below 0x1030.
        assert!(report[4].starts_with("kept below"), "{report:?}");
        let before = image(&read(&wasm).unwrap());
        let after = image(&read(&out).unwrap());
        assert_eq!(after.len(), before.len());
        for (address, (a, b)) in before.iter().zip(&after).enumerate() {
            let dead = (0x1080..0x1090).contains(&address);
            assert_eq!(*b, if dead { 0 } else { *a }, "{address:#x}");
        }
        assert!(out.len() < wasm.len(), "the zeroes are not stored");

        // An integer of the JavaScript glue counts as a pointer too.
        let (_, report) =
            remove_unreferenced(&wasm, &wasm, "f(4224)", &symbols[1..2], None).unwrap();
        assert!(report[0].starts_with("kept unreferenced"), "{report:?}");
    }

    #[test]
    fn nothing_is_removed_without_a_proof() {
        let wasm = module(BODY);
        let symbols = [symbol("unreferenced", 0x1080)];
        // An instruction the reader does not know (a SIMD prefix).
        let mut body = BODY.to_vec();
        body.extend_from_slice(&[0xfd, 0x0c]);
        let unknown = module(&body);
        assert!(remove_unreferenced(&unknown, &unknown, "", &symbols, None).is_err());
        // Data not where the linker put it.
        let mut moved = module(BODY);
        let at = moved.len() - 0x200;
        moved[at] = 0;
        assert!(remove_unreferenced(&moved, &wasm, "", &symbols, None).is_err());
    }

    #[test]
    fn with_the_linkers_relocations_only_relocated_words_of_the_data_are_pointers() {
        let mut wasm = module(BODY);
        // Bytes that spell 0x1080 at an odd address: no pointer, but a number like one.
        let at = wasm.len() - 0x200;
        wasm[at + 0x21..at + 0x25].copy_from_slice(&0x1080u32.to_le_bytes());
        let symbols = [symbol("unreferenced", 0x1080), symbol("stored", 0x1190)];
        let (_, report) = remove_unreferenced(&wasm, &wasm, "", &symbols, None).unwrap();
        assert!(report[0].starts_with("kept unreferenced"), "{report:?}");
        // The linker's relocations: only the word at 0x1180 (the data section's byte
        // 8 + 0x180: count, kind, offset, size, then the bytes) holds an address.
        custom(&mut wasm, "linking", &[2]);
        custom(&mut wasm, "reloc.DATA", &[3, 1, 5, 0x88, 0x03, 0, 0]);
        let pointers = data_pointers(&wasm).unwrap();
        assert_eq!(pointers.as_deref(), Some([0x1180].as_slice()));
        assert_eq!(data_pointers(&module(BODY)).unwrap(), None);
        let (out, report) =
            remove_unreferenced(&wasm, &wasm, "", &symbols, pointers.as_deref()).unwrap();
        assert!(report[0].starts_with("removed unreferenced"), "{report:?}");
        assert!(report[1].starts_with("kept stored"), "{report:?}");
        let after = image(&read(&out).unwrap());
        assert_eq!(after[0x1080..0x1090], [0; 16]);
        // A relocation outside every segment: no proof.
        let mut bad = module(BODY);
        custom(&mut bad, "linking", &[2]);
        custom(&mut bad, "reloc.DATA", &[3, 1, 5, 0x80, 0x10, 0, 0]);
        assert!(data_pointers(&bad).is_err());
    }

    #[test]
    fn map_symbols_are_read_by_name() {
        let map = "    Addr      Off     Size Out     In      Symbol
  100000    7633a     61c8 .rodata
  10088e    76bd2      2ff         x.o:(.rodata._RNvCs1_4core7unicode5TABLE)
  10088e    76bd2      2ff                 _RNvCs1_4core7unicode5TABLE
       -    16e1f       1c                 _RNvCs1_4core7unicode5TABLE";
        assert_eq!(
            map_symbols(map, &["4core7unicode5TABLE"]),
            [Symbol {
                name: "_RNvCs1_4core7unicode5TABLE".into(),
                start: 0x10088e,
                size: 0x2ff,
                margin: MARGIN,
            }]
        );
    }

    fn custom(wasm: &mut Vec<u8>, name: &str, body: &[u8]) {
        let mut contents = Vec::new();
        write_leb(&mut contents, name.len() as u32);
        contents.extend_from_slice(name.as_bytes());
        contents.extend_from_slice(body);
        section(wasm, 0, &contents);
    }

    /// A linker's output with relocations: `core::option::unwrap_failed` (trapped) uses
    /// symbols A, B and C, `keep` uses B, and a word of the data holds C's address.
    fn linked() -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        section(&mut wasm, 1, &[1, 0x60, 0, 0]);
        section(&mut wasm, 3, &[2, 0, 0]);
        section(&mut wasm, 5, &[1, 0, 1]);
        // i32.const (5 bytes) and drop, three times; then once.
        let constant = [0x41, 0x80, 0x80, 0x80, 0x80, 0, 0x1a];
        let mut trapped = vec![0];
        (0..3).for_each(|_| trapped.extend_from_slice(&constant));
        trapped.push(0x0b);
        let mut keep = vec![0];
        keep.extend_from_slice(&constant);
        keep.push(0x0b);
        let mut code = vec![2, trapped.len() as u8];
        code.extend_from_slice(&trapped);
        let keep_at = code.len() + 1;
        code.push(keep.len() as u8);
        code.extend_from_slice(&keep);
        section(&mut wasm, 10, &code);
        let mut data = vec![1, 0, 0x41, 0x80, 0x20, 0x0b, 0x40];
        data.extend_from_slice(&[0xaa; 0x40]);
        section(&mut wasm, 11, &data);
        // The symbol table: A, B, C of 16 bytes each at 0x1000, 0x1010, 0x1020.
        let mut table = vec![3];
        for (i, name) in ["A", "B", "C"].iter().enumerate() {
            table.extend_from_slice(&[1, 0, 1, name.as_bytes()[0], 0, 0x10 * i as u8, 0x10]);
        }
        let mut linking = vec![2, 8];
        write_leb(&mut linking, table.len() as u32);
        linking.extend_from_slice(&table);
        custom(&mut wasm, "linking", &linking);
        // R_WASM_MEMORY_ADDR_SLEB (4): offset, symbol, addend (B's with a negative one).
        let at = |k: usize| 2 + 1 + 7 * k as u8 + 1;
        let relocs = [
            4,
            at(0),
            0,
            0,
            4,
            at(1),
            1,
            0x40,
            4,
            at(2),
            2,
            0,
            4,
            keep_at as u8 + 2,
            1,
            0,
        ];
        let mut reloc_code = vec![3, 4];
        reloc_code.extend_from_slice(&relocs);
        custom(&mut wasm, "reloc.CODE", &reloc_code);
        // R_WASM_MEMORY_ADDR_I32 (5) in the data: C.
        custom(&mut wasm, "reloc.DATA", &[4, 1, 5, 8, 2, 0]);
        let mut names = vec![2, 0];
        let long = b"core[c5930c85a12de822]::option::unwrap_failed";
        names.push(long.len() as u8);
        names.extend_from_slice(long);
        names.extend_from_slice(&[1, 4]);
        names.extend_from_slice(b"keep");
        let mut sub = vec![1];
        write_leb(&mut sub, names.len() as u32);
        sub.extend_from_slice(&names);
        custom(&mut wasm, "name", &sub);
        wasm
    }

    #[test]
    fn only_data_used_by_trapped_functions_alone_is_a_candidate() {
        let found = read_only_by(&linked(), crate::panics::DIVERGING).unwrap();
        assert_eq!(
            found,
            [Symbol {
                name: "A".into(),
                start: 0x1000,
                size: 0x10,
                margin: MARGIN,
            }]
        );
        // Nothing trapped: no candidate.
        assert!(read_only_by(&linked(), &[]).unwrap().is_empty());
        // Without relocations there is no proof.
        assert!(read_only_by(&module(BODY), crate::panics::DIVERGING).is_err());
    }

    /// A panic location is a 16-byte symbol pointing at a `.rs` file name with a line and
    /// a column; its file name comes second. Other 16-byte symbols are no locations.
    #[test]
    fn panic_locations_and_their_file_names_are_candidates() {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        section(&mut wasm, 5, &[1, 0, 1]);
        let mut bytes = vec![0u8; 0x40];
        bytes[..8].copy_from_slice(b"src/a.rs");
        bytes[8..16].copy_from_slice(b"a string");
        for (at, words) in [
            (0x10, [0x1000, 8, 12, 5]),
            (0x20, [0x1008, 8, 12, 5]),
            (0x30, [0x1000, 8, 0, 5]),
        ] {
            for (i, w) in words.iter().enumerate() {
                bytes[at + 4 * i..at + 4 * i + 4].copy_from_slice(&u32::to_le_bytes(*w));
            }
        }
        let mut data = vec![1, 0, 0x41, 0x80, 0x20, 0x0b];
        write_leb(&mut data, bytes.len() as u32);
        data.extend_from_slice(&bytes);
        section(&mut wasm, 11, &data);
        let map = "    1000    0    10    .Lanon.a.1\n    1010    10    10    .Lanon.a.2\n    1020    20    10    .Lanon.a.3\n    1030    30    10    .Lanon.a.4\n";
        let (locations, files) = locations(map, &wasm).unwrap();
        assert_eq!(
            locations,
            [Symbol {
                name: ".Lanon.a.2".into(),
                start: 0x1010,
                size: 0x10,
                margin: 0,
            }]
        );
        assert_eq!(
            files,
            [Symbol {
                name: "file name src/a.rs".into(),
                start: 0x1000,
                size: 8,
                margin: 0,
            }]
        );
    }

    /// A module with active segments of `bytes` at `offsets`, and a data count section.
    fn segments(parts: &[(u32, &[u8])]) -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        section(&mut wasm, 5, &[1, 0, 1]);
        section(&mut wasm, 12, &[parts.len() as u8]);
        let mut data = vec![parts.len() as u8];
        for (offset, bytes) in parts {
            data.extend_from_slice(&[0, 0x41]);
            write_sleb(&mut data, *offset);
            data.push(0x0b);
            write_leb(&mut data, bytes.len() as u32);
            data.extend_from_slice(bytes);
        }
        section(&mut wasm, 11, &data);
        wasm
    }

    #[test]
    fn segments_a_gap_apart_are_joined_with_zeros_and_others_kept() {
        let wasm = segments(&[(0x1000, b"abcd"), (0x1008, b"ef"), (0x1100, b"gh")]);
        let joined = merge_segments(&wasm, 4).unwrap();
        assert_eq!(
            joined,
            segments(&[(0x1000, b"abcd\0\0\0\0ef"), (0x1100, b"gh")])
        );
        assert_eq!(image(&read(&joined).unwrap()), image(&read(&wasm).unwrap()));
        assert_eq!(merge_segments(&wasm, 3).unwrap(), wasm);
        let all = merge_segments(&wasm, u32::MAX).unwrap();
        assert_eq!(read(&all).unwrap().segments.len(), 1);
        // Out of order or overlapping: left as it is.
        let unordered = segments(&[(0x1008, b"ef"), (0x1000, b"abcd")]);
        assert_eq!(merge_segments(&unordered, 100).unwrap(), unordered);
    }
}
