//! Reading level of Spanish text (issue 12): Fernández-Huerta's and Szigriszt-Pazos's formulas,
//! with Spanish syllable rules, on body prose only (as [`super::readability`] does for English).
//!
//! Both formulas adapt Flesch's Reading Ease to Spanish; higher is easier. W words, F sentences
//! (*frases*), S syllables:
//!
//! - **Fernández-Huerta** (1959), *lecturabilidad*: `L = 206.84 − 60 × S/W − 1.02 × W/F`. The
//!   formula is usually printed as `206.84 − 0.60 P − 1.02 F` with P the syllables per 100 words
//!   and F the sentences per 100 words, which makes shorter sentences score *harder*; Gwillim Law
//!   (LINGUIST List 22.2332, 2011) showed that F must be the words per sentence, as in Flesch's
//!   formula, and that is the form used here (and by legible.es). Scale: 90-100 muy fácil, 80-90
//!   fácil, 70-80 algo fácil, 60-70 normal (para adulto), 50-60 algo difícil, 30-50 difícil,
//!   0-30 muy difícil.
//! - **Szigriszt-Pazos** (1993), *perspicuidad*: `P = 206.835 − 62.3 × S/W − W/F`, read on the
//!   **INFLESZ** scale that Barrio-Cantalejo et al. validated on texts for patients (*Anales del
//!   Sistema Sanitario de Navarra* 2008; 31(2): 135-152): below 40 muy difícil, 40-55 algo
//!   difícil, 55-65 normal, 65-80 bastante fácil, 80 and above muy fácil ([`inflesz`]). Health
//!   information should reach at least 55 ("normal"): [`DEFAULT_MIN_INFLESZ`] is the default
//!   threshold below which a page gets a warning, the INFLESZ counterpart of the English
//!   `readability.max_grade`.
//!
//! Counting, as for English: prose is paragraphs and list items, each ending a sentence;
//! sentences end at `.`, `!`, `?` or `…` followed by a space ([`super::readability::sentences`]),
//! except after the Spanish abbreviations of [`ABBREVIATIONS`] ("Dra.", "Ud.", "aprox."); the
//! opening `¿` and `¡` change nothing. Words are runs of non-space characters holding a letter or
//! digit; a number is one word of one syllable; an acronym in capitals (2-5 letters) is read
//! letter by letter, each letter by its Spanish name ("ADN" = a-de-e-ne, 4).
//!
//! Syllables ([`syllables`]) are counted by the Real Academia Española's rules for vowels
//! (*Ortografía de la lengua española*, 2010, §1.3 and §1.4), one syllable per vowel nucleus:
//!
//! - `a e o` (and `á é ó`) are strong (open) vowels, `i u ü` weak (closed); `í ú` are weak
//!   vowels that carry the stress.
//! - Two strong vowels side by side are a hiatus, two syllables ("po-e-ta", "a-é-re-o",
//!   "cre-er"); so are a stressed `í`/`ú` beside a strong vowel ("dí-a", "pa-ís", "o-í-do").
//! - A weak vowel beside a strong one, or two different weak vowels, form a diphthong, one
//!   syllable ("leu-ce-mia", "ciu-dad", "cons-truí"); weak-strong-weak is a triphthong
//!   ("U-ru-guay", "a-ve-ri-guáis"). The same weak vowel twice is a hiatus ("chi-i-ta").
//! - An `h` between vowels does not separate them ("prohi-bir", "bú-ho" is a hiatus only because
//!   of its accent); the `u` of `que`, `qui`, `gue`, `gui` is silent, while `ü` is a vowel
//!   ("pin-güi-no"); `y` is a vowel at the end of a word after a vowel ("hoy", "muy", "es-toy")
//!   and as the word "y", a consonant elsewhere ("a-yu-da").

use crate::health::readability::{self, WordMemo};
use crate::markdown::Prose;

/// The INFLESZ score below which a Spanish page is hard for patients: the lower end of
/// "normal" (Barrio-Cantalejo et al. 2008).
pub(crate) const DEFAULT_MIN_INFLESZ: f64 = 55.0;

/// The name of the formula the report gives for Spanish pages.
pub(crate) const FORMULA: &str = "Szigriszt-Pazos perspicuity on the INFLESZ scale";

