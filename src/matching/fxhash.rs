//! A small, fast, non-cryptographic hasher (the Fx hash used inside rustc) for the
//! matcher's hot look-ups; the keys come from our own knowledge, so no DoS resistance
//! is needed, and SipHash would dominate the cost of a question.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` using [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` using [`FxHasher`].
pub type FxHashSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

/// The Fx hash: rotate, xor, multiply per word.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work_with_str_and_slice_keys() {
        let mut m: FxHashMap<Box<str>, u32> = FxHashMap::default();
        m.insert("backlog".into(), 1);
        m.insert("backlogs".into(), 2);
        assert_eq!(m.get("backlog"), Some(&1));
        assert_eq!(m.get("backlogs"), Some(&2));
        let mut p: FxHashMap<Box<[u32]>, u32> = FxHashMap::default();
        p.insert(vec![1, 2].into_boxed_slice(), 7);
        assert_eq!(p.get([1u32, 2].as_slice()), Some(&7));
        assert_eq!(p.get([2u32, 1].as_slice()), None);
    }
}
