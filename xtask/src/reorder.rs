//! The functions of a finished wasm module put in an order that compresses better.
//!
//! gzip (deflate) finds repeats only within the last 32 KB, and wasm-opt writes the
//! functions in the linker's order: copies of one generic for different types, or helpers
//! written alike, sit far apart. Here each function follows the one most like it: a greedy
//! walk from the first function, each step to the function not yet placed that shares the
//! most distinct 4-byte strings with the last one placed (their count, not a ratio: a large
//! neighbour offers more to match), or with the functions placed in the last few kilobytes
//! and the last one ([`Order`]: `cargo xtask dist` keeps the smallest of a few walks). The
//! order is written as the functions' names (`f00000`,
//! `f00001`, … in a fresh `name` section) and wasm-opt's `--reorder-functions-by-name` moves
//! the bodies and renumbers every call, table entry and export; the names are then
//! stripped. Only the order changes: the code is wasm-opt's, written again with the same
//! optimize and shrink levels, so the bodies come out as they went in (a rewrite without
//! them, measured, is 0.5 KB larger). The reordered module is kept only when it is smaller
//! after gzip -9 (flate2's; it decides the same way as `gzip -9`, by other figures).
//! Measured (`gzip -9`): engine 127895 → 126205 bytes, tools 75399 → 74062, UI 73392 →
//! 72273. Other orders measured worse: by name (+0.5 KB, generics' copies together but
//! apart from their callers), by size, and similarity as a ratio (Jaccard) or within 8-byte
//! strings (0.3 to 1 KB less gained).

use crate::panics::{imported_functions, write_leb, Reader};

/// The module with a `name` section (replacing any) naming each defined function by its
/// place in the order that compresses better; imported functions keep their places (they
/// come first in any order).
pub fn named_in_order(wasm: &[u8], how: Order) -> Result<Vec<u8>, String> {
    let sections = crate::deadata::sections(wasm)?;
    let imported = match sections.iter().find(|(id, _)| *id == 2) {
        Some((_, s)) => imported_functions(s)?,
        None => 0,
    };
    let Some((_, code)) = sections.iter().find(|(id, _)| *id == 10) else {
        return Err("wasm: no code section".into());
    };
    let bodies = bodies(code)?;
    let order = match how {
        Order::Last => order(&bodies),
        Order::Window(bytes) => order_by_window(&bodies, bytes),
    };
    let mut rank = vec![0u32; order.len()];
    for (place, &f) in order.iter().enumerate() {
        if let Some(r) = rank.get_mut(f) {
            *r = place as u32;
        }
    }
    let mut names = Vec::new();
    let total = imported + bodies.len() as u32;
    write_leb(&mut names, total);
    for index in 0..total {
        let name = match index.checked_sub(imported) {
            None => format!("!{index:05}"),
            Some(f) => format!("f{:05}", rank.get(f as usize).copied().unwrap_or(f)),
        };
        write_leb(&mut names, index);
        write_leb(&mut names, name.len() as u32);
        names.extend_from_slice(name.as_bytes());
    }
    let mut payload = Vec::new();
    write_leb(&mut payload, 4);
    payload.extend_from_slice(b"name");
    payload.push(1);
    write_leb(&mut payload, names.len() as u32);
    payload.extend_from_slice(&names);

    let mut out = wasm.get(..8).unwrap_or_default().to_vec();
    for (id, contents) in &sections {
        if *id == 0 && custom_name(contents) == Some(b"name".as_slice()) {
            continue;
        }
        out.push(*id);
        write_leb(&mut out, contents.len() as u32);
        out.extend_from_slice(contents);
    }
    out.push(0);
    write_leb(&mut out, payload.len() as u32);
    out.extend_from_slice(&payload);
    Ok(out)
}

/// A custom section's name.
fn custom_name(contents: &[u8]) -> Option<&[u8]> {
    let mut r = Reader {
        bytes: contents,
        pos: 0,
    };
    let n = r.leb().ok()? as usize;
    r.take(n).ok()
}

/// The bodies of the code section, in order (locals and instructions).
fn bodies(code: &[u8]) -> Result<Vec<&[u8]>, String> {
    let mut r = Reader {
        bytes: code,
        pos: 0,
    };
    let mut out = Vec::new();
    for _ in 0..r.leb()? {
        let size = r.leb()? as usize;
        out.push(r.take(size)?);
    }
    Ok(out)
}

