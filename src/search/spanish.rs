//! Spanish text analysis for the search index (issue 12): accent folding, stopwords and the
//! Snowball Spanish stemmer.
//!
//! - [`fold`] writes a word without its accents (`á é í ó ú ü` → `a e i o u`), keeping `ñ`
//!   apart from `n` ("año" and "ano" are different words). Readers often type without
//!   accents, so the index holds, beside each word's stem, the stem of the word without its
//!   accents when that differs (see `text::analyse`): "informacion" finds "información".
//! - [`is_stopword`] knows [`STOPWORDS`], written without accents and checked on the folded
//!   word, so "qué" and "que" are both stopwords.
//! - [`stem`] is Snowball's Spanish stemmer (<https://snowballstem.org/algorithms/spanish/stemmer.html>),
//!   ported routine by routine. It must agree with the published implementation exactly:
//!   `src/search/vectors/stemmer-vectors-es.txt` holds the stems that the `rust-stemmers` crate
//!   (generated from Snowball's own source) gives for 4,000 real Spanish word forms, and is
//!   checked against this file and against `static/search-es.js` (regenerate it with
//!   `tools/snowball-vectors`).
//!
//! Invariant: `static/search-es.js` (which `search.js` loads on Spanish sites) implements the
//! same rules (`foldEs`, `stemEs`, `STOPWORDS_ES`).

/// Function words left out of the index and of queries on Spanish sites, without accents.
///
/// Chosen like the English list: articles, prepositions, conjunctions, pronouns and the
/// commonest forms of "ser", "estar", "haber" and "tener", taken from Snowball's Spanish stop
/// list (<https://snowballstem.org/algorithms/spanish/stop.txt>); words that can carry meaning
/// in a health question ("no", "sin", "antes", "después", "contra", "más", "menos", "muy")
/// are kept.
pub(crate) const STOPWORDS: &[&str] = &[
    "a", "al", "algo", "algun", "alguna", "algunas", "alguno", "algunos", "aqui", "cada", "como",
    "con", "cual", "cuales", "cuando", "de", "del", "desde", "donde", "e", "el", "ella", "ellas",
    "ello", "ellos", "en", "entre", "era", "eran", "es", "esa", "esas", "ese", "eso", "esos",
    "esta", "estaba", "estan", "estar", "estas", "este", "esto", "estos", "estoy", "fue", "fueron",
    "ha", "haber", "habia", "han", "has", "hay", "he", "hemos", "la", "las", "le", "les", "lo",
    "los", "me", "mi", "mis", "mucho", "nos", "nosotros", "nuestra", "nuestro", "o", "os", "otra",
    "otras", "otro", "otros", "para", "pero", "por", "porque", "pueda", "puede", "pueden", "que",
    "quien", "quienes", "se", "sea", "sean", "ser", "si", "sobre", "son", "su", "sus", "suya",
    "suyo", "tambien", "te", "tener", "tengo", "tiene", "tienen", "todo", "tu", "tus", "u", "un",
    "una", "unas", "uno", "unos", "usted", "ustedes", "vosotros", "y", "ya", "yo",
];

/// Whether `word` (a normalized token) is a stopword, with or without its accents.
pub(crate) fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&&*fold(word)).is_ok()
}

/// `word` without accents: `á é í ó ú` (and the rarer grave accents) → `a e i o u`, `ü` → `u`.
/// `ñ` stays, because it is a letter of its own. Borrows when there is nothing to fold.
pub(crate) fn fold(word: &str) -> std::borrow::Cow<'_, str> {
    if word.is_ascii() || !word.chars().any(|c| base(c) != c) {
        return std::borrow::Cow::Borrowed(word);
    }
    std::borrow::Cow::Owned(word.chars().map(base).collect())
}

/// The letter under an accented vowel; any other character as it is.
fn base(c: char) -> char {
    match c {
        'á' | 'à' => 'a',
        'é' | 'è' => 'e',
        'í' | 'ì' => 'i',
        'ó' | 'ò' => 'o',
        'ú' | 'ù' | 'ü' => 'u',
        c => c,
    }
}

