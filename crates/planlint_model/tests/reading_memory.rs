//! Readers hand what they remember to the next reader, whichever thread it is on: a check
//! in batches makes readers for every batch, and rules read previous-period tables on
//! threads of their own. This file holds one test, so that no other test's reader takes
//! the memory in between.

use planlint_model::reading::{read_row, RowReader};
use planlint_model::{load_plan, Catalog};
use std::sync::Arc;

const BUNDLED: &str = include_str!("../../../rules/catalog.yaml");

#[test]
fn the_next_reader_takes_what_the_last_one_parsed_and_reads_the_same() {
    let (catalog, _) = Catalog::load("rules/catalog.yaml", BUNDLED);
    let text = "planlint: 1\nid: p\ntitle: 甲省规划\nlevel: province\nperiod: {start: 2021, end: 2025}\nindicators:\n  - {name: 人均预期寿命, baseline: \"77.1\", target: \"提高1岁\"}\n";
    let plan = load_plan("p.plan.yaml", text).0.unwrap();
    let row = &plan.indicators[0];
    let first = RowReader::new(&catalog).row(&plan, row);
    // The next reader, on another thread: the same parse, shared.
    let again = std::thread::scope(|s| {
        s.spawn(|| RowReader::new(&catalog).row(&plan, row))
            .join()
            .unwrap()
    });
    assert!(Arc::ptr_eq(&first.target, &again.target));
    // Two readers at once: the second starts afresh, and reads the same.
    let mut one = RowReader::new(&catalog);
    let mut two = RowReader::new(&catalog);
    let (a, b) = (one.row(&plan, row), two.row(&plan, row));
    assert!(Arc::ptr_eq(&a.target, &first.target));
    assert!(!Arc::ptr_eq(&b.target, &first.target));
    let fresh = format!("{:?}", read_row(&plan, row, &catalog));
    for reading in [&first, &again, &a, &b] {
        assert_eq!(format!("{reading:?}"), fresh);
    }
}
