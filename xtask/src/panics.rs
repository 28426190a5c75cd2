//! The standard library's panic entry points in a wasm module, each reduced to a trap.
//!
//! Since the standard library is rebuilt with each module with `panic=immediate-abort`
//! (`dist.rs`), the modules have none left: `dist.rs` checks that with
//! [`panic_entry_points`] (one found means the rebuild did not take effect), and [`stub`]
//! reduces wasm-bindgen's closure shims nothing can call ([`JS_ONLY`]) to a trap. The lists
//! of panic functions below stay for that check and as the fallback described here, which
//! is how the modules were built before (with the precompiled standard library):
//!
//! A panic in the browser ends in a trap either way: the wasm target aborts (`unreachable`)
//! and its panic hook writes to a standard error that goes nowhere (no hook of our own is
//! installed). But the code that formats panic messages is linked all the same: bounds and
//! char-boundary messages with `core::fmt`'s `Debug` of chars and ranges, the hook, the
//! payloads. The stable toolchain cannot leave it out (`panic_immediate_abort` needs a
//! rebuilt standard library), so `cargo xtask dist` does it after linking: the bodies of
//! the functions below (found by name in the module's name section, which wasm-bindgen
//! keeps until wasm-opt strips it) become a single `unreachable`, and wasm-opt then drops
//! what only they reached. Measured (gzip -9): engine 1.9 KB smaller (130106 → 128248
//! bytes), tools 1.5 KB (85461 → 83915), UI 1.4 KB (81974 → 80572).

/// Functions that never return and do nothing observable before the trap, and functions
/// only they reach, by their names without crate disambiguators (`core[…]`) and hashes
/// (`::h…`, `.N`).
pub(crate) const DIVERGING: &[&str] = &[
    "core::panicking::panic_fmt",
    "core::panicking::panic",
    "core::panicking::panic_bounds_check",
    "core::panicking::panic_nounwind",
    "core::panicking::panic_nounwind_fmt",
    "core::panicking::panic_const::panic_const_div_by_zero",
    "core::panicking::panic_const::panic_const_rem_by_zero",
    "core::str::slice_error_fail",
    "core::str::slice_error_fail_rt",
    "core::slice::index::slice_index_fail",
    "core::slice::index::slice_start_index_len_fail",
    "core::slice::index::slice_end_index_len_fail",
    "core::slice::index::slice_index_order_fail",
    "core::option::unwrap_failed",
    "core::option::expect_failed",
    "core::result::unwrap_failed",
    "core::cell::panic_already_borrowed",
    "core::cell::panic_already_mutably_borrowed",
    "std::thread::local::panic_access_error",
    "std::panicking::panic_with_hook",
    "std::panicking::panic_handler::{closure#0}",
    "alloc::raw_vec::capacity_overflow",
    "alloc::alloc::handle_alloc_error",
    "__rustc::__rust_alloc_error_handler",
    "<alloc::vec::Vec<_, _>>::insert_mut::assert_failed",
    "<alloc::vec::Vec<_, _>>::remove::assert_failed",
    "<hashbrown::raw::Fallibility>::capacity_overflow",
    // Not diverging, but reached only from the messages of the panics above (no code of
    // ours formats a char, a range or these errors): they stay in the module's function
    // table all the same (wasm-opt keeps every table entry, since a vtable in memory may
    // hold its index), so only the trap drops them and what they alone reach. `char`'s
    // `Debug` brings the Unicode tables of `is_printable` and `Grapheme_Extend`. Measured
    // (gzip -9): engine 130105 → 129154 bytes, tools 84100 → 83178, UI 80656 → 79373.
    "<char as core::fmt::Debug>::fmt",
    "<core::ops::range::Range<usize> as core::fmt::Debug>::fmt",
    "<core::fmt::Error as core::fmt::Debug>::fmt",
    "<std::thread::local::AccessError as core::fmt::Debug>::fmt",
    "<core::cell::BorrowMutError as core::fmt::Display>::fmt",
    "<core::cell::BorrowError as core::fmt::Display>::fmt",
];

