//! Reproducible output: the same site gives byte-identical output, whatever folder it is in,
//! whatever order the file system lists its files in, whatever their modification times, and
//! however many threads the build uses.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// Recreates `src` at `dst` creating files in the reverse of sorted order (so a file system
/// that lists in creation order lists them backwards) and giving each a different, shuffled
/// modification time.
fn scrambled_copy(src: &Path, dst: &Path) {
    let files = crate::common::snapshot(src);
    for (i, (rel, bytes)) in files.iter().rev().enumerate() {
        let path = dst.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        // A fixed pseudo-random permutation of days since 2001.
        let days = (i as u64 * 7919 + 13) % 9973;
        let when = SystemTime::UNIX_EPOCH + Duration::from_secs(978_307_200 + days * 86_400);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }
}

#[test]
fn building_again_into_another_folder_gives_the_same_bytes() {
    let site = crate::common::example_site();
    site.build(&[]).assert_code(0);
    let second = site.scratch().join("elsewhere/www");
    site.build(&["--output", second.to_str().unwrap()])
        .assert_code(0);
    let first = crate::common::snapshot(&site.public());
    assert!(first.len() > 30, "{} files", first.len());
    crate::common::assert_same_tree(&first, &crate::common::snapshot(&second));
}

#[test]
fn listing_order_file_times_and_threads_do_not_change_the_output() {
    let site = crate::common::example_site();
    site.build(&[]).assert_code(0);
    let expected = crate::common::snapshot(&site.public());

    // On ext4 the listing order follows a hash of the names, whatever the creation order; on
    // tmpfs it follows creation order, so the copy goes there when the machine has one.
    let shm = std::path::Path::new("/dev/shm");
    let other = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let root = other.path().join("a-different-name");
    scrambled_copy(&site.root.join("content"), &root.join("content"));
    scrambled_copy(&site.root.join("static"), &root.join("static"));
    scrambled_copy(&site.root.join("templates"), &root.join("templates"));
    scrambled_copy(&site.root.join("snippets"), &root.join("snippets"));
    std::fs::copy(site.path("site.yaml"), root.join("site.yaml")).unwrap();
    crate::common::build_env(&root, &[], &[("RAYON_NUM_THREADS", "1")]).assert_code(0);
    crate::common::assert_same_tree(&expected, &crate::common::snapshot(&root.join("public")));
}