/// Spanish abbreviations whose full stop does not end a sentence (lowercase, without the
/// stop), besides the English module's list.
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "dra", "sra", "sras", "srta", "srs", "ud", "uds", "aprox", "pág", "págs", "núm", "tel", "ej",
    "p. ej", "cap", "art", "lic", "dres",
];

/// Scores for one piece of Spanish text.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub(crate) struct Scores {
    /// Number of words.
    pub words: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// Number of syllables.
    pub syllables: usize,
    /// Fernández-Huerta's *lecturabilidad* (Law's correction): higher is easier.
    pub fernandez_huerta: f64,
    /// Szigriszt-Pazos's *perspicuidad*, read on the INFLESZ scale ([`inflesz`]).
    pub szigriszt_pazos: f64,
}

/// The published formulas (see the module header) for `words` words, `sentences` sentences
/// and `syllables` syllables. Both must be above zero (see [`score_with`]).
pub(crate) fn formulas(words: usize, sentences: usize, syllables: usize) -> Scores {
    let w = words as f64;
    let f = sentences as f64;
    let s = syllables as f64;
    Scores {
        words,
        sentences,
        syllables,
        fernandez_huerta: 206.84 - 60.0 * (s / w) - 1.02 * (w / f),
        szigriszt_pazos: 206.835 - 62.3 * (s / w) - w / f,
    }
}

/// The INFLESZ band of a Szigriszt-Pazos score, as the scale names it.
pub(crate) fn inflesz(score: f64) -> &'static str {
    match score {
        s if s < 40.0 => "muy difícil",
        s if s < 55.0 => "algo difícil",
        s if s < 65.0 => "normal",
        s if s < 80.0 => "bastante fácil",
        _ => "muy fácil",
    }
}

/// The band of a Fernández-Huerta score, as Fernández Huerta's scale names it.
pub(crate) fn fernandez_huerta_band(score: f64) -> &'static str {
    match score {
        s if s < 30.0 => "muy difícil",
        s if s < 50.0 => "difícil",
        s if s < 60.0 => "algo difícil",
        s if s < 70.0 => "normal",
        s if s < 80.0 => "algo fácil",
        s if s < 90.0 => "fácil",
        _ => "muy fácil",
    }
}

/// Scores the prose of one Spanish page; `None` when it has no words.
#[cfg(test)]
pub(crate) fn score(prose: &[Prose]) -> Option<Scores> {
    score_with(prose, &mut WordMemo::default())
}

/// Scores the prose of one Spanish page (`None` when it has no words), reusing and filling
/// `memo` (see [`readability::SyllableMemo`]).
pub(crate) fn score_with(prose: &[Prose], memo: &mut WordMemo) -> Option<Scores> {
    let sentences = count_sentences(prose);
    let mut words = 0;
    let mut syllables = 0;
    for unit in prose {
        for w in words_of(&unit.text) {
            words += 1;
            syllables += memo.get(w, word_syllables);
        }
    }
    (words > 0 && sentences > 0).then(|| formulas(words, sentences, syllables))
}

/// The sentences of `prose` as [`readability::sentences`] finds them, less those that end
/// with a Spanish abbreviation and have another sentence after them in the same unit.
fn count_sentences(prose: &[Prose]) -> usize {
    prose
        .iter()
        .map(|unit| {
            let found = readability::sentences(std::slice::from_ref(unit));
            let joined = found[..found.len().saturating_sub(1)]
                .iter()
                .filter(|s| ends_with_abbreviation(s.text))
                .count();
            found.len() - joined
        })
        .sum()
}

/// Whether `sentence` ends with one of [`ABBREVIATIONS`] and its full stop.
fn ends_with_abbreviation(sentence: &str) -> bool {
    let Some(body) = sentence.strip_suffix('.') else {
        return false;
    };
    // Only the end can hold an abbreviation (the longest is 5 letters): lowercasing the
    // whole sentence, for every sentence of the site, was a tenth of a Spanish page's cost.
    let tail = body
        .char_indices()
        .rev()
        .nth(7)
        .map_or(body, |(i, _)| &body[i..]);
    let lower = tail.to_lowercase();
    ABBREVIATIONS.iter().any(|a| {
        lower.strip_suffix(a).is_some_and(|before| {
            before.is_empty() || before.ends_with(|c: char| c.is_whitespace() || c == '(')
        })
    })
}