/// Whether the stemmer applies to `word`: letters of the Spanish alphabet only (a-z, the
/// accented vowels, ü and ñ). Numbers, codes and words of other scripts are left as they are,
/// as the English stemmer leaves them.
fn is_spanish_word(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_ascii_lowercase() || matches!(c, 'á' | 'é' | 'í' | 'ó' | 'ú' | 'ü' | 'ñ'))
}

/// Snowball's vowels for Spanish.
fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e' | 'i' | 'o' | 'u' | 'á' | 'é' | 'í' | 'ó' | 'ú' | 'ü'
    )
}

/// The Snowball Spanish stem of a normalized (lowercase) token. Words with characters outside
/// the Spanish alphabet are returned as they are.
pub(crate) fn stem(word: &str) -> String {
    if word.is_empty() || !is_spanish_word(word) {
        return word.to_owned();
    }
    let mut w: Vec<char> = word.chars().collect();
    let regions = Regions::of(&w);
    attached_pronoun(&mut w, &regions);
    if !standard_suffix(&mut w, &regions) && !y_verb_suffix(&mut w, &regions) {
        verb_suffix(&mut w, &regions);
    }
    residual_suffix(&mut w, &regions);
    w.into_iter().map(postlude).collect()
}

/// Snowball's `postlude`: acute accents go (ü and ñ stay).
fn postlude(c: char) -> char {
    match c {
        'á' => 'a',
        'é' => 'e',
        'í' => 'i',
        'ó' => 'o',
        'ú' => 'u',
        c => c,
    }
}

/// Where Snowball's regions RV, R1 and R2 start, in characters from the start of the word.
/// A suffix is "in" a region when it starts at or after the region's start.
struct Regions {
    rv: usize,
    r1: usize,
    r2: usize,
}

impl Regions {
    fn of(w: &[char]) -> Regions {
        let n = w.len();
        let v = |i: usize| is_vowel(w[i]);
        // The first vowel at or after `from`, and the first non-vowel: "gopast" stops just
        // after it.
        let past_vowel = |from: usize| (from..n).find(|&i| v(i)).map(|i| i + 1);
        let past_consonant = |from: usize| (from..n).find(|&i| !v(i)).map(|i| i + 1);
        // RV: if the second letter is a consonant, the region after the next vowel; if the
        // first two are vowels, after the next consonant; otherwise (consonant, vowel) after
        // the third letter. The end of the word if none of these can be found.
        let rv = if n < 2 {
            None
        } else if v(0) {
            if !v(1) {
                past_vowel(2)
            } else {
                past_consonant(2)
            }
        } else if !v(1) {
            past_vowel(2)
        } else if n >= 3 {
            Some(3)
        } else {
            None
        };
        // R1: after the first non-vowel following a vowel; R2: the same again inside R1.
        let r = |from: usize| past_vowel(from).and_then(past_consonant);
        let r1 = r(0);
        let r2 = r1.and_then(r);
        Regions {
            rv: rv.unwrap_or(n),
            r1: r1.unwrap_or(n),
            r2: r2.unwrap_or(n),
        }
    }
}

/// Whether `w` ends with `suffix`.
fn ends_with(w: &[char], suffix: &str) -> bool {
    let n = suffix.chars().count();
    n <= w.len() && w[w.len() - n..].iter().copied().eq(suffix.chars())
}

/// Snowball's `among` in backward mode: the longest of `suffixes` that `w` ends with and that
/// starts at or after `limit`, as (its index, where it starts). Only the longest match counts:
/// when its condition then fails, shorter ones are not tried.
fn among(w: &[char], suffixes: &[&str], limit: usize) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (k, s) in suffixes.iter().enumerate() {
        let len = s.chars().count();
        if len <= w.len()
            && w.len() - len >= limit
            && ends_with(w, s)
            && best.is_none_or(|(b, _)| len > suffixes[b].chars().count())
        {
            best = Some((k, w.len() - len));
        }
    }
    best
}

