//! Links between pages, in two halves on either side of the Markdown stage:
//!
//! - [`index`], before Markdown: the table of every address the site will have, and the
//!   resolution of what authors wrote to those addresses. Markdown gets this table and records
//!   the links it finds.
//! - [`anchors`] and [`graph`], after Markdown: checking `#fragment`s against the ids the
//!   rendered pages really have, and working out backlinks and related articles.

pub(crate) mod anchors;
pub(crate) mod graph;
pub(crate) mod index;
