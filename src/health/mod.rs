//! What makes medleaf a tool for health publishers: the glossary, medical review governance,
//! sources, readability and structured data.

pub mod glossary;
pub mod jsonld;
