//! The output folder's lock, and recovery of a commit a killed run left
//! half done.

use super::{io_err, ReportError, EXTRAS, JOURNAL, REPORTS, TMP_PREFIX};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The lock file in the output folder; it holds the owning run's pid.
pub(super) const LOCK_FILE: &str = ".credence.lock";

/// Held while a run owns an output folder; released on drop or process death.
#[derive(Debug)]
pub struct OutLock {
    _file: File,
    dir: PathBuf,
}

impl OutLock {
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Creates `dir` if needed and takes its lock. A lock left by a process that
/// died is free again (the kernel drops it), so stale locks never block.
/// Also finishes a commit that a killed run left half done and removes stray
/// temp folders.
pub fn lock_out(dir: &Path) -> Result<OutLock, ReportError> {
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    let path = dir.join(LOCK_FILE);
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io_err(&path))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let pid = fs::read_to_string(&path)
                .ok()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "unknown".into());
            return Err(ReportError::Locked {
                dir: dir.to_path_buf(),
                pid,
            });
        }
        Err(fs::TryLockError::Error(e)) => return Err(io_err(&path)(e)),
    }
    file.set_len(0).map_err(io_err(&path))?;
    write!(file, "{}", std::process::id()).map_err(io_err(&path))?;
    file.flush().map_err(io_err(&path))?;
    recover(dir)?;
    Ok(OutLock {
        _file: file,
        dir: dir.to_path_buf(),
    })
}

/// Completes a journaled commit (roll forward) and removes stray temp folders.
fn recover(dir: &Path) -> Result<(), ReportError> {
    let journal = dir.join(JOURNAL);
    if let Ok(text) = fs::read_to_string(&journal) {
        let tmp = dir.join(text.trim());
        if tmp.is_dir() && text.trim().starts_with(TMP_PREFIX) {
            for name in REPORTS.iter().chain(&EXTRAS) {
                let from = tmp.join(name);
                if from.exists() {
                    fs::rename(&from, dir.join(name)).map_err(io_err(&from))?;
                }
            }
        }
        fs::remove_file(&journal).map_err(io_err(&journal))?;
    }
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            if e.file_name().to_string_lossy().starts_with(TMP_PREFIX) {
                let _ = fs::remove_dir_all(e.path());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_is_exclusive_and_released() {
        let dir = tempfile::tempdir().unwrap();
        let l = lock_out(dir.path()).unwrap();
        // A second handle in the same process conflicts too (flock per open file).
        match lock_out(dir.path()) {
            Err(ReportError::Locked { pid, .. }) => assert_eq!(pid, std::process::id().to_string()),
            other => panic!("expected Locked, got {other:?}"),
        }
        drop(l);
        assert!(lock_out(dir.path()).is_ok());
    }

    #[test]
    fn half_done_commit_is_rolled_forward() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = dir.path().join(format!("{TMP_PREFIX}999"));
        fs::create_dir(&tmp).unwrap();
        for n in REPORTS {
            fs::write(tmp.join(n), "new").unwrap();
        }
        fs::write(dir.path().join("articles.csv"), "new").unwrap(); // renamed already
        fs::remove_file(tmp.join("articles.csv")).unwrap();
        fs::write(dir.path().join(JOURNAL), format!("{TMP_PREFIX}999")).unwrap();
        let _l = lock_out(dir.path()).unwrap();
        for n in REPORTS {
            assert_eq!(fs::read_to_string(dir.path().join(n)).unwrap(), "new");
        }
        assert!(!tmp.exists());
        assert!(!dir.path().join(JOURNAL).exists());
    }
}
