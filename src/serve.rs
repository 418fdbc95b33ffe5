//! `medleaf serve`: build into memory, serve over HTTP, rebuild on change, reload the browser.
//!
//! (Being written: see issue 4.)

use std::net::IpAddr;

use crate::error::{Error, Result};
use crate::pipeline::{Options, Report};

/// What `serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site to build.
    pub site: Options,
    /// The address to listen on (default 127.0.0.1).
    pub bind: IpAddr,
    /// The port (default 1111).
    pub port: u16,
    /// Open the site in a browser once it is served.
    pub open: bool,
}

/// What happens while serving, for the caller to show (the library never prints).
#[derive(Debug)]
pub enum Event {
    /// The server is listening at this address.
    Listening(String),
    /// A build finished (possibly with errors, in which case the last good site is still served).
    Built(Report),
    /// A change was seen in these files.
    Changed(Vec<std::path::PathBuf>),
    /// A problem that did not stop the server.
    Problem(Error),
}

/// Serves the site until interrupted (Ctrl-C).
pub fn serve(options: ServeOptions, on_event: &mut dyn FnMut(Event)) -> Result<()> {
    let _ = (options, on_event);
    Err(Error::Usage("`serve` is not available yet".to_owned()))
}
