//! The real course, proved: every exercise fails untouched, test by test, and passes with its
//! solution. The only test that reads the course's own exercises; the checker's behaviour is
//! tested on the fixture course.

use crate::support::TestCourse;

#[test]
fn the_real_course_verifies() {
    let course = TestCourse::copy();
    let output = course.checker().arg("verify").output().unwrap();
    assert!(
        output.status.success(),
        "verify failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