/// The words of `text`: runs of characters between spaces and dashes that hold a letter or a
/// digit.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c == '—' || c == '–')
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// Syllables of a word as written in text: punctuation (`¿ ¡ , .`) is ignored, hyphenated and
/// slashed parts are counted apart, a number is one syllable, and an acronym in capitals of 2 to
/// 5 letters is read letter by letter.
pub(crate) fn word_syllables(word: &str) -> usize {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphanumeric()).collect();
    if (2..=5).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase()) {
        return letters.iter().map(|&c| letter_name_syllables(c)).sum();
    }
    let mut total = 0;
    for part in word.split(['-', '/']) {
        let lower: String = part
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        if !lower.is_empty() {
            total += syllables(&lower);
        }
    }
    total.max(1)
}

/// Syllables in the Spanish name of a capital letter (a, be, ce, de, e, efe, ge, hache...).
fn letter_name_syllables(c: char) -> usize {
    match c {
        'F' | 'H' | 'J' | 'L' | 'M' | 'N' | 'Ñ' | 'R' | 'S' | 'V' | 'X' | 'Z' => 2,
        'W' => 3,
        _ => 1,
    }
}

/// A vowel's kind, for the diphthong and hiatus rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vowel {
    /// `a e o á é ó`.
    Strong,
    /// `í ú`: a weak vowel carrying the stress, which breaks a diphthong with a strong one.
    StressedWeak(char),
    /// `i u ü`, and `y` ending a word after a vowel; with the letter it sounds as.
    Weak(char),
}

fn vowel(c: char) -> Option<Vowel> {
    Some(match c {
        'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'à' | 'è' | 'ò' => Vowel::Strong,
        'í' | 'ì' => Vowel::StressedWeak('i'),
        'ú' | 'ù' => Vowel::StressedWeak('u'),
        'i' | 'ï' => Vowel::Weak('i'),
        'u' | 'ü' => Vowel::Weak('u'),
        _ => return None,
    })
}

/// Whether two vowels side by side are one syllable (a diphthong).
fn diphthong(a: Vowel, b: Vowel) -> bool {
    use Vowel::{StressedWeak, Strong, Weak};
    match (a, b) {
        (Strong, Strong) | (Strong, StressedWeak(_)) | (StressedWeak(_), Strong) => false,
        (Strong, Weak(_)) | (Weak(_), Strong) => true,
        (Weak(x) | StressedWeak(x), Weak(y) | StressedWeak(y)) => x != y,
    }
}

