//! Any UTF-8 text as the indicator catalog: `Catalog::load` must return diagnostics, never
//! panic; lookups by fixed names, by id and by the input's own first line must not panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (catalog, _diagnostics) = planlint_model::Catalog::load("c.yaml", text);
    let first_line = text.lines().next().unwrap_or("");
    for name in ["人均预期寿命", "婴儿死亡率（‰）", "每千人口 执业(助理)医师数", "", first_line] {
        let _ = catalog.lookup(name, None);
    }
    let _ = catalog.lookup("x", Some("life-expectancy"));
    let _ = catalog.lookup("x", Some(first_line));
});
