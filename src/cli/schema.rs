//! `medleaf schema front-matter|site`: prints a JSON Schema for editors (the library makes it).

use super::args::SchemaArgs;
use super::print::outln;

/// Prints the schema asked for.
pub(crate) fn run(args: SchemaArgs) -> i32 {
    outln!("{}", medleaf::json_schema(args.which.file()).trim_end());
    0
}
