//! A small hash map for the extraction engine's few maps (the label matcher's index, its
//! phrase set, the hint memo): the entries in one vector, an open-addressing table of
//! their indices beside it (linear probing, at most half full, rebuilt from the entries
//! when it fills). `std`'s `HashMap` (hashbrown) brings about 4 KB of wasm of its own
//! (table growth code for every key and value type); this one is a few hundred bytes.
//! No removal: the engine's maps only grow.

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

/// Marks an empty slot of the table.
const EMPTY: u32 = u32::MAX;

pub struct FastMap<K, V, H> {
    entries: Vec<(K, V)>,
    /// Indices into `entries`; its length a power of two (or 0).
    slots: Vec<u32>,
    hasher: PhantomData<H>,
}

impl<K, V, H> Default for FastMap<K, V, H> {
    fn default() -> Self {
        FastMap {
            entries: Vec::new(),
            slots: Vec::new(),
            hasher: PhantomData,
        }
    }
}

fn hash<Q: Hash + ?Sized, H: Hasher + Default>(key: &Q) -> usize {
    let mut h = H::default();
    key.hash(&mut h);
    // The high bits: the hasher mixes upwards.
    (h.finish() >> 32) as usize
}

/// Puts entry `i` (key `k`, not in the table) in its empty slot of `slots`.
fn place<K: Hash, H: Hasher + Default>(slots: &mut [u32], k: &K, i: usize) {
    let mask = slots.len().wrapping_sub(1);
    let mut s = hash::<K, H>(k) & mask;
    while let Some(slot) = slots.get_mut(s) {
        if *slot == EMPTY {
            *slot = u32::try_from(i).unwrap_or(EMPTY);
            return;
        }
        s = (s + 1) & mask;
    }
}

impl<K: Hash + Eq, V, H: Hasher + Default> FastMap<K, V, H> {
    /// The slot of `key`, or of the empty slot where it would go; `None` while the table
    /// is empty.
    fn slot<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
    {
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = hash::<Q, H>(key) & mask;
        loop {
            let e = *self.slots.get(i)?;
            if e == EMPTY
                || self
                    .entries
                    .get(e as usize)
                    .is_some_and(|(k, _)| k.borrow() == key)
            {
                return Some(i);
            }
            i = (i + 1) & mask;
        }
    }

    fn index<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> Option<usize>
    where
        K: Borrow<Q>,
    {
        let e = *self.slots.get(self.slot(key)?)?;
        (e != EMPTY).then_some(e as usize)
    }

    pub fn get<Q: Hash + Eq + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.entries.get(self.index(key)?).map(|(_, v)| v)
    }

    /// The value of `key`, inserted by `make` when absent.
    fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.index(&key) {
            Some(i) => i,
            None => self.push(key, make()),
        };
        &mut self.entries[i].1
    }

    /// Sets the value of `key`.
    pub fn insert(&mut self, key: K, value: V) {
        match self.index(&key) {
            Some(i) => self.entries[i].1 = value,
            None => {
                self.push(key, value);
            }
        }
    }

    /// Adds an entry whose key is not in the map; returns its index.
    fn push(&mut self, key: K, value: V) -> usize {
        let at = self.entries.len();
        self.entries.push((key, value));
        if self.slots.len() < 2 * self.entries.len() {
            let size = (2 * self.entries.len()).next_power_of_two().max(8);
            self.slots = vec![EMPTY; size];
            for (i, (k, _)) in self.entries.iter().enumerate() {
                place::<K, H>(&mut self.slots, k, i);
            }
        } else if let Some((k, _)) = self.entries.get(at) {
            place::<K, H>(&mut self.slots, k, at);
        }
        at
    }

    /// `HashMap::entry`, for `or_default`.
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V, H> {
        Entry { map: self, key }
    }
}

pub struct Entry<'a, K, V, H> {
    map: &'a mut FastMap<K, V, H>,
    key: K,
}

impl<'a, K: Hash + Eq, V: Default, H: Hasher + Default> Entry<'a, K, V, H> {
    pub fn or_default(self) -> &'a mut V {
        self.map.get_or_insert_with(self.key, V::default)
    }
}

impl<'a, K, V, H> IntoIterator for &'a FastMap<K, V, H> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    /// The entries in the order they were added.
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::hash_map::DefaultHasher;
    use std::collections::HashMap;

    #[test]
    fn agrees_with_std_hash_map() {
        let mut ours: FastMap<String, usize, DefaultHasher> = FastMap::default();
        let mut std: HashMap<String, usize> = HashMap::new();
        assert_eq!(ours.get("x"), None);
        for i in 0..500_usize {
            let key = format!("k{}", i * 7 % 131);
            if i % 3 == 0 {
                *ours.entry(key.clone()).or_default() += i;
                *std.entry(key).or_default() += i;
            } else {
                ours.insert(key.clone(), i);
                std.insert(key, i);
            }
        }
        for i in 0..140 {
            let key = format!("k{i}");
            assert_eq!(ours.get(key.as_str()), std.get(&key), "{key}");
        }
        let mut all: Vec<(&String, &usize)> = (&ours).into_iter().collect();
        all.sort();
        let mut expected: Vec<(&String, &usize)> = std.iter().collect();
        expected.sort();
        assert_eq!(all, expected);
    }
}
