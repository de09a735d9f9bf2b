//! The `deploy/` examples: the Kubernetes Jobs parse and agree on the shard
//! count, the shell and Slurm scripts parse, and the one-machine script runs
//! the shards and the merge into the reports of a single run.

use crate::common::*;
use std::path::Path;
use std::process::Command;
use yaml_rust2::{Yaml, YamlLoader};

fn yaml(rel: &str) -> Yaml {
    let text = std::fs::read_to_string(root().join(rel)).unwrap();
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert_eq!(docs.len(), 1, "{rel}: one document");
    docs.remove(0)
}

/// The container's shell command line of a Job.
fn job_command(job: &Yaml) -> String {
    let c = &job["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(c["command"][0].as_str(), Some("/bin/sh"));
    c["args"][0].as_str().unwrap().to_string()
}

#[test]
fn kubernetes_jobs_parse_and_index_the_shards() {
    let shards = yaml("deploy/kubernetes/shards-job.yaml");
    assert_eq!(shards["kind"].as_str(), Some("Job"));
    assert_eq!(shards["apiVersion"].as_str(), Some("batch/v1"));
    let spec = &shards["spec"];
    assert_eq!(spec["completionMode"].as_str(), Some("Indexed"));
    let n = spec["completions"].as_i64().unwrap();
    let cmd = job_command(&shards);
    assert!(
        cmd.contains(&format!("--shard \"${{JOB_COMPLETION_INDEX}}/{n}\"")),
        "{cmd}"
    );
    assert!(
        cmd.contains("--out \"/data/parts/${JOB_COMPLETION_INDEX}\""),
        "{cmd}"
    );
    let merge = yaml("deploy/kubernetes/merge-job.yaml");
    assert_eq!(merge["kind"].as_str(), Some("Job"));
    let cmd = job_command(&merge);
    assert!(
        cmd.starts_with("exec credence merge /data/parts/*"),
        "{cmd}"
    );
    let claim = |j: &Yaml| {
        j["spec"]["template"]["spec"]["volumes"][0]["persistentVolumeClaim"]["claimName"]
            .as_str()
            .map(String::from)
    };
    assert_eq!(claim(&shards), claim(&merge), "one shared volume");
}

#[test]
fn shell_and_slurm_scripts_parse() {
    for rel in [
        "deploy/kubernetes/run.sh",
        "deploy/slurm/shards.sbatch",
        "deploy/slurm/merge.sbatch",
        "deploy/slurm/submit.sh",
        "deploy/local/shards.sh",
    ] {
        let o = Command::new("bash")
            .arg("-n")
            .arg(root().join(rel))
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{rel}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let sbatch = std::fs::read_to_string(root().join("deploy/slurm/shards.sbatch")).unwrap();
    assert!(sbatch.contains("#SBATCH --array=0-3"));
    assert!(sbatch.contains("--shard \"${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}\""));
}

fn local_script(work: &Path, runner: &str) -> std::process::Output {
    Command::new("sh")
        .arg(root().join("deploy/local/shards.sh"))
        .arg(root().join("seeds"))
        .arg(root().join("rules"))
        .arg(work)
        .args(["3", runner])
        .env("CREDENCE", env!("CARGO_BIN_EXE_credence"))
        .env("SOURCE_DATE_EPOCH", RUN_DAY)
        .current_dir(root())
        .output()
        .unwrap()
}

#[test]
fn local_script_shards_and_merges_like_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    same_as_one_run(tmp.path());
}

/// The script once substituted the shard number for every letter K in its
/// command (`xargs -I K`), work folder included: a temporary folder named
/// like `/tmp/.tmpYbmBKf` sent the partials elsewhere and the merge found
/// none. A work folder with a K and a space in its name must work.
#[test]
fn local_script_work_folder_with_a_k_and_a_space_in_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("K work K");
    std::fs::create_dir(&work).unwrap();
    same_as_one_run(&work);
}

/// Runs the local script with xargs into `work` and compares its reports
/// with a single run's; an unknown runner is a usage error.
fn same_as_one_run(work: &Path) {
    let o = local_script(work, "xargs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for k in 0..3 {
        assert!(work.join(format!("parts/{k}/partial.parquet")).is_file());
    }
    let single = work.join("single");
    let o = run(&["score", "seeds", "-q", "--out", single.to_str().unwrap()]);
    assert!(o.status.success());
    for name in REPORTS {
        assert_eq!(
            std::fs::read(single.join(name)).unwrap(),
            std::fs::read(work.join("reports").join(name)).unwrap(),
            "{name}"
        );
    }
    let o = local_script(work, "make");
    assert_eq!(
        o.status.code(),
        Some(2),
        "an unknown runner is a usage error"
    );
}