/// Formatting functions that stay in a module only through its function table, for the
/// arguments of the panic messages above (a `fmt::Arguments` built in code or a vtable in
/// memory holds their table index, and wasm-opt keeps every table entry): reduced to a
/// trap only in a module that formats nothing, that is one without `core::fmt::write`
/// (no `fmt::Arguments` is ever written: `format!`, `write!`, `to_string` of a type
/// formatted by parts) and without a direct call of them ([`called`]) but from the
/// functions reduced to a trap above (`Range<usize>`'s `Debug` calls `usize`'s). They then cannot be
/// reached but through an indirect call with a `Formatter`, and only `core::fmt::write`
/// and these functions' own callers make one. The engine is such a module (its
/// formatting is the crate's own: `decimal.rs`, `json::write_int`): `twiggy paths` on it
/// shows `elem[0]` as their only retainer, `Formatter::pad`, `pad_integral` and
/// `do_count_chars`' share of `pad` retained by them alone. Measured (gzip -9): engine
/// 126008 → 125399 bytes; tools and UI format (`core::fmt::write` is there) and keep them.
const PANIC_FORMATTING: &[&str] = &[
    "<usize as core::fmt::Display>::fmt",
    "<&str as core::fmt::Display>::fmt",
];

/// wasm-bindgen's shims through which JavaScript calls a Rust closure (`Closure`, `&dyn
/// FnMut` arguments of imports): the glue calls the shim of a closure it is given through an
/// export (the shim, or an `externref` shim calling it), and could call one by its index in
/// the module's function table; that index is otherwise written only by the descriptor
/// functions wasm-bindgen runs and removes. So in a module whose function table JavaScript
/// cannot reach (not exported, not imported: [`table_reachable_from_js`]), a shim neither
/// exported nor called directly never runs: it stays only as an entry of that table (every
/// signature of every `js_sys` import taking a closure, used or not), with what it reaches.
/// Measured (gzip -9): engine 132975 → 132816 bytes (43 shims and the panic catching they
/// reach); the UI module keeps the shim of its one closure (an event listener).
const JS_ONLY: &[&str] = &["wasm_bindgen::convert::closures::_::invoke"];

