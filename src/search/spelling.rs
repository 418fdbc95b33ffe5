//! British → American spelling folds for English search (issue 18): "leukaemia" finds pages
//! that write "leukemia", and the other way round.
//!
//! [`fold`] rewrites a normalized token in the American spelling when a rule below says it is a
//! British one; the index then holds, beside the word's own stem, the stem of the folded word
//! (see `text::analyse`), so both spellings meet in one term while the exact spelling still
//! ranks first. The rules follow the differences listed in Wikipedia's "American and British
//! English spelling differences" (sections "Greek and Latin words with æ or œ", "-our, -or",
//! "-re, -er", "-ise, -ize (-isation, -ization)", "-yse, -yze"), which also describes the
//! Oxford spelling used by many medical publishers. They are written as lists of word parts,
//! not as letter patterns, because the patterns alone would fold words that are spelt the same
//! on both sides ("aerobic", "does", "shoe", "poem", "tour", "four", "hour", "your", "promise",
//! "exercise"):
//!
//! 1. **ae / oe → e** in the Greek and Latin word parts of medicine, wherever they appear in the
//!    word ([`AE_OE`]): `haem` (haemoglobin, haematology), `aemi` (anaemia, leukaemia,
//!    septicaemia, ischaemic), `paed` (paediatric, orthopaedic), `oedem`, `oesoph`, `oestr`,
//!    `rrhoe` (diarrhoea), `pnoe` (dyspnoea), `foet`, `coeli`...; and `leuco` → `leuko`.
//! 2. **-our → -or** in the words of [`OUR`] and anything containing them (colour, tumours,
//!    behavioural, unfavourable); never "our", "four", "hour", "tour", "your", "pour".
//! 3. **-ise → -ize** (and -ised, -ises, -ising, -iser, -isers, -isation, -isations, -isable),
//!    when at least three letters come before `is`, the last of them a consonant other than `v`,
//!    `w` or `y`, and the word is not one of [`ISE_KEEP`], the words spelt `-ise` in American
//!    English too (advertise, exercise, promise, surprise, compromise, expertise...). Words
//!    ending in a vowel + `ise` (raise, noise, bruise, cruise, disguise) or in `vise` (advise,
//!    revise, supervise) or `wise` never fold. **-yse → -yze** likewise (analyse, paralysed,
//!    dialysing), but not "analyses", which is also the plural of "analysis".
//! 4. **-re → -er** in the words of [`RE`] and their compounds (centre, epicentre, fibre,
//!    litre, millilitre, titre, goitre, theatre, manoeuvre), with -res, -red and -ring
//!    ("centring" → "centering"). "metre" and "metres" alone are left as they are: in British
//!    English a meter is an instrument and a metre a length; the compounds (millimetre) fold.
//!
//! Only tokens of the letters a-z are folded. Invariant: `static/search.js` has the same rules
//! (`foldEn`), checked on `src/search/vectors/spelling-vectors.txt`.

use std::borrow::Cow;

/// Word parts with a British `ae`/`oe` (and `leuco`), and their American spelling. Applied in
/// this order, each wherever it appears in the word.
pub(crate) const AE_OE: &[(&str, &str)] = &[
    ("aemi", "emi"),
    ("haem", "hem"),
    ("paed", "ped"),
    ("gynaec", "gynec"),
    ("aetiol", "etiol"),
    ("aesth", "esth"),
    ("faec", "fec"),
    ("caec", "cec"),
    ("caesare", "cesare"),
    ("caesari", "cesari"),
    ("oedem", "edem"),
    ("oesoph", "esoph"),
    ("oestr", "estr"),
    ("rrhoe", "rrhe"),
    ("pnoe", "pne"),
    ("coeli", "celi"),
    ("foet", "fet"),
    ("homoeo", "homeo"),
    ("amoeb", "ameb"),
    ("manoeuv", "maneuv"),
    ("leuco", "leuko"),
    ("leucem", "leukem"),
];

/// Words spelt `-our` in British English and `-or` in American English; a word containing one
/// of them folds it ("discoloured" → "discolored").
pub(crate) const OUR: &[&str] = &[
    "arbour",
    "ardour",
    "armour",
    "behaviour",
    "candour",
    "clamour",
    "colour",
    "demeanour",
    "endeavour",
    "favour",
    "fervour",
    "flavour",
    "harbour",
    "honour",
    "humour",
    "labour",
    "neighbour",
    "odour",
    "parlour",
    "rancour",
    "rigour",
    "rumour",
    "saviour",
    "savour",
    "splendour",
    "succour",
    "tumour",
    "valour",
    "vapour",
    "vigour",
];

/// What comes before `is` in words spelt `-ise` on both sides of the Atlantic (so never
/// folded): "advertise" is `advert`, "exercised" `exerc`. A word also keeps its `-ise` when
/// what comes before `is` ends with one of the entries of four letters or more
/// ("uncompromising", "imprecise"). Shorter bases (rise, arise, wise, crises, irises) are left
/// out by the three-letter rule.
///
/// The list ends with the nouns in `-is` whose plural is `-ises` (penises, epidermises), which
/// look like a verb's `-ises`.
pub(crate) const ISE_KEEP: &[&str] = &[
    "advert", "appr", "cer", "chast", "chem", "circumc", "compr", "comprom", "conc", "dem", "desp",
    "enterpr", "exc", "exerc", "expert", "franch", "highr", "inc", "merchand", "moonr", "mort",
    "parad", "prec", "prem", "prom", "repr", "sunr", "surm", "surpr", "treat", "upr",
    "val", // nouns in -is:
    "clitor", "derm", "glott", "mant", "pen", "tenn", "trell",
];

