//! One sort for the whole crate. The standard library's sorts are generic: each call site
//! with its own element type or comparison instantiates a quicksort, a drift sort, small
//! sorts and merges (about 2.5 KB of wasm each, some 85 copies in the engine module). Here
//! the sorting itself is one function on indices behind a `dyn` comparison; what each call
//! site instantiates is a closure and a loop of swaps.
//!
//! Stable (equal elements keep their order), O(n log n) comparisons, O(n) swaps.

use std::cmp::Ordering;

/// The order of `0..n` sorted by `cmp` (a stable bottom-up merge sort), as the list of
/// swaps that puts a slice in it.
#[inline(never)]
fn swaps(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<(usize, usize)> {
    // In order already (no element before a smaller one), as most of the engine's short
    // lists come: a stable sort leaves it as it is, with no allocation.
    if (1..n).all(|i| cmp(i, i - 1) != Ordering::Less) {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..n).collect();
    let mut spare = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut l, mut r) = (start, mid);
            for slot in spare.iter_mut().take(end).skip(start) {
                // The left run wins ties: stable.
                let take_left = l < mid && (r >= end || cmp(order[r], order[l]) != Ordering::Less);
                if take_left {
                    *slot = order[l];
                    l += 1;
                } else {
                    *slot = order[r];
                    r += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut order, &mut spare);
        width *= 2;
    }
    // Position k must receive the element first at `order[k]`: follow where each went.
    let mut at: Vec<usize> = (0..n).collect(); // at[i]: where the element first at i is now
    let mut held: Vec<usize> = (0..n).collect(); // held[k]: which element is at k now
    let mut out = Vec::new();
    for (k, &want) in order.iter().enumerate() {
        let j = at[want];
        if j != k {
            out.push((k, j));
            let moved = held[k];
            held.swap(k, j);
            at[moved] = j;
            at[want] = k;
        }
    }
    out
}

/// Sorts `v` by `cmp`, stably (`slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let plan = {
        let items: &[T] = v;
        swaps(items.len(), &mut |i, j| cmp(&items[i], &items[j]))
    };
    for (a, b) in plan {
        v.swap(a, b);
    }
}

/// Sorts `v` by a key, stably (`slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its natural order (`slice::sort`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Keeps the elements `keep` is true of, in their order (`Vec::retain_mut`: each element
/// seen once, in order). The standard one instantiates two copy loops and a guard per call
/// site; this one, kept ones swapped forward and the rest dropped at the end, is smaller.
pub fn retain<T>(v: &mut Vec<T>, mut keep: impl FnMut(&mut T) -> bool) {
    let mut kept = 0;
    for i in 0..v.len() {
        if v.get_mut(i).is_some_and(&mut keep) {
            v.swap(kept, i);
            kept += 1;
        }
    }
    v.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn retains_as_the_standard_library_does(v in prop::collection::vec(any::<u8>(), 0..300), m in 1u8..5) {
            let mut ours: Vec<String> = v.iter().map(|b| "x".repeat(usize::from(b % 7))).collect();
            let mut std = ours.clone();
            let mut seen_ours = Vec::new();
            let mut seen_std = Vec::new();
            retain(&mut ours, |s| {
                seen_ours.push(s.clone());
                s.len() % usize::from(m) == 0
            });
            std.retain(|s| {
                seen_std.push(s.clone());
                s.len() % usize::from(m) == 0
            });
            prop_assert_eq!(ours, std);
            prop_assert_eq!(seen_ours, seen_std);
        }
    }

    proptest! {
        #[test]
        fn sorts_as_the_standard_library_does(v in prop::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            let mut ours = v.clone();
            let mut std = v;
            sort_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn small_and_ordered_inputs() {
        let mut empty: Vec<u32> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut v = vec![3, 1, 2];
        sort(&mut v);
        assert_eq!(v, [1, 2, 3]);
        let mut v: Vec<u32> = (0..1000).rev().collect();
        sort(&mut v);
        assert_eq!(v, (0..1000).collect::<Vec<_>>());
        let mut v = vec!["b", "a", "c", "a"];
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, ["c", "b", "a", "a"]);
        // In order already, with ties: kept as it is (stable).
        let mut v = vec![(1, 'b'), (1, 'a'), (2, 'c'), (2, 'a')];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, [(1, 'b'), (1, 'a'), (2, 'c'), (2, 'a')]);
    }
}
