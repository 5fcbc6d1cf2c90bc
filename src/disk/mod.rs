//! The file system: the only code that touches it. [`input`] reads a
//! dossier's tree into memory; [`output`] writes a built site, atomically.
//! Every other stage is pure and works in memory.

pub mod input;
pub mod output;
pub mod watch;