/// Which greedy walk: each next function the one most like the last placed, or the one
/// that shares the most 4-byte strings with the functions placed in about the last `bytes`
/// (deflate reaches back 32 KB, not one function; but a near match costs fewer bits) plus
/// those it shares with the last one (counted twice). Measured on the engine (flate2's
/// gzip -9 of the reordered module, 136194 before): by the last 135299, by the window
/// alone 135613 (32 KB), 135419 (8 KB); the window and the last one 135044 (32 KB),
/// 135112 (8 KB), 134804 (4 KB), 134864 (2 KB), 135016 (1 KB); the last one counted
/// four times instead of twice 134821 (4 KB), 134983 (2 KB). The figures move with any
/// change of the code, so `cargo xtask dist` tries several and keeps the smallest.
#[derive(Clone, Copy, Debug)]
pub enum Order {
    Last,
    Window(usize),
}

/// The distinct 4-byte strings of each body.
fn grams(bodies: &[&[u8]]) -> Vec<Vec<u32>> {
    bodies
        .iter()
        .map(|b| {
            let mut g: Vec<u32> = b
                .windows(4)
                .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
                .collect();
            g.sort_unstable();
            g.dedup();
            g
        })
        .collect()
}

/// The greedy walk by what the last `window` bytes placed hold ([`Order::Window`]), from
/// the first function; ties to the earlier function.
fn order_by_window(bodies: &[&[u8]], window: usize) -> Vec<usize> {
    let grams = grams(bodies);
    // Each string as a dense number, so the window's counts are a vector.
    let mut all: Vec<u32> = grams.iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    let ids: Vec<Vec<usize>> = grams
        .iter()
        .map(|g| g.iter().filter_map(|x| all.binary_search(x).ok()).collect())
        .collect();
    let mut count = vec![0u32; all.len()];
    // The strings of the last function placed (its index + 1), counted once more.
    let mut last = vec![0usize; all.len()];
    let mut placed = vec![false; bodies.len()];
    let mut recent = std::collections::VecDeque::new();
    let mut held = 0usize;
    let mut out = Vec::with_capacity(bodies.len());
    let mut next = Some(0);
    while let Some(f) = next {
        out.push(f);
        placed[f] = true;
        for &g in &ids[f] {
            count[g] += 1;
            last[g] = f + 1;
        }
        recent.push_back(f);
        held += bodies[f].len();
        while held > window && recent.len() > 1 {
            let Some(old) = recent.pop_front() else { break };
            held -= bodies[old].len();
            for &g in &ids[old] {
                count[g] -= 1;
            }
        }
        next = None;
        let mut best = 0;
        for (j, g) in ids.iter().enumerate() {
            if placed[j] {
                continue;
            }
            let shared = g.iter().filter(|&&x| count[x] > 0).count()
                + g.iter().filter(|&&x| last[x] == f + 1).count();
            if next.is_none() || shared > best {
                next = Some(j);
                best = shared;
            }
        }
    }
    out
}

/// The greedy walk: indices into `bodies`, each once.
fn order(bodies: &[&[u8]]) -> Vec<usize> {
    let grams = grams(bodies);
    let mut placed = vec![false; bodies.len()];
    let mut out = Vec::with_capacity(bodies.len());
    let mut last = 0;
    while out.len() < bodies.len() {
        out.push(last);
        placed[last] = true;
        let mut best: Option<(usize, usize)> = None;
        for (j, g) in grams.iter().enumerate() {
            if placed[j] {
                continue;
            }
            let shared = shared(&grams[last], g);
            if best.is_none_or(|(_, s)| shared > s) {
                best = Some((j, shared));
            }
        }
        match best {
            Some((j, _)) => last = j,
            None => break,
        }
    }
    out
}

/// How many values two sorted, deduplicated lists have in common.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_counts_common_values() {
        assert_eq!(shared(&[1, 3, 5, 7], &[3, 4, 5, 8]), 2);
        assert_eq!(shared(&[], &[1]), 0);
    }

    #[test]
    fn order_places_every_function_once_and_alike_ones_together() {
        let a: &[u8] = b"abcdefghij";
        let b: &[u8] = b"0123456789";
        let c: &[u8] = b"abcdefghik";
        assert_eq!(order(&[a, b, c]), vec![0, 2, 1]);
        assert_eq!(order_by_window(&[a, b, c], 1 << 15), vec![0, 2, 1]);
        let d: &[u8] = b"0123abcdef";
        // In a window of both `a` and `b`, `d` shares with each.
        assert_eq!(order_by_window(&[a, b, d], 1 << 15), vec![0, 2, 1]);
        assert_eq!(order_by_window(&[a, b, c, d], 1), vec![0, 2, 3, 1]);
    }
}