/// Replaces `w[at..]` with `with`.
fn replace_tail(w: &mut Vec<char>, at: usize, with: &str) {
    w.truncate(at);
    w.extend(with.chars());
}

/// Step 0: an attached pronoun ("-le", "-selo"...) after a gerund or infinitive in RV goes;
/// an accent the pronoun required goes with it ("diciéndole" → "diciendo").
fn attached_pronoun(w: &mut Vec<char>, r: &Regions) {
    const PRONOUNS: &[&str] = &[
        "me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos",
    ];
    let Some((_, pronoun)) = among(w, PRONOUNS, 0) else {
        return;
    };
    let before = &w[..pronoun];
    const FORMS: &[&str] = &[
        "iéndo", "ándo", "ár", "ér", "ír", "ando", "iendo", "ar", "er", "ir", "yendo",
    ];
    let Some((k, start)) = among(before, FORMS, 0) else {
        return;
    };
    if start < r.rv {
        return;
    }
    match FORMS[k] {
        "iéndo" => replace_tail(w, start, "iendo"),
        "ándo" => replace_tail(w, start, "ando"),
        "ár" => replace_tail(w, start, "ar"),
        "ér" => replace_tail(w, start, "er"),
        "ír" => replace_tail(w, start, "ir"),
        "yendo" => {
            if start > 0 && w[start - 1] == 'u' {
                w.truncate(pronoun);
            }
        }
        _ => w.truncate(pronoun),
    }
}

/// Step 1: standard suffixes (nouns and adjectives). Returns whether it removed or changed one,
/// in which case the verb steps are skipped.
fn standard_suffix(w: &mut Vec<char>, r: &Regions) -> bool {
    // The suffixes of each action; the longest match over all groups is taken.
    const DELETE: &[&str] = &[
        "anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible",
        "ibles", "ista", "istas", "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento",
        "imientos",
    ];
    const DELETE_IC: &[&str] = &[
        "adora", "ador", "ación", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias",
    ];
    const LOG: &[&str] = &["logía", "logías"];
    const U: &[&str] = &["ución", "uciones"];
    const ENTE: &[&str] = &["encia", "encias"];
    const AMENTE: &[&str] = &["amente"];
    const MENTE: &[&str] = &["mente"];
    const IDAD: &[&str] = &["idad", "idades"];
    const IVA: &[&str] = &["iva", "ivo", "ivas", "ivos"];
    let groups: [&[&str]; 9] = [DELETE, DELETE_IC, LOG, U, ENTE, AMENTE, MENTE, IDAD, IVA];
    let mut best: Option<(usize, usize, usize)> = None; // (group, start, length)
    for (g, list) in groups.iter().enumerate() {
        if let Some((k, start)) = among(w, list, 0) {
            let len = list[k].chars().count();
            if best.is_none_or(|(_, _, l)| len > l) {
                best = Some((g, start, len));
            }
        }
    }
    let Some((group, start, _)) = best else {
        return false;
    };
    let in_r2 = |at: usize| at >= r.r2;
    match group {
        0 => {
            if !in_r2(start) {
                return false;
            }
            w.truncate(start);
        }
        1 => {
            if !in_r2(start) {
                return false;
            }
            w.truncate(start);
            remove_if_in_r2(w, "ic", r);
        }
        2 => {
            if !in_r2(start) {
                return false;
            }
            replace_tail(w, start, "log");
        }
        3 => {
            if !in_r2(start) {
                return false;
            }
            replace_tail(w, start, "u");
        }
        4 => {
            if !in_r2(start) {
                return false;
            }
            replace_tail(w, start, "ente");
        }
        5 => {
            if start < r.r1 {
                return false;
            }
            w.truncate(start);
            if let Some((k, at)) = among(w, &["ic", "ad", "os", "iv"], 0)
                && in_r2(at)
            {
                w.truncate(at);
                if k == 3 {
                    remove_if_in_r2(w, "at", r);
                }
            }
        }
        6 => {
            if !in_r2(start) {
                return false;
            }
            w.truncate(start);
            if let Some((_, at)) = among(w, &["able", "ible", "ante"], 0)
                && in_r2(at)
            {
                w.truncate(at);
            }
        }
        7 => {
            if !in_r2(start) {
                return false;
            }
            w.truncate(start);
            if let Some((_, at)) = among(w, &["ic", "abil", "iv"], 0)
                && in_r2(at)
            {
                w.truncate(at);
            }
        }
        _ => {
            if !in_r2(start) {
                return false;
            }
            w.truncate(start);
            remove_if_in_r2(w, "at", r);
        }
    }
    true
}

