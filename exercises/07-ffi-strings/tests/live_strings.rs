//! Every string handed out is counted until it is handed back. One test in its own file (its own
//! process), so no other test changes the count while it runs.
use ffi_strings::{oxi_live_strings, oxi_shout, oxi_string_free};

#[test]
fn every_string_handed_out_is_counted_until_it_is_freed() {
    let before = oxi_live_strings();
    let strings: Vec<_> = (0..3)
        .map(|_| unsafe { oxi_shout(c"hi".as_ptr()) })
        .collect();
    assert!(strings.iter().all(|s| !s.is_null()));
    assert_eq!(oxi_live_strings(), before + 3);
    for s in strings {
        unsafe { oxi_string_free(s) };
    }
    assert_eq!(oxi_live_strings(), before);
}