/// Endings after `is` (or `ys`) that the -ise rule rewrites.
const ISE_ENDINGS: &[&str] = &[
    "e", "ed", "es", "ing", "er", "ers", "ation", "ations", "able",
];
/// Endings after `lys` that the -yse rule rewrites ("analyses" is left alone).
const YSE_ENDINGS: &[&str] = &["e", "ed", "ing", "er", "ers"];

/// The part before `-re` of words spelt `-re` in British English and `-er` in American
/// English; a word ending with one of them plus `re`, `res`, `red` or `ring` folds
/// ("epicentre", "millilitres"). "metre" is deliberately missing (see the module header).
pub(crate) const RE: &[&str] = &[
    "calib",
    "cent",
    "centimet",
    "decimet",
    "fib",
    "goit",
    "kilomet",
    "lit",
    "lust",
    "maneuv",
    "meag",
    "micromet",
    "millimet",
    "mit",
    "nanomet",
    "reconnoit",
    "sab",
    "scept",
    "sepulch",
    "somb",
    "spect",
    "theat",
    "tit",
];

/// The American spelling of `token` (a normalized token) when the rules above say it is
/// British; otherwise `token` itself, borrowed.
pub(crate) fn fold(token: &str) -> Cow<'_, str> {
    if token.len() < 4 || !token.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Borrowed(token);
    }
    let mut w = Cow::Borrowed(token);
    // Each rule is tried only on words with the letters it needs: most words have none.
    if w.contains("ae") || w.contains("oe") || w.contains("leuc") {
        for (british, american) in AE_OE {
            if w.contains(british) {
                w = Cow::Owned(w.replace(british, american));
            }
        }
    }
    if w.contains("our")
        && let Some(word) = OUR.iter().find(|word| w.contains(*word))
    {
        let american = word.replace("our", "or");
        w = Cow::Owned(w.replace(word, &american));
    }
    if let Some(folded) = ize(&w) {
        w = Cow::Owned(folded);
    }
    if let Some(folded) = er(&w) {
        w = Cow::Owned(folded);
    }
    w
}

/// The -ise → -ize and -yse → -yze rules.
fn ize(w: &str) -> Option<String> {
    for ending in YSE_ENDINGS {
        if let Some(base) = w.strip_suffix(ending).and_then(|s| s.strip_suffix("lys"))
            && base.len() >= 2
        {
            return Some(format!("{base}lyz{ending}"));
        }
    }
    for ending in ISE_ENDINGS {
        let Some(base) = w.strip_suffix(ending).and_then(|s| s.strip_suffix("is")) else {
            continue;
        };
        let last = *base.as_bytes().last()?;
        let keep = base.len() < 3
            || matches!(last, b'a' | b'e' | b'i' | b'o' | b'u' | b'v' | b'w' | b'y')
            || ISE_KEEP
                .iter()
                .any(|k| base == *k || (k.len() >= 4 && base.ends_with(k)));
        return (!keep).then(|| format!("{base}iz{ending}"));
    }
    None
}

/// The -re → -er rule.
fn er(w: &str) -> Option<String> {
    for (ending, american) in [
        ("re", "er"),
        ("res", "ers"),
        ("red", "ered"),
        ("ring", "ering"),
    ] {
        if let Some(base) = w.strip_suffix(ending)
            && RE.iter().any(|part| base.ends_with(part))
        {
            return Some(format!("{base}{american}"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `src/search/vectors/spelling-vectors.txt`: `word<TAB>folded word`.
    const VECTORS: &str = include_str!("vectors/spelling-vectors.txt");

    #[test]
    fn folds_match_the_shared_vectors() {
        let mut wrong = Vec::new();
        let mut count = 0;
        for (n, line) in VECTORS.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (word, expected) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("line {} has no tab: {line:?}", n + 1));
            count += 1;
            let got = fold(word);
            if got != expected {
                wrong.push(format!(
                    "line {}: {word} -> {got}, vectors say {expected}",
                    n + 1
                ));
            }
        }
        assert!(count >= 150, "only {count} vectors");
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Every rule and every list entry is exercised by the vectors, so none is dead.
    #[test]
    fn the_vectors_cover_every_rule() {
        let folded: Vec<(&str, &str)> = VECTORS
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .filter(|(a, b)| a != b)
            .collect();
        for (british, _) in AE_OE {
            assert!(
                folded.iter().any(|(a, _)| a.contains(british)),
                "no vector folds {british}"
            );
        }
        for word in OUR {
            assert!(
                folded.iter().any(|(a, _)| a.contains(word)),
                "no vector folds {word}"
            );
        }
        for part in RE {
            assert!(
                folded
                    .iter()
                    .any(|(a, _)| a.strip_suffix("re").is_some_and(|b| b.ends_with(part))),
                "no vector folds {part}re"
            );
        }
        for ending in ISE_ENDINGS {
            assert!(
                folded
                    .iter()
                    .any(|(a, b)| a.ends_with(&format!("is{ending}"))
                        && b.ends_with(&format!("iz{ending}"))),
                "no vector folds -is{ending}"
            );
        }
        let kept: Vec<&str> = VECTORS
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .filter(|(a, b)| a == b)
            .map(|(a, _)| a)
            .collect();
        for base in ISE_KEEP {
            assert!(
                kept.iter().any(|w| w.contains(&format!("{base}is"))),
                "no vector keeps {base}ise"
            );
        }
    }

    #[test]
    fn exact_spellings_of_other_languages_and_codes_stay() {
        for w in ["naïve", "b12", "haem0", "ae", "oe"] {
            assert_eq!(fold(w), w);
        }
        assert!(matches!(fold("leukemia"), Cow::Borrowed(_)));
    }
}
