//! Names folded for search: lower case, accents removed.
//!
//! Hand-written for the Latin letters (ASCII, Latin-1, Latin Extended-A) rather than through
//! the Unicode case tables, which would add several kilobytes to the wasm; other scripts are
//! compared as written.

use std::ops::Range;

/// The base letters of U+00C0..=U+00FF; `*` marks the characters handled one by one.
const LATIN_1: &[u8; 64] = b"aaaaaa*ceeeeiiiidnooooo*ouuuuy**aaaaaa*ceeeeiiiidnooooo*ouuuuy*y";

/// The base letters of U+0100..=U+017F; `*` marks the ligatures.
const LATIN_EXTENDED_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjk\
    kkllllllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// Appends the folded form of `c` to `out`.
fn push_folded(c: char, out: &mut String) {
    let code = u32::from(c);
    let base = match code {
        0x41..=0x5a => Some(c.to_ascii_lowercase()),
        0..=0x7f => Some(c),
        // Combining diacritical marks, as in a name typed in decomposed form.
        0x300..=0x36f => return,
        0xc0..=0xff => Some(char::from(LATIN_1[(code - 0xc0) as usize])),
        0x100..=0x17f => Some(char::from(LATIN_EXTENDED_A[(code - 0x100) as usize])),
        _ => None,
    };
    match (base, c) {
        (_, 'Æ' | 'æ') => out.push_str("ae"),
        (_, 'Œ' | 'œ') => out.push_str("oe"),
        (_, 'Ĳ' | 'ĳ') => out.push_str("ij"),
        (_, 'ß') => out.push_str("ss"),
        (_, 'Þ' | 'þ') => out.push('þ'),
        (Some('*'), _) | (None, _) => out.push(c),
        (Some(base), _) => out.push(base),
    }
}

/// `text` in lower case without accents: "Équipe Nord" and "equipe nord" fold alike.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// Where the already folded `query` occurs in `name`, as a byte range of `name` (for
/// highlighting it); `None` when it does not, or when `query` is empty.
pub fn match_range(name: &str, query: &str) -> Option<Range<usize>> {
    if query.is_empty() {
        return None;
    }
    let mut folded = String::with_capacity(name.len());
    // For every byte of `folded`, the range in `name` of the character it came from.
    let mut origin: Vec<Range<usize>> = Vec::with_capacity(name.len());
    for (start, c) in name.char_indices() {
        let before = folded.len();
        push_folded(c, &mut folded);
        origin.extend(std::iter::repeat_n(start..start + c.len_utf8(), folded.len() - before));
    }
    let at = folded.find(query)?;
    let first = origin.get(at)?;
    let last = origin.get(at + query.len() - 1)?;
    Some(first.start..last.end)
}
