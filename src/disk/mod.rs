//! The file system: the only code that touches it. [`input`] reads a
//! dossier's tree into memory; [`output`] writes a built site, atomically.
//! Every other stage is pure and works in memory.

pub mod input;
pub mod output;
pub mod watch;

/// The process's peak resident memory so far, in KiB (`VmHWM` of
/// `/proc/self/status`), where the system reports it: for the stage timings.
pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