/// Syllables in a lowercase Spanish word of letters only, by the rules in the module header.
/// At least 1.
pub(crate) fn syllables(word: &str) -> usize {
    if word == "y" {
        return 1;
    }
    let letters: Vec<char> = word.chars().collect();
    let n = letters.len();
    let mut count = 0;
    let mut previous: Option<Vowel> = None;
    for (i, &c) in letters.iter().enumerate() {
        // An `h` joins nothing and separates nothing.
        if c == 'h' {
            continue;
        }
        let before = i.checked_sub(1).map(|j| letters[j]);
        let after = letters.get(i + 1).copied();
        let silent_u = c == 'u'
            && (before == Some('q')
                || (before == Some('g') && matches!(after, Some('e' | 'i' | 'é' | 'í'))));
        if silent_u {
            continue;
        }
        let v = if c == 'y' {
            (i + 1 == n && i > 0 && vowel(letters[i - 1]).is_some()).then_some(Vowel::Weak('i'))
        } else {
            vowel(c)
        };
        match v {
            None => previous = None,
            Some(v) => {
                if !previous.is_some_and(|p| diphthong(p, v)) {
                    count += 1;
                }
                previous = Some(v);
            }
        }
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Vec<Prose> {
        vec![Prose {
            text: text.to_owned(),
            origins: vec![(0, 0)],
            section: None,
            ..Prose::default()
        }]
    }

    /// Words and their syllables, each division worked out by the rules in the module header
    /// (and checked against the RAE's examples where it gives them).
    #[test]
    fn syllables_follow_the_rules_for_spanish_vowels() {
        let cases = [
            // plain words
            ("sangre", 2),      // san-gre
            ("enfermedad", 4),  // en-fer-me-dad
            ("cámara", 3),      // cá-ma-ra
            ("médula", 3),      // mé-du-la
            ("glóbulos", 3),    // gló-bu-los
            ("pequeño", 3),     // pe-que-ño
            ("transfusión", 3), // trans-fu-sión
            ("leucocitos", 4),  // leu-co-ci-tos
            // diphthongs: weak + strong, strong + weak, two different weak vowels
            ("leucemia", 3),      // leu-ce-mia
            ("anemia", 3),        // a-ne-mia
            ("neutropenia", 4),   // neu-tro-pe-nia
            ("quimioterapia", 5), // qui-mio-te-ra-pia
            ("ciudad", 2),        // ciu-dad
            ("cuidado", 3),       // cui-da-do
            ("construí", 2),      // cons-truí
            ("agua", 2),          // a-gua
            ("continua", 3),      // con-ti-nua
            ("aun", 1),           // aun
            ("náusea", 3),        // náu-se-a
            ("reumatología", 6),  // reu-ma-to-lo-gí-a
            ("biología", 4),      // bio-lo-gí-a
            // hiatus: two strong vowels, a stressed í/ú beside a strong one, the same weak twice
            ("poeta", 3),       // po-e-ta
            ("teatro", 3),      // te-a-tro
            ("aéreo", 4),       // a-é-re-o
            ("creer", 2),       // cre-er
            ("leer", 2),        // le-er
            ("caer", 2),        // ca-er
            ("zoología", 5),    // zo-o-lo-gí-a
            ("día", 2),         // dí-a
            ("país", 2),        // pa-ís
            ("baúl", 2),        // ba-úl
            ("oído", 3),        // o-í-do
            ("reír", 2),        // re-ír
            ("aún", 2),         // a-ún
            ("continúa", 4),    // con-ti-nú-a
            ("hematología", 6), // he-ma-to-lo-gí-a
            ("psicología", 5),  // psi-co-lo-gí-a
            ("ósea", 3),        // ó-se-a
            ("chiita", 3),      // chi-i-ta
            // triphthongs
            ("uruguay", 3),    // u-ru-guay
            ("buey", 1),       // buey
            ("averiguáis", 4), // a-ve-ri-guáis
            // h between vowels
            ("ahora", 3),    // a-ho-ra
            ("búho", 2),     // bú-ho
            ("prohibir", 2), // prohi-bir
            ("rehúso", 3),   // re-hú-so
            ("huevo", 2),    // hue-vo
            // silent u, ü
            ("guerra", 2),    // gue-rra
            ("guitarra", 3),  // gui-ta-rra
            ("querer", 2),    // que-rer
            ("qué", 1),       // qué
            ("ataque", 3),    // a-ta-que
            ("pingüino", 3),  // pin-güi-no
            ("vergüenza", 3), // ver-güen-za
            // y
            ("y", 1),
            ("hoy", 1),
            ("muy", 1),
            ("rey", 1),
            ("estoy", 2), // es-toy
            ("ayuda", 3), // a-yu-da
            ("yema", 2),  // ye-ma
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(w, n)| syllables(w) != *n)
            .map(|(w, n)| format!("{w}: {} (want {n})", syllables(w)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn words_as_written() {
        assert_eq!(word_syllables("¿Qué"), 1);
        assert_eq!(word_syllables("leucemia?"), 3);
        assert_eq!(word_syllables("1.500"), 1);
        assert_eq!(word_syllables("físico-químico"), 6);
        // Acronyms letter by letter: a-de-e-ne, u-ve-i-ha-che.
        assert_eq!(word_syllables("ADN"), 4);
        assert_eq!(word_syllables("(VIH)"), 5);
        assert_eq!(word_syllables("Leucemia"), 3);
    }

    /// "El niño come pan. La casa es blanca."
    /// W = 8, F = 2, S = 12: el(1) ni-ño(2) co-me(2) pan(1) la(1) ca-sa(2) es(1) blan-ca(2).
    /// L = 206.84 − 60 × 12/8 − 1.02 × 8/2 = 206.84 − 90 − 4.08 = 112.76.
    /// P = 206.835 − 62.3 × 12/8 − 8/2 = 206.835 − 93.45 − 4 = 109.385.
    #[test]
    fn hand_computed_example() {
        let s = score(&prose("El niño come pan. La casa es blanca.")).unwrap();
        assert_eq!((s.words, s.sentences, s.syllables), (8, 2, 12));
        assert!(
            (s.fernandez_huerta - 112.76).abs() < 1e-9,
            "{}",
            s.fernandez_huerta
        );
        assert!(
            (s.szigriszt_pazos - 109.385).abs() < 1e-9,
            "{}",
            s.szigriszt_pazos
        );
        assert_eq!(inflesz(s.szigriszt_pazos), "muy fácil");
    }

    /// "La leucemia es un cáncer de la sangre. Los glóbulos blancos combaten las infecciones."
    /// W = 8 + 6 = 14, F = 2. S = (1+3+1+1+2+1+1+2) + (1+3+2+3+1+4) = 12 + 14 = 26:
    /// leu-ce-mia, cán-cer, san-gre; gló-bu-los, blan-cos, com-ba-ten, in-fec-cio-nes.
    /// L = 206.84 − 60 × 26/14 − 1.02 × 7 = 88.271 428 6.
    /// P = 206.835 − 62.3 × 26/14 − 7 = 206.835 − 115.7 − 7 = 84.135.
    #[test]
    fn hand_computed_medical_example() {
        let s = score(&prose(
            "La leucemia es un cáncer de la sangre. Los glóbulos blancos combaten las infecciones.",
        ))
        .unwrap();
        assert_eq!((s.words, s.sentences, s.syllables), (14, 2, 26));
        assert!(
            (s.fernandez_huerta - 88.271_428_6).abs() < 1e-6,
            "{}",
            s.fernandez_huerta
        );
        assert!(
            (s.szigriszt_pazos - 84.135).abs() < 1e-9,
            "{}",
            s.szigriszt_pazos
        );
        assert_eq!(inflesz(s.szigriszt_pazos), "muy fácil");
        assert_eq!(fernandez_huerta_band(s.fernandez_huerta), "fácil");
    }

    /// A hard sentence: long words, one long sentence.
    /// "La agranulocitosis medicamentosa constituye una complicación potencialmente mortal."
    /// W = 8, F = 1, S = 1 + 7 + 6 + 4 + 2 + 4 + 5 + 2 = 31: la, a-gra-nu-lo-ci-to-sis,
    /// me-di-ca-men-to-sa, cons-ti-tu-ye (y before a vowel is a consonant), u-na,
    /// com-pli-ca-ción, po-ten-cial-men-te ("cial" is one syllable), mor-tal.
    /// P = 206.835 − 62.3 × 31/8 − 8 = 206.835 − 241.4125 − 8 = −42.5775.
    #[test]
    fn a_hard_sentence_is_muy_dificil() {
        let s = score(&prose(
            "La agranulocitosis medicamentosa constituye una complicación potencialmente mortal.",
        ))
        .unwrap();
        assert_eq!((s.words, s.sentences, s.syllables), (8, 1, 31));
        assert!(
            (s.szigriszt_pazos - -42.5775).abs() < 1e-9,
            "{}",
            s.szigriszt_pazos
        );
        assert_eq!(inflesz(s.szigriszt_pazos), "muy difícil");
        assert!(s.szigriszt_pazos < DEFAULT_MIN_INFLESZ);
    }

    #[test]
    fn spanish_abbreviations_do_not_end_sentences() {
        let units =
            prose("La Dra. Pérez lo revisa. Llame a la Sra. Gómez, aprox. a las 9. ¿Tiene fiebre?");
        assert_eq!(count_sentences(&units), 3);
        // Each list item or paragraph is a sentence of its own.
        let items = vec![prose("Fiebre").remove(0), prose("Cansancio").remove(0)];
        assert_eq!(count_sentences(&items), 2);
        assert_eq!(score(&prose("")), None);
    }

    #[test]
    fn bands_at_their_boundaries() {
        assert_eq!(inflesz(39.9), "muy difícil");
        assert_eq!(inflesz(40.0), "algo difícil");
        assert_eq!(inflesz(55.0), "normal");
        assert_eq!(inflesz(65.0), "bastante fácil");
        assert_eq!(inflesz(80.0), "muy fácil");
        assert_eq!(fernandez_huerta_band(60.0), "normal");
        assert_eq!(fernandez_huerta_band(29.0), "muy difícil");
        assert_eq!(fernandez_huerta_band(95.0), "muy fácil");
    }
}
