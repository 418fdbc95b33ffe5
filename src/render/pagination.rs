//! The numbered pages of a listing split by `listing.page_size` (issue 14): which page this is
//! and the relative addresses of the others, for `partials/pagination.html` and the
//! `<link rel="prev">`/`rel="next"` of each page. Page 1 is the listing's own address; page `n`
//! is below it (`/conditions/page/2/`, [`crate::theme::listing_page_url`]).

use serde::Serialize;

use crate::theme::listing_page_url;
use crate::urls;

/// The numbered pages of a listing split by `listing.page_size`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PaginationValue {
    /// This page's number, from 1.
    pub(crate) current: usize,
    /// How many pages there are.
    pub(crate) total: usize,
    /// The previous page, relative.
    pub(crate) prev: Option<String>,
    /// The next page, relative.
    pub(crate) next: Option<String>,
    /// Every page: `number`, `href`, `current`.
    pub(crate) pages: Vec<PageNumber>,
}

/// One entry of a listing's page numbers.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageNumber {
    /// From 1.
    pub(crate) number: usize,
    /// Relative address.
    pub(crate) href: String,
    /// Whether it is the page being rendered.
    pub(crate) current: bool,
}

impl PaginationValue {
    /// Page `current` of the `total` pages of the listing at `url`, seen from that page.
    pub(crate) fn new(url: &str, current: usize, total: usize) -> Self {
        let from = listing_page_url(url, current);
        let href = |n: usize| urls::relative(&from, &listing_page_url(url, n));
        PaginationValue {
            current,
            total,
            prev: (current > 1).then(|| href(current - 1)),
            next: (current < total).then(|| href(current + 1)),
            pages: (1..=total)
                .map(|n| PageNumber {
                    number: n,
                    href: href(n),
                    current: n == current,
                })
                .collect(),
        }
    }
}
