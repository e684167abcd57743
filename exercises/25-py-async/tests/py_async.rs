use std::time::Duration;

use py_async::{MeetError, Rendezvous};

/// Long enough never to run out in a working meeting; it only stops a broken one from hanging.
const GIVE_UP: Duration = Duration::from_secs(10);

#[tokio::test]
async fn a_meeting_of_one_ends_at_once_and_its_caller_leads_it() {
    assert_eq!(Rendezvous::new(1).meet(GIVE_UP).await, Ok(true));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_tasks_meet_and_exactly_one_of_them_leads() {
    let rendezvous = Rendezvous::new(8);
    let tasks: Vec<_> = (0..8)
        .map(|_| tokio::spawn(rendezvous.clone().meet(GIVE_UP)))
        .collect();
    let mut leaders = 0;
    for task in tasks {
        match task.await.expect("the task panicked") {
            Ok(is_leader) => leaders += usize::from(is_leader),
            Err(error) => panic!(
                "the meeting failed: {error}. Eight tasks on two runtime threads meet only if \
                 each waits without holding its thread: await the barrier, inside \
                 tokio::time::timeout. A blocking wait (std::thread::sleep, a std::sync lock or \
                 Barrier, a loop that checks and sleeps) holds a worker until it returns, and the \
                 tasks queued behind it never arrive. See book/ch3-pyo3/async.md."
            ),
        }
    }
    assert_eq!(leaders, 1);
    assert_eq!(rendezvous.waiting(), 0);
}

#[tokio::test]
async fn a_lone_caller_times_out_and_says_how_many_arrived() {
    let meet = Rendezvous::new(2).meet(Duration::from_millis(20));
    let outcome = tokio::time::timeout(GIVE_UP, meet)
        .await
        .expect("meet was still waiting long after its timeout: does it give up?");
    assert_eq!(
        outcome,
        Err(MeetError::TimedOut {
            arrived: 1,
            size: 2
        })
    );
}

#[tokio::test]
async fn a_dropped_meet_future_stops_counting_as_waiting() {
    let rendezvous = Rendezvous::new(2);
    let task = tokio::spawn(rendezvous.clone().meet(GIVE_UP));
    while rendezvous.waiting() == 0 && !task.is_finished() {
        tokio::task::yield_now().await;
    }
    assert!(
        !task.is_finished(),
        "meet ended although only one of two callers came"
    );
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());
    assert_eq!(rendezvous.waiting(), 0);
}