/// Whether JavaScript can reach the module's function table (a `funcref` table exported
/// or imported): then it may call any function in it. Tables of `externref` (wasm-bindgen's
/// heap of JavaScript values) hold no functions.
fn table_reachable_from_js(sections: &[(u8, &[u8])]) -> Result<bool, String> {
    let mut funcref_tables = Vec::new();
    for (id, body) in sections {
        let mut r = Reader {
            bytes: body,
            pos: 0,
        };
        match id {
            // Any imported table: its index shifts the module's own; count it as reachable.
            2 if imports(body)?.2 > 0 => return Ok(true),
            4 => {
                for i in 0..r.leb()? {
                    if r.byte()? == 0x70 {
                        funcref_tables.push(i);
                    }
                    limits(&mut r)?;
                }
            }
            7 => {
                for _ in 0..r.leb()? {
                    r.name()?;
                    let kind = r.byte()?;
                    let index = r.leb()?;
                    if kind == 1 && funcref_tables.contains(&index) {
                        return Ok(true);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(false)
}

/// The indices of the functions the module exports (wasm-bindgen 0.2.130 exports the
/// invoke shim of a closure it passes to JavaScript, or a shim calling it).
fn exported_functions(sections: &[(u8, &[u8])]) -> Result<Vec<u32>, String> {
    let mut out = Vec::new();
    for (_, body) in sections.iter().filter(|(id, _)| *id == 7) {
        let mut r = Reader {
            bytes: body,
            pos: 0,
        };
        for _ in 0..r.leb()? {
            r.name()?;
            let kind = r.byte()?;
            let index = r.leb()?;
            if kind == 0 {
                out.push(index);
            }
        }
    }
    Ok(out)
}

/// `name` without crate disambiguators (`core[c5930c85a12de822]`), a trailing symbol
/// hash (`::h0123456789abcdef`) or a trailing duplicate mark (`.12`).
pub(crate) fn plain(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        let close = rest[open..].find(']').map(|c| open + c);
        match close {
            Some(close) if rest[open + 1..close].bytes().all(|b| b.is_ascii_hexdigit()) => {
                out.push_str(&rest[..open]);
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    if let Some(dot) = out.rfind('.') {
        if dot + 1 < out.len() && out[dot + 1..].bytes().all(|b| b.is_ascii_digit()) {
            out.truncate(dot);
        }
    }
    if let Some(h) = out.rfind("::h") {
        let hash = &out[h + 3..];
        if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            out.truncate(h);
        }
    }
    out
}

/// `name` without the generic arguments of its last path segment (`f::<T, U>` → `f`): the
/// standard library rebuilt with the module (`dist.rs`) names wasm-bindgen's closure shims
/// with them (`…::invoke::<JsValue, …, true>`).
fn without_generic_arguments(name: &str) -> &str {
    match name.find("::<") {
        Some(at) if name.ends_with('>') => &name[..at],
        _ => name,
    }
}

/// The [`DIVERGING`] functions found in `wasm` by name: none when the standard library was
/// rebuilt with `panic=immediate-abort` (`dist.rs`), where every panic is an inline trap.
pub fn panic_entry_points(wasm: &[u8]) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    for (id, body) in crate::deadata::sections(wasm)? {
        if id == 0 {
            for (_, name) in function_names(body)? {
                let name = plain(&name);
                if DIVERGING.contains(&name.as_str()) && !found.contains(&name) {
                    found.push(name);
                }
            }
        }
    }
    Ok(found)
}

pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn byte(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.pos).ok_or("wasm: unexpected end")?;
        self.pos += 1;
        Ok(b)
    }

    pub(crate) fn leb(&mut self) -> Result<u32, String> {
        let mut value = 0u64;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return u32::try_from(value).map_err(|_| "wasm: LEB128 too large".to_string());
            }
        }
        Err("wasm: LEB128 too long".into())
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).ok_or("wasm: size overflow")?;
        let out = self
            .bytes
            .get(self.pos..end)
            .ok_or("wasm: unexpected end")?;
        self.pos = end;
        Ok(out)
    }

    pub(crate) fn name(&mut self) -> Result<String, String> {
        let n = self.leb()? as usize;
        Ok(String::from_utf8_lossy(self.take(n)?).into_owned())
    }
}

