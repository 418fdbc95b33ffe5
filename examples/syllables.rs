//! Prints medleaf's syllable count for each word read from standard input (one per line).
//! Used by `tools/syllable-accuracy.py` to measure the counter against a pronouncing dictionary.

use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines().map_while(Result::ok) {
        let word = line.trim();
        let _ = writeln!(out, "{word}\t{}", medleaf::word_syllables(word));
    }
}
