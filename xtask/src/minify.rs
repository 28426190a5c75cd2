//! Short names for what a finished wasm module and its JavaScript glue link by: the
//! imports' module and names, and the exports' names.
//!
//! wasm-bindgen names each import after the JavaScript it stands for with a hash
//! (`__wbg_getMessage_55fba06ff5cf13b2`, 16 hex digits gzip cannot shorten) under the module
//! `./linekeeper_wasm_bg.js`, and each export after its Rust item (`__wbindgen_malloc`,
//! `decode_message`). Only the module's own glue (`linekeeper_*.js`, built with it) uses
//! these names: the extension calls the glue's functions, never the raw exports. Here both
//! sides are renamed alike: the imports `a`.`a`, `a`.`b`, …, the exports `a`, `b`, … in
//! their order. The glue is checked to name each the one way wasm-bindgen writes it, or
//! nothing is renamed: an import once, as the key of the imports object (`name: function`),
//! its module once as `"module":`; an export only as `wasm.name` (the glue's `wasm` is
//! `instance.exports`, bound once), each such use rewritten.
//! Measured (gzip -9): engine 126478 → 125813 bytes, tools 74187 → 73225, UI 72097 → 70608.

use crate::panics::{write_leb, Reader};

/// The short name for the `i`th import or export: `a`…`z`, `A`…`Z`, then `aa`, `ba`, ….
fn short(mut i: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut out = String::new();
    loop {
        out.push(char::from(LETTERS[i % LETTERS.len()]));
        i /= LETTERS.len();
        if i == 0 {
            return out;
        }
        i -= 1;
    }
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$'
}

/// Where `name` occurs in `js` as a whole identifier (no identifier character either side).
fn occurrences(js: &str, name: &str) -> Vec<usize> {
    let bytes = js.as_bytes();
    js.match_indices(name)
        .map(|(i, _)| i)
        .filter(|&i| {
            let before = i.checked_sub(1).and_then(|b| bytes.get(b));
            let after = bytes.get(i + name.len());
            !before.is_some_and(|&c| is_ident(c)) && !after.is_some_and(|&c| is_ident(c))
        })
        .collect()
}

/// `js` with the given byte ranges replaced; an error if two overlap.
fn replace_at(js: &str, edits: &mut [(usize, usize, String)]) -> Result<String, String> {
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(js.len());
    let mut at = 0;
    for (start, end, with) in edits.iter() {
        let kept = js.get(at..*start).ok_or("two names overlap in the glue")?;
        out.push_str(kept);
        out.push_str(with);
        at = *end;
    }
    out.push_str(&js[at..]);
    Ok(out)
}

/// A vector section's reader after its count, and the new section begun with that count.
fn vector(body: &[u8]) -> Result<(Reader<'_>, usize, Vec<u8>), String> {
    let mut r = Reader {
        bytes: body,
        pos: 0,
    };
    let count = r.leb()?;
    let mut section = Vec::new();
    write_leb(&mut section, count);
    Ok((r, count as usize, section))
}

/// The import section renamed (module `a`, names `a`, `b`, …), the glue's edits added.
fn imports(
    body: &[u8],
    js: &str,
    edits: &mut Vec<(usize, usize, String)>,
    renamed: &mut usize,
) -> Result<Vec<u8>, String> {
    let (mut r, count, mut section) = vector(body)?;
    let mut module_name: Option<String> = None;
    for i in 0..count {
        let module = r.name()?;
        let name = r.name()?;
        if r.byte()? != 0 {
            return Err(format!("import {module}.{name} is not a function"));
        }
        let ty = r.leb()?;
        match &module_name {
            None => module_name = Some(module.clone()),
            Some(m) if *m == module => {}
            Some(m) => return Err(format!("imports from {m} and {module}")),
        }
        let at = occurrences(js, &name);
        let [start] = at[..] else {
            return Err(format!(
                "import {name} named {} times in the glue",
                at.len()
            ));
        };
        if !js[start + name.len()..].starts_with(':') {
            return Err(format!("import {name} is not a key in the glue"));
        }
        let new = short(i);
        edits.push((start, start + name.len(), new.clone()));
        write_leb(&mut section, 1);
        section.push(b'a');
        write_leb(&mut section, new.len() as u32);
        section.extend_from_slice(new.as_bytes());
        section.push(0);
        write_leb(&mut section, ty);
        *renamed += 1;
    }
    if let Some(module) = module_name {
        let key = ["\"", &module, "\":"].concat();
        let at: Vec<usize> = js.match_indices(&key).map(|(i, _)| i).collect();
        let [start] = at[..] else {
            return Err(format!(
                "module {module} named {} times in the glue",
                at.len()
            ));
        };
        edits.push((start, start + key.len(), "\"a\":".into()));
    }
    Ok(section)
}