/// Removes `suffix` from the end of `w` if it is there and starts in R2.
fn remove_if_in_r2(w: &mut Vec<char>, suffix: &str, r: &Regions) {
    let n = suffix.chars().count();
    if ends_with(w, suffix) && w.len() - n >= r.r2 {
        w.truncate(w.len() - n);
    }
}

/// Step 2a: verb suffixes beginning with `y`, in RV, when a `u` comes before them ("huyeron").
fn y_verb_suffix(w: &mut Vec<char>, r: &Regions) -> bool {
    const SUFFIXES: &[&str] = &[
        "ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yó", "yas", "yes", "yais", "yamos",
    ];
    let Some((_, start)) = among(w, SUFFIXES, r.rv) else {
        return false;
    };
    if start > 0 && w[start - 1] == 'u' {
        w.truncate(start);
        true
    } else {
        false
    }
}

/// Step 2b: other verb suffixes in RV; after `en`, `es`, `éis`, `emos`, a `u` that follows a
/// `g` goes too ("lleguen" → "lleg").
fn verb_suffix(w: &mut Vec<char>, r: &Regions) -> bool {
    const GU: &[&str] = &["en", "es", "éis", "emos"];
    const DELETE: &[&str] = &[
        "arían", "arías", "arán", "arás", "aríais", "aría", "aréis", "aríamos", "aremos", "ará",
        "aré", "erían", "erías", "erán", "erás", "eríais", "ería", "eréis", "eríamos", "eremos",
        "erá", "eré", "irían", "irías", "irán", "irás", "iríais", "iría", "iréis", "iríamos",
        "iremos", "irá", "iré", "aba", "ada", "ida", "ía", "ara", "iera", "ad", "ed", "id", "ase",
        "iese", "aste", "iste", "an", "aban", "ían", "aran", "ieran", "asen", "iesen", "aron",
        "ieron", "ado", "ido", "ando", "iendo", "ió", "ar", "er", "ir", "as", "abas", "adas",
        "idas", "ías", "aras", "ieras", "ases", "ieses", "ís", "áis", "abais", "íais", "arais",
        "ierais", "aseis", "ieseis", "asteis", "isteis", "ados", "idos", "amos", "ábamos", "íamos",
        "imos", "áramos", "iéramos", "iésemos", "ásemos",
    ];
    let gu = among(w, GU, r.rv);
    let other = among(w, DELETE, r.rv);
    let len =
        |m: Option<(usize, usize)>, list: &[&str]| m.map_or(0, |(k, _)| list[k].chars().count());
    match (gu, other) {
        (None, None) => false,
        (Some((_, start)), _) if len(gu, GU) > len(other, DELETE) => {
            // The `u` of "gu" may lie before RV: only the suffix had to be in it.
            let cut = if start >= 2 && w[start - 1] == 'u' && w[start - 2] == 'g' {
                start - 1
            } else {
                start
            };
            w.truncate(cut);
            true
        }
        (_, Some((_, start))) => {
            w.truncate(start);
            true
        }
        (Some(_), None) => unreachable!("a match of GU is longer than no match"),
    }
}