pub(crate) fn write_leb(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// The number of imported functions (they come first in the function index space).
pub(crate) fn imported_functions(section: &[u8]) -> Result<u32, String> {
    imports(section).map(|(functions, _, _)| functions)
}

/// The numbers of imported functions, globals and tables.
pub(crate) fn imports(section: &[u8]) -> Result<(u32, u32, u32), String> {
    let mut r = Reader {
        bytes: section,
        pos: 0,
    };
    let (mut functions, mut globals, mut tables) = (0, 0, 0);
    for _ in 0..r.leb()? {
        r.name()?;
        r.name()?;
        match r.byte()? {
            0 => {
                r.leb()?;
                functions += 1;
            }
            1 => {
                r.byte()?;
                limits(&mut r)?;
                tables += 1;
            }
            2 => limits(&mut r)?,
            3 => {
                r.byte()?;
                r.byte()?;
                globals += 1;
            }
            4 => {
                r.byte()?;
                r.leb()?;
            }
            other => return Err(format!("wasm: unknown import kind {other}")),
        }
    }
    Ok((functions, globals, tables))
}

fn limits(r: &mut Reader) -> Result<(), String> {
    let flags = r.byte()?;
    r.leb()?;
    if flags & 1 != 0 {
        r.leb()?;
    }
    Ok(())
}

/// Function index → name, from the `name` custom section's function names.
pub(crate) fn function_names(section: &[u8]) -> Result<Vec<(u32, String)>, String> {
    let mut r = Reader {
        bytes: section,
        pos: 0,
    };
    if r.name()? != "name" {
        return Ok(Vec::new());
    }
    while r.pos < section.len() {
        let id = r.byte()?;
        let size = r.leb()? as usize;
        let body = r.take(size)?;
        if id == 1 {
            let mut s = Reader {
                bytes: body,
                pos: 0,
            };
            let mut names = Vec::new();
            for _ in 0..s.leb()? {
                let index = s.leb()?;
                names.push((index, s.name()?));
            }
            return Ok(names);
        }
    }
    Ok(Vec::new())
}

/// `wasm` with the bodies of the [`DIVERGING`] functions replaced by `unreachable`, and
/// how many were replaced.
pub fn stub(wasm: &[u8]) -> Result<(Vec<u8>, usize), String> {
    let sections = crate::deadata::sections(wasm)?;
    let mut imported = 0;
    let mut names = Vec::new();
    for (id, body) in &sections {
        match id {
            2 => imported = imported_functions(body)?,
            0 => names.extend(function_names(body)?),
            _ => {}
        }
    }
    let formats = names
        .iter()
        .any(|(_, name)| plain(name) == "core::fmt::write");
    let own = |list: &[&str]| -> Vec<u32> {
        names
            .iter()
            .filter(|(_, name)| {
                let name = plain(name);
                list.contains(&name.as_str()) || list.contains(&without_generic_arguments(&name))
            })
            .filter_map(|(index, _)| index.checked_sub(imported))
            .collect()
    };
    let mut stubbed = own(DIVERGING);
    let code = sections
        .iter()
        .find(|(id, _)| *id == 10)
        .map(|(_, body)| *body);
    // Those of `list` no function left calls directly.
    let uncalled = |list: &[&str], stubbed: &[u32]| -> Vec<u32> {
        own(list)
            .into_iter()
            .filter(|i| !code.is_some_and(|code| called(code, i + imported, stubbed)))
            .collect()
    };
    if !formats {
        let unused = uncalled(PANIC_FORMATTING, &stubbed);
        stubbed.extend(unused);
    }
    if !table_reachable_from_js(&sections)? {
        let exported = exported_functions(&sections)?;
        let unused: Vec<u32> = uncalled(JS_ONLY, &stubbed)
            .into_iter()
            .filter(|i| !exported.contains(&(i + imported)))
            .collect();
        stubbed.extend(unused);
    }
    let mut out = wasm[..8].to_vec();
    for (id, body) in sections {
        // The linker's relocations (`--emit-relocs`, for `deadata.rs`, which reads them in
        // the linker's output): stale after wasm-bindgen, and not shipped.
        let mut custom = Reader {
            bytes: body,
            pos: 0,
        };
        let custom = if id == 0 { custom.name().ok() } else { None };
        if custom.is_some_and(|name| name == "linking" || name.starts_with("reloc.")) {
            continue;
        }
        let code;
        let body = if id == 10 {
            code = stub_code(body, &stubbed)?;
            &code[..]
        } else {
            body
        };
        out.push(id);
        write_leb(&mut out, body.len() as u32);
        out.extend_from_slice(body);
    }
    Ok((out, stubbed.len()))
}

/// Whether the code section calls function `index` directly (`call`, `return_call`)
/// from a function other than those `stubbed` (indices among the module's own
/// functions), read instruction by instruction. An instruction this reader does not know
/// (SIMD, GC, threads: features the modules are not built with) or a body it cannot read
/// counts as a call: the answer errs on the side of keeping the function.
fn called(code: &[u8], index: u32, stubbed: &[u32]) -> bool {
    let mut c = Reader {
        bytes: code,
        pos: 0,
    };
    let Ok(count) = c.leb() else { return true };
    for i in 0..count {
        let body = c.leb().and_then(|size| c.take(size as usize));
        match body.map(|body| stubbed.contains(&i) || calls_in(body, index) == Some(false)) {
            Ok(true) => {}
            _ => return true,
        }
    }
    false
}

/// Whether one function body calls `index` directly; `None` when it cannot be read.
fn calls_in(body: &[u8], index: u32) -> Option<bool> {
    let mut r = Reader {
        bytes: body,
        pos: 0,
    };
    for _ in 0..r.leb().ok()? {
        r.leb().ok()?;
        r.byte().ok()?;
    }
    let mut found = Vec::new();
    crate::deadata::instructions(&mut r, &mut found)?;
    (r.pos == body.len()).then_some(())?;
    Some(
        found
            .iter()
            .any(|&(value, what)| what == crate::deadata::CALL && value == index),
    )
}

/// Skips one LEB128 number of any width (an `i64.const` takes up to ten bytes).
pub(crate) fn skip_leb(r: &mut Reader) -> Option<()> {
    for _ in 0..10 {
        if r.byte().ok()? & 0x80 == 0 {
            return Some(());
        }
    }
    None
}

/// The code section with the bodies of functions `stubbed` (indices among the module's
/// own functions) replaced by `unreachable`.
fn stub_code(section: &[u8], stubbed: &[u32]) -> Result<Vec<u8>, String> {
    let mut c = Reader {
        bytes: section,
        pos: 0,
    };
    let count = c.leb()?;
    let mut out = Vec::with_capacity(section.len());
    write_leb(&mut out, count);
    for i in 0..count {
        let size = c.leb()? as usize;
        let code = c.take(size)?;
        if stubbed.contains(&i) {
            // No locals; `unreachable`; `end`.
            out.extend_from_slice(&[3, 0, 0x00, 0x0b]);
        } else {
            write_leb(&mut out, size as u32);
            out.extend_from_slice(code);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_compared_without_disambiguators_and_hashes() {
        assert_eq!(
            plain("core[c5930c85a12de822]::panicking::panic_fmt"),
            "core::panicking::panic_fmt"
        );
        assert_eq!(
            plain("<alloc[3ca501edff3f0c7c]::vec::Vec<_, _>>::remove::assert_failed"),
            "<alloc::vec::Vec<_, _>>::remove::assert_failed"
        );
        assert_eq!(
            plain("core::option::unwrap_failed::h0123456789abcdef"),
            "core::option::unwrap_failed"
        );
        assert_eq!(plain("alloc::fmt::format.256"), "alloc::fmt::format");
        assert_eq!(plain("a[x]::b"), "a[x]::b");
    }

    #[test]
    fn a_named_diverging_function_becomes_a_trap_and_others_stay() {
        // (import "m" "f" (func)) (func $core::option::unwrap_failed (nop)) (func $keep (nop))
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type section: () -> ()
        wasm.extend_from_slice(&[2, 7, 1, 1, b'm', 1, b'f', 0, 0]); // import section
        wasm.extend_from_slice(&[3, 3, 2, 0, 0]); // function section
        wasm.extend_from_slice(&[10, 9, 2, 3, 0, 0x01, 0x0b, 3, 0, 0x01, 0x0b]); // code
        let long = b"core[c5930c85a12de822]::option::unwrap_failed";
        let mut names = vec![1u8, long.len() as u8];
        names.extend_from_slice(long);
        names.extend_from_slice(&[2, 4]);
        names.extend_from_slice(b"keep");
        let mut sub = vec![1u8];
        write_leb(&mut sub, names.len() as u32 + 1);
        sub.push(2);
        sub.extend_from_slice(&names);
        let mut custom = vec![4u8];
        custom.extend_from_slice(b"name");
        custom.extend_from_slice(&sub);
        wasm.push(0);
        write_leb(&mut wasm, custom.len() as u32);
        wasm.extend_from_slice(&custom);

        let (out, n) = stub(&wasm).unwrap();
        assert_eq!(n, 1);
        let code = [10u8, 9, 2, 3, 0, 0x00, 0x0b, 3, 0, 0x01, 0x0b];
        assert!(out.windows(code.len()).any(|w| w == code), "{out:?}");
        assert_eq!(out.len(), wasm.len());
    }

    /// A module of functions `() -> ()` named `names`, with `bodies` (locals and
    /// instructions, without the final `end`).
    fn module(names: &[&str], bodies: &[&[u8]]) -> Vec<u8> {
        module_with(names, bodies, &[])
    }

    /// [`module`] with `sections` (whole sections, between the function and code sections).
    fn module_with(names: &[&str], bodies: &[&[u8]], sections: &[u8]) -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type section: () -> ()
        let mut functions = vec![bodies.len() as u8];
        functions.extend(bodies.iter().map(|_| 0u8));
        wasm.push(3);
        write_leb(&mut wasm, functions.len() as u32);
        wasm.extend_from_slice(&functions);
        wasm.extend_from_slice(sections);
        let mut code = vec![bodies.len() as u8];
        for body in bodies {
            write_leb(&mut code, body.len() as u32 + 1);
            code.extend_from_slice(body);
            code.push(0x0b);
        }
        wasm.push(10);
        write_leb(&mut wasm, code.len() as u32);
        wasm.extend_from_slice(&code);
        let mut map = Vec::new();
        write_leb(&mut map, names.len() as u32);
        for (i, name) in names.iter().enumerate() {
            write_leb(&mut map, i as u32);
            write_leb(&mut map, name.len() as u32);
            map.extend_from_slice(name.as_bytes());
        }
        let mut custom = vec![4u8];
        custom.extend_from_slice(b"name");
        custom.push(1);
        write_leb(&mut custom, map.len() as u32);
        custom.extend_from_slice(&map);
        wasm.push(0);
        write_leb(&mut wasm, custom.len() as u32);
        wasm.extend_from_slice(&custom);
        wasm
    }

    const INVOKE: &str = "wasm_bindgen::convert::closures::_::invoke::h0123456789abcdef";

    #[test]
    fn closure_shims_become_a_trap_only_when_javascript_cannot_reach_the_function_table() {
        let bodies: &[&[u8]] = &[&[0, 0x01], &[0, 0x01]];
        // No table, or one of `externref` exported (wasm-bindgen's heap): a trap.
        let (out, n) = stub(&module(&[INVOKE, "keep"], bodies)).unwrap();
        assert_eq!(n, 1);
        assert!(out.windows(4).any(|w| w == [3, 0, 0x00, 0x0b]), "{out:?}");
        let table = |reftype: u8| [4, 4, 1, reftype, 0, 2];
        let export = [7, 5, 1, 1, b't', 1, 0]; // (export "t" (table 0))
        let externref = [table(0x6f).as_slice(), &export].concat();
        let (_, n) = stub(&module_with(&[INVOKE, "keep"], bodies, &externref)).unwrap();
        assert_eq!(n, 1);
        // A function table not exported: a trap.
        let (_, n) = stub(&module_with(&[INVOKE, "keep"], bodies, &table(0x70))).unwrap();
        assert_eq!(n, 1);
        // Exported: JavaScript may call it by its index; kept.
        let funcref = [table(0x70).as_slice(), &export].concat();
        let (_, n) = stub(&module_with(&[INVOKE, "keep"], bodies, &funcref)).unwrap();
        assert_eq!(n, 0);
        // An imported table: kept.
        let import = [2, 9, 1, 1, b'm', 1, b't', 1, 0x70, 0, 0]; // (import "m" "t" (table 0 funcref))
        let (_, n) = stub(&module_with(&[INVOKE, "keep"], bodies, &import)).unwrap();
        assert_eq!(n, 0);
        // Exported (the glue calls it): kept.
        let export = [7, 5, 1, 1, b'k', 0, 0]; // (export "k" (func 0))
        let (_, n) = stub(&module_with(&[INVOKE, "keep"], bodies, &export)).unwrap();
        assert_eq!(n, 0);
        // Called directly: kept.
        let (_, n) = stub(&module(&[INVOKE, "caller"], &[&[0, 0x01], &[0, 0x10, 0]])).unwrap();
        assert_eq!(n, 0);
        // Named with its generic arguments (the standard library rebuilt): a trap too.
        let generic = "wasm_bindgen[7562b9fed1c028a0]::convert::closures::_::invoke::<wasm_bindgen[7562b9fed1c028a0]::JsValue, u32, true>";
        let (_, n) = stub(&module(&[generic, "keep"], bodies)).unwrap();
        assert_eq!(n, 1);
        let other = "wasm_bindgen::convert::closures::_::invoke_other::<u32>";
        let (_, n) = stub(&module(&[other, "keep"], bodies)).unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn panic_entry_points_are_listed_by_name() {
        let names = ["core[c5930c85a12de822]::panicking::panic_fmt", "keep"];
        let wasm = module(&names, &[&[0, 0x01], &[0, 0x01]]);
        assert_eq!(
            panic_entry_points(&wasm).unwrap(),
            ["core::panicking::panic_fmt"]
        );
        let wasm = module(&["keep"], &[&[0, 0x01]]);
        assert!(panic_entry_points(&wasm).unwrap().is_empty());
    }

    const USIZE_FMT: &str = "<usize as core[c5930c85a12de822]::fmt::Display>::fmt";

    #[test]
    fn panic_formatting_becomes_a_trap_only_in_a_module_that_formats_nothing() {
        // Only in the table (here: not called at all), no `core::fmt::write`: a trap.
        let (out, n) = stub(&module(&[USIZE_FMT, "keep"], &[&[0, 0x01], &[0, 0x01]])).unwrap();
        assert_eq!(n, 1);
        assert!(out.windows(4).any(|w| w == [3, 0, 0x00, 0x0b]), "{out:?}");

        // Read instruction by instruction: `i32.const 16; unreachable` (0x41 0x10 0x00)
        // holds the bytes of `call 0` but calls nothing.
        let names = [USIZE_FMT, "constant"];
        let (_, n) = stub(&module(&names, &[&[0, 0x01], &[0, 0x41, 0x10, 0x00]])).unwrap();
        assert_eq!(n, 1);

        // Called only by a function reduced to a trap: a trap too.
        let names = [USIZE_FMT, "core::option::unwrap_failed"];
        let (_, n) = stub(&module(&names, &[&[0, 0x01], &[0, 0x10, 0]])).unwrap();
        assert_eq!(n, 2);

        // A module that formats keeps it.
        let names = [USIZE_FMT, "core[c5930c85a12de822]::fmt::write"];
        let (_, n) = stub(&module(&names, &[&[0, 0x01], &[0, 0x01]])).unwrap();
        assert_eq!(n, 0);

        // So does one that calls it directly, with the index in one byte or padded to five.
        let (_, n) = stub(&module(
            &[USIZE_FMT, "caller"],
            &[&[0, 0x01], &[0, 0x10, 0]],
        ))
        .unwrap();
        assert_eq!(n, 0);
        let padded: &[u8] = &[0, 0x10, 0x80, 0x80, 0x80, 0x80, 0];
        let (_, n) = stub(&module(&[USIZE_FMT, "caller"], &[&[0, 0x01], padded])).unwrap();
        assert_eq!(n, 0);
    }
}