/// The export section renamed (`a`, `b`, …), the glue's edits added.
fn exports(
    body: &[u8],
    js: &str,
    edits: &mut Vec<(usize, usize, String)>,
    renamed: &mut usize,
) -> Result<Vec<u8>, String> {
    if js.matches("instance.exports").count() != 1 || !js.contains("wasm = instance.exports;") {
        return Err("the glue's exports are not bound once to `wasm`".into());
    }
    let (mut r, count, mut section) = vector(body)?;
    for i in 0..count {
        let name = r.name()?;
        let kind = r.byte()?;
        let index = r.leb()?;
        let new = short(i);
        for start in occurrences(js, &name) {
            let before = &js[..start];
            if before.ends_with("wasm.") {
                edits.push((start, start + name.len(), new.clone()));
            } else if before.ends_with('.') || before.ends_with('[') || before.ends_with('"') {
                return Err(format!("export {name} read other than as wasm.{name}"));
            }
        }
        write_leb(&mut section, new.len() as u32);
        section.extend_from_slice(new.as_bytes());
        section.push(kind);
        write_leb(&mut section, index);
        *renamed += 1;
    }
    Ok(section)
}

/// The module and its glue with short import and export names, and how many were renamed;
/// an error (nothing renamed) when the glue names one in a way not described above.
pub fn short_names(wasm: &[u8], js: &str) -> Result<(Vec<u8>, String, usize), String> {
    let sections = crate::deadata::sections(wasm)?;
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut out = b"\0asm\x01\0\0\0".to_vec();
    let mut renamed = 0;
    for (id, body) in sections {
        let new_body = match id {
            2 => imports(body, js, &mut edits, &mut renamed)?,
            7 => exports(body, js, &mut edits, &mut renamed)?,
            _ => body.to_vec(),
        };
        out.push(id);
        write_leb(&mut out, new_body.len() as u32);
        out.extend_from_slice(&new_body);
    }
    let js = replace_at(js, &mut edits)?;
    Ok((out, js, renamed))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::deadata::tests::section;

    fn name(out: &mut Vec<u8>, s: &str) {
        write_leb(out, s.len() as u32);
        out.extend_from_slice(s.as_bytes());
    }

    /// Two imported functions from `module` and exports `memory`, `run`.
    fn module(module: &str) -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        section(&mut wasm, 1, &[1, 0x60, 0, 0]);
        let mut imports = vec![2];
        for n in ["__wbg_log_0123456789abcdef", "__wbindgen_throw"] {
            name(&mut imports, module);
            name(&mut imports, n);
            imports.extend_from_slice(&[0, 0]);
        }
        section(&mut wasm, 2, &imports);
        let mut exports = vec![2];
        name(&mut exports, "memory");
        exports.extend_from_slice(&[2, 0]);
        name(&mut exports, "run");
        exports.extend_from_slice(&[0, 2]);
        section(&mut wasm, 7, &exports);
        wasm
    }

    const GLUE: &str = "export function run() { wasm.run(); }\n\
        function imports() { const import0 = { __wbg_log_0123456789abcdef: function(a) {}, \
        __wbindgen_throw: function() {} };\n return { \"./m_bg.js\": import0 }; }\n\
        function finish(instance) { wasm = instance.exports; wasm.memory.buffer; }";

    #[test]
    fn imports_and_exports_get_short_names_in_the_module_and_its_glue() {
        let (wasm, js, renamed) = short_names(&module("./m_bg.js"), GLUE).unwrap();
        assert_eq!(renamed, 4);
        assert_eq!(
            js,
            "export function run() { wasm.b(); }\n\
             function imports() { const import0 = { a: function(a) {}, \
             b: function() {} };\n return { \"a\": import0 }; }\n\
             function finish(instance) { wasm = instance.exports; wasm.a.buffer; }"
        );
        let sections = crate::deadata::sections(&wasm).unwrap();
        let imports = sections.iter().find(|(id, _)| *id == 2).unwrap().1;
        let mut r = Reader {
            bytes: imports,
            pos: 0,
        };
        assert_eq!(r.leb().unwrap(), 2);
        assert_eq!(
            (r.name().unwrap(), r.name().unwrap()),
            ("a".into(), "a".into())
        );
        assert_eq!(r.take(2).unwrap(), &[0, 0]);
        assert_eq!(
            (r.name().unwrap(), r.name().unwrap()),
            ("a".into(), "b".into())
        );
        let exports = sections.iter().find(|(id, _)| *id == 7).unwrap().1;
        assert_eq!(exports, &[2, 1, b'a', 2, 0, 1, b'b', 0, 2]);
        // The other sections as they were.
        let original = module("./m_bg.js");
        let before = crate::deadata::sections(&original).unwrap();
        assert_eq!(sections[0], before[0]);
    }

    #[test]
    fn a_glue_that_names_an_import_or_export_another_way_is_refused() {
        let twice = GLUE.replace("wasm.run();", "wasm.run(); __wbindgen_throw();");
        assert!(short_names(&module("./m_bg.js"), &twice).is_err());
        let other = GLUE.replace("wasm.memory", "instance.exports.memory");
        assert!(short_names(&module("./m_bg.js"), &other).is_err());
        let indexed = GLUE.replace("wasm.memory", "wasm[\"memory\"]");
        assert!(short_names(&module("./m_bg.js"), &indexed).is_err());
        assert!(short_names(&module("./other.js"), GLUE).is_err());
    }

    #[test]
    fn short_names_are_distinct() {
        let names: Vec<String> = (0..3000).map(short).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
        assert_eq!(
            (names[0].as_str(), names[51].as_str(), names[52].as_str()),
            ("a", "Z", "aa")
        );
    }
}
