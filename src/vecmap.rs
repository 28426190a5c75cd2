//! A map kept as a sorted vector: the maps LineKeeper holds are small (sources of one
//! Snapshot, cycles per account, currencies per host pattern, a form's fields, rows of a
//! table), and `BTreeMap`'s node code costs about 4 KB of wasm for every key and value
//! type. Same iteration order as `BTreeMap` (by key); lookups by binary search; inserting in
//! key order (the usual case) appends.

use crate::json::{Error, FromJson, Obj, ToJson, Value};
use std::borrow::Borrow;
use std::cmp::Ordering;

#[derive(Clone, PartialEq, Eq)]
pub struct VecMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        VecMap(Vec::new())
    }
}

impl<K: std::fmt::Debug, V: std::fmt::Debug> std::fmt::Debug for VecMap<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(k, v)| (k, v)))
            .finish()
    }
}

impl<K: Ord, V> VecMap<K, V> {
    pub fn new() -> Self {
        VecMap(Vec::new())
    }

    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        search(self.0.len(), &mut |i| {
            self.0
                .get(i)
                .map_or(Ordering::Greater, |(k, _)| k.borrow().cmp(key))
        })
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        self.0.get(i).map(|(_, v)| v)
    }

    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        self.0.get_mut(i).map(|(_, v)| v)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`, returning the value it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => self
                .0
                .get_mut(i)
                .map(|slot| std::mem::replace(&mut slot.1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let i = self.find(key).ok()?;
        Some(self.0.remove(i).1)
    }

    /// The place of `key` (`BTreeMap::entry`).
    pub fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        let at = self.find(&key);
        Entry { map: self, at, key }
    }

    /// Keeps the entries `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        crate::sort::retain(&mut self.0, |(k, v)| keep(k, v));
    }
}

/// Where a key is among `len` sorted keys (`Ok`), or where it goes (`Err`), `cmp(i)`
/// comparing key `i` with it: `binary_search_by`, one copy for every key and value type.
#[inline(never)]
fn search(len: usize, cmp: &mut dyn FnMut(usize) -> Ordering) -> Result<usize, usize> {
    // Appending in key order is the common case: check the end first.
    if len > 0 && cmp(len - 1) == Ordering::Less {
        return Err(len);
    }
    let (mut low, mut high) = (0, len);
    while low < high {
        let mid = low + (high - low) / 2;
        match cmp(mid) {
            Ordering::Less => low = mid + 1,
            Ordering::Greater => high = mid,
            Ordering::Equal => return Ok(mid),
        }
    }
    Err(low)
}

/// A key's place in a [`VecMap`]: its value, or where it goes.
pub struct Entry<'a, K, V> {
    map: &'a mut VecMap<K, V>,
    at: Result<usize, usize>,
    key: K,
}

impl<'a, K, V> Entry<'a, K, V> {
    pub fn or_insert_with(self, value: impl FnOnce() -> V) -> &'a mut V {
        let i = match self.at {
            Ok(i) => i,
            Err(i) => {
                self.map.0.insert(i, (self.key, value()));
                i
            }
        };
        &mut self.map.0[i].1
    }

    pub fn or_default(self) -> &'a mut V
    where
        V: Default,
    {
        self.or_insert_with(V::default)
    }
}

impl<K: Ord, V> Extend<(K, V)> for VecMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K, V> VecMap<K, V> {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.0.iter_mut().map(|(_, v)| v)
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for VecMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = VecMap::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

impl<K, V> IntoIterator for VecMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, K, V> IntoIterator for &'a VecMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V: ToJson> ToJson for VecMap<String, V> {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        for (k, v) in &self.0 {
            o.field(k, v);
        }
        o.end();
    }
}

impl<V: FromJson> FromJson for VecMap<String, V> {
    fn from_json(v: Value) -> Result<Self, Error> {
        // A repeated key keeps its last value (serde's map reading).
        let mut map = VecMap::new();
        read_members(v, &mut |k, v| {
            let value = V::from_json(v)?;
            map.insert(k, value);
            Ok(())
        })?;
        Ok(map)
    }
}

/// Reads each member of the object `v` with `read` in document order, up to the first
/// error (an error for anything but an object): the loop of every map's reader, one copy
/// for every value type.
#[inline(never)]
fn read_members(
    v: Value,
    read: &mut dyn FnMut(String, Value) -> Result<(), Error>,
) -> Result<(), Error> {
    match v {
        Value::Obj(items) => {
            for (k, v) in items {
                read(k, v)?;
            }
            Ok(())
        }
        other => Err(Error::invalid_type(&other, "a map")),
    }
}

#[cfg(test)]
impl<K: serde::Serialize + Ord, V: serde::Serialize> serde::Serialize for VecMap<K, V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

#[cfg(test)]
impl<'de, K, V> serde::Deserialize<'de> for VecMap<K, V>
where
    K: serde::Deserialize<'de> + Ord,
    V: serde::Deserialize<'de>,
{
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<K, V>::deserialize(d)?;
        Ok(map.into_iter().collect())
    }
}

/// `map[key]` in tests (production code uses `get`: no panics).
#[cfg(test)]
impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> std::ops::Index<&Q> for VecMap<K, V> {
    type Output = V;
    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry for the key")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    proptest! {
        #[test]
        fn behaves_as_a_btreemap(ops in prop::collection::vec((0u8..3, 0u8..20, any::<u16>()), 0..200)) {
            let mut ours: VecMap<u8, u16> = VecMap::new();
            let mut std: BTreeMap<u8, u16> = BTreeMap::new();
            for (op, k, v) in ops {
                match op {
                    0 => prop_assert_eq!(ours.insert(k, v), std.insert(k, v)),
                    1 => prop_assert_eq!(ours.remove(&k), std.remove(&k)),
                    _ => {
                        // Wrapping: the value may be u16::MAX.
                        let e = ours.entry(k).or_default();
                        *e = e.wrapping_add(1);
                        let e = std.entry(k).or_default();
                        *e = e.wrapping_add(1);
                    }
                }
                prop_assert_eq!(ours.get(&k), std.get(&k));
            }
            prop_assert_eq!(ours.iter().collect::<Vec<_>>(), std.iter().collect::<Vec<_>>());
            prop_assert_eq!(ours.len(), std.len());
        }
    }
}
