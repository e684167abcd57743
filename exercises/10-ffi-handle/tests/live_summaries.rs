//! Every summary made by `oxi_summary_new` is counted until `oxi_summary_free` drops it. One test
//! in its own file (its own process), so no other test changes the count while it runs.
use ffi_handle::{oxi_live_summaries, oxi_summary_free, oxi_summary_new, oxi_summary_push};

#[test]
fn free_drops_the_object_that_new_made() {
    let before = oxi_live_summaries();
    let handles: Vec<_> = (0..3).map(|_| oxi_summary_new()).collect();
    assert_eq!(
        oxi_live_summaries(),
        before + 3,
        "each oxi_summary_new makes one Summary"
    );
    for handle in handles {
        unsafe {
            oxi_summary_push(handle, 1.5);
            oxi_summary_free(handle);
        }
    }
    assert_eq!(
        oxi_live_summaries(),
        before,
        "summaries still alive after oxi_summary_free: a leak (free must take the Box back and drop it)"
    );
}