/// Step 3: a residual `os`, `a`, `o`, `á`, `í`, `ó` in RV goes; so does `e` or `é`, and then a
/// `u` in RV after a `g` ("guerra"-like stems: "averigüe" keeps its ü).
fn residual_suffix(w: &mut Vec<char>, r: &Regions) {
    const SUFFIXES: &[&str] = &["os", "a", "o", "á", "í", "ó", "e", "é"];
    let Some((k, start)) = among(w, SUFFIXES, 0) else {
        return;
    };
    if start < r.rv {
        return;
    }
    w.truncate(start);
    if matches!(SUFFIXES[k], "e" | "é") {
        let n = w.len();
        if n >= 2 && w[n - 1] == 'u' && w[n - 2] == 'g' && n > r.rv {
            w.truncate(n - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `src/search/vectors/stemmer-vectors-es.txt`: `word<TAB>stem` from the `rust-stemmers` crate.
    const STEMS: &str = include_str!("vectors/stemmer-vectors-es.txt");

    #[test]
    fn the_stemmer_agrees_with_snowball_on_the_shared_vectors() {
        let mut wrong = Vec::new();
        let mut count = 0;
        for (n, line) in STEMS.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (word, expected) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("line {} has no tab: {line:?}", n + 1));
            count += 1;
            let got = stem(word);
            if got != expected {
                wrong.push(format!(
                    "line {}: {word} -> {got}, Snowball says {expected}",
                    n + 1
                ));
            }
        }
        assert!(count >= 3000, "only {count} vectors");
        assert!(
            wrong.is_empty(),
            "{} wrong:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }

    /// The examples: plurals meet their singular.
    #[test]
    fn plurals_meet_their_singular() {
        for (a, b) in [
            ("leucemias", "leucemia"),
            ("ataques", "ataque"),
            ("cámaras", "cámara"),
            ("plaquetas", "plaqueta"),
            ("infecciones", "infección"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} and {b}");
        }
    }

    #[test]
    fn regions_follow_the_snowball_definitions() {
        // Snowball's own examples: macho → RV "ho", oliva "va", trabajo "bajo", áureo "eo";
        // R1 and R2 of "beautiful"-like Spanish words.
        let rv = |w: &str| {
            let c: Vec<char> = w.chars().collect();
            let r = Regions::of(&c);
            c[r.rv..].iter().collect::<String>()
        };
        assert_eq!(rv("macho"), "ho");
        assert_eq!(rv("oliva"), "va");
        assert_eq!(rv("trabajo"), "bajo");
        assert_eq!(rv("áureo"), "eo");
        let c: Vec<char> = "animadversión".chars().collect();
        let r = Regions::of(&c);
        assert_eq!(c[r.r1..].iter().collect::<String>(), "imadversión");
        assert_eq!(c[r.r2..].iter().collect::<String>(), "adversión");
    }

    #[test]
    fn accents_fold_but_enye_stays() {
        assert_eq!(fold("cámara"), "camara");
        assert_eq!(fold("pingüino"), "pinguino");
        assert_eq!(fold("INFORMACIÓN".to_lowercase().as_str()), "informacion");
        assert_eq!(fold("año"), "año");
        assert_ne!(fold("año"), fold("ano"));
        assert!(matches!(fold("plain"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn stopwords_are_sorted_folded_and_found_with_or_without_accents() {
        let mut sorted = STOPWORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOPWORDS, "keep STOPWORDS sorted, without repeats");
        for w in STOPWORDS {
            assert_eq!(fold(w), *w, "{w} has an accent");
        }
        for w in ["qué", "que", "él", "está", "también", "los"] {
            assert!(is_stopword(w), "{w}");
        }
        for w in ["no", "sin", "después", "leucemia", "más"] {
            assert!(!is_stopword(w), "{w}");
        }
    }

    #[test]
    fn codes_and_other_scripts_are_not_stemmed() {
        for w in ["b12", "covid19", "x", "straße", "日本"] {
            assert_eq!(stem(w), w);
        }
    }
}
