//! LEB128 variable-length integers, the number format of every binary search file (term
//! chunks and typo vocabularies), so the browser reads them with one small decoder.

/// Appends `n` as an unsigned LEB128 varint: 7 bits a byte, low bits first, the high bit set
/// on every byte but the last.
pub(super) fn varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        for n in [0, 1, 127, 128, 300, 16_384] {
            varint(&mut out, n);
        }
        assert_eq!(out, [0, 1, 127, 0x80, 1, 0xac, 2, 0x80, 0x80, 1]);
    }
}
