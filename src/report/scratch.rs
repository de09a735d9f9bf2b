//! Scratch space of the cross-article pass: an anonymous temporary file in
//! the output folder, or memory when the file fails.

use super::OutLock;
use std::fs::File;
use std::io::Write;

/// Scratch space of the cross-article pass in an anonymous temporary file in
/// the output folder (unlinked at creation, so the OS reclaims it even if the
/// run is killed). Appends are buffered; if the file cannot be created or
/// written, the data stays in memory instead: slower to hold, never lost.
pub struct Scratch {
    file: Option<File>,
    /// Bytes in the file; offsets at or past this are in `memory`.
    in_file: u64,
    buffer: Vec<u8>,
    memory: Vec<u8>,
}

/// Appends are written in chunks of about this size.
const SCRATCH_BUFFER: usize = 1 << 20;

impl Scratch {
    pub fn new(lock: &OutLock) -> Scratch {
        Scratch {
            file: tempfile::tempfile_in(lock.dir()).ok(),
            in_file: 0,
            buffer: Vec::new(),
            memory: Vec::new(),
        }
    }

    fn flush(&mut self) {
        if self.buffer.is_empty() {
            return;
        }
        match self.file.as_mut().map(|f| f.write_all(&self.buffer)) {
            Some(Ok(())) => self.in_file += self.buffer.len() as u64,
            // The file failed: keep everything from here on in memory.
            _ => {
                self.file = self.file.take().filter(|_| self.in_file > 0);
                self.memory.extend_from_slice(&self.buffer);
            }
        }
        self.buffer.clear();
    }
}

impl crate::model::Scratch for Scratch {
    fn append(&mut self, bytes: &[u8]) -> u64 {
        let at = self.in_file + self.memory.len() as u64 + self.buffer.len() as u64;
        if self.file.is_some() && self.memory.is_empty() {
            self.buffer.extend_from_slice(bytes);
            if self.buffer.len() >= SCRATCH_BUFFER {
                self.flush();
            }
        } else {
            self.memory.extend_from_slice(bytes);
        }
        at
    }

    fn finish(&mut self) {
        self.flush();
        // Nothing more is appended: the write buffer's memory goes back
        // (a run holds a score of these files through its peak).
        self.buffer = Vec::new();
    }

    fn read(&self, offset: u64, len: u32) -> Vec<u8> {
        if offset >= self.in_file {
            return self.memory.read(offset - self.in_file, len);
        }
        let mut out = vec![0u8; len as usize];
        match &self.file {
            Some(f) if read_at(f, &mut out, offset).is_ok() => out,
            _ => Vec::new(),
        }
    }
}

#[cfg(unix)]
fn read_at(f: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(f, buf, offset)
}

#[cfg(windows)]
fn read_at(f: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(f, buf, offset)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        offset += n as u64;
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::lock::{lock_out, LOCK_FILE};
    use std::fs;

    fn scratch_round_trip(mut scratch: Scratch) {
        use crate::model::Scratch as _;
        let records: Vec<Vec<u8>> = (0..3000u32)
            .map(|i| (0..(i % 700)).map(|j| (i ^ j) as u8).collect())
            .collect();
        let at: Vec<u64> = records.iter().map(|r| scratch.append(r)).collect();
        scratch.finish();
        for (r, &o) in records.iter().zip(&at).rev() {
            assert_eq!(&scratch.read(o, r.len() as u32), r);
        }
        assert!(scratch.read(u64::MAX - 4, 8).is_empty());
    }

    #[test]
    fn scratch_reads_back_what_was_appended_from_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let lock = lock_out(dir.path()).unwrap();
        let scratch = Scratch::new(&lock);
        assert!(scratch.file.is_some());
        scratch_round_trip(scratch);
        // Anonymous: nothing is left in the folder but the lock.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from(LOCK_FILE)]);
    }

    #[test]
    fn scratch_without_a_file_keeps_its_data_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let lock = lock_out(dir.path()).unwrap();
        let mut scratch = Scratch::new(&lock);
        scratch.file = None;
        scratch_round_trip(scratch);
    }
}
