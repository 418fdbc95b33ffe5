//! GIF images are published as they are (medleaf does not re-encode them); their size is read
//! from the header and their frames counted, so a heavy animation can be reported.

/// A GIF's width, height and number of frames, or `None` when it is not a readable GIF.
pub(crate) fn inspect(bytes: &[u8]) -> Option<(u32, u32, usize)> {
    if bytes.len() < 13 || !bytes.starts_with(b"GIF8") {
        return None;
    }
    let width = u32::from(u16::from_le_bytes([bytes[6], bytes[7]]));
    let height = u32::from(u16::from_le_bytes([bytes[8], bytes[9]]));
    let mut i = 13 + color_table(bytes[10]);
    let mut frames = 0;
    while let Some(&block) = bytes.get(i) {
        match block {
            // An extension: its label, then data sub-blocks.
            0x21 => i = skip_sub_blocks(bytes, i + 2)?,
            // An image: its descriptor, local colour table, code size, then data sub-blocks.
            0x2C => {
                frames += 1;
                let flags = *bytes.get(i + 9)?;
                i = skip_sub_blocks(bytes, i + 10 + color_table(flags) + 1)?;
            }
            _ => break,
        }
    }
    Some((width, height, frames))
}

/// The size of a colour table announced by `flags`.
fn color_table(flags: u8) -> usize {
    if flags & 0x80 != 0 {
        3 << ((flags & 0x07) + 1)
    } else {
        0
    }
}

/// The position after the sub-blocks starting at `i` (ended by an empty block).
fn skip_sub_blocks(bytes: &[u8], mut i: usize) -> Option<usize> {
    loop {
        let len = usize::from(*bytes.get(i)?);
        i += 1 + len;
        if len == 0 {
            return Some(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::inspect;

    /// A 2×1 GIF with `frames` frames, each a one-block image.
    fn gif(frames: usize) -> Vec<u8> {
        let mut g = b"GIF89a\x02\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff".to_vec();
        g.extend(b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00");
        for _ in 0..frames {
            g.extend(b"\x2c\x00\x00\x00\x00\x02\x00\x01\x00\x00\x02\x02\x44\x01\x00");
        }
        g.push(0x3B);
        g
    }

    #[test]
    fn frames_are_counted() {
        assert_eq!(inspect(&gif(1)), Some((2, 1, 1)));
        assert_eq!(inspect(&gif(3)), Some((2, 1, 3)));
        assert_eq!(inspect(b"nope"), None);
    }
}
