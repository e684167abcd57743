//! JUnit XML: one testsuite per exercise, one testcase per test, for CI systems that show it.

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::result::{CourseResult, TestResult, TestStatus};

pub fn render(result: &CourseResult) -> anyhow::Result<String> {
    let mut report = Report::new(result.course.as_str());
    for exercise in &result.exercises {
        let mut suite = TestSuite::new(exercise.id.as_str());
        if exercise.tests.is_empty() {
            // A build error has no tests: one failing case carries the compiler's message.
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
            status.set_message(exercise.message.as_str());
            status.set_description(exercise.build_output.as_str());
            suite.add_test_case(TestCase::new("build", status));
        }
        for test in &exercise.tests {
            let status = match test.status {
                TestStatus::Passed => TestCaseStatus::success(),
                TestStatus::Failed => failure(NonSuccessKind::Failure, test),
                TestStatus::Crashed | TestStatus::Timeout => failure(NonSuccessKind::Error, test),
            };
            let mut case = TestCase::new(test.name.as_str(), status);
            case.set_classname(format!("{}.{}", exercise.id, test.suite.as_str()));
            if !test.output.is_empty() {
                case.set_system_out(test.output.as_str());
            }
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    Ok(report.to_string()?)
}

fn failure(kind: NonSuccessKind, test: &TestResult) -> TestCaseStatus {
    let mut status = TestCaseStatus::non_success(kind);
    status.set_message(test.headline());
    status.set_description(test.message.as_str());
    status
}
