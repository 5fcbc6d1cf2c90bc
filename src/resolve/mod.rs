//! Resolving: the parsed files joined into one dossier. Pages get routes,
//! citations are found in their seeds, links are checked, and what only the
//! whole dossier can show is checked here.

pub mod citation;
pub mod model;
pub mod route;
pub mod xref;
