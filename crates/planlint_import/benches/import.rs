//! How long importing a large plan document takes: 1 MB and 10 MB of plan text (chapters,
//! sections, an indicator table in each chapter, paragraphs with targets), from bytes to
//! the plan file. Run with `cargo bench -p planlint_import --bench import`; it prints the
//! median of several runs per phase and size. Figures compare sizes and versions on one
//! machine; the goal (10 MB well under a second) lives here, never in a timed test.

use planlint_import::{import, Options};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

/// A deterministic plan-like document of at least `bytes` bytes.
fn document(bytes: usize) -> String {
    let mut text = String::from(
        "某某市人民政府办公室关于印发《某某市“十四五”卫生健康发展规划》的通知\n\
         某某市人民政府办公室\n2022年3月8日\n某某市“十四五”卫生健康发展规划\n\
         为贯彻落实《某某省“十四五”卫生健康发展规划》，制定本规划。\n",
    );
    // Chapters stay under 100 (Chinese numerals to 九十九): a larger document has more
    // items per section.
    let items = (bytes >> 20).max(1) as u32 * 12;
    let mut chapter = 0;
    while text.len() < bytes {
        chapter += 1;
        let _ = writeln!(text, "第{}章 第{chapter}项重点任务", cn(chapter));
        for section in 1..=8 {
            let _ = writeln!(text, "第{}节 第{section}方面的工作", cn(section));
            for item in 1..=items {
                let _ = writeln!(
                    text,
                    "{item}.推进第{item}类建设。到2025年，第{chapter}类机构覆盖率达到{}%以上，\
                     每千人口床位数提高到{}.{}张，各项工作稳步推进，群众满意度不断提升。",
                    60 + item % 8 * 5,
                    5 + item % 3,
                    item % 10
                );
            }
        }
        // An indicator table, one cell per line.
        text.push_str("\n主要指标\n\n2020年\n\n2025年\n\n指标性质\n\n健康水平\n\n");
        for row in 1..=20 {
            let _ = write!(
                text,
                "{row}\n\n第{row}项指标(%)\n\n{}.{}\n\n≥{}\n\n{}\n\n",
                50 + row,
                row % 10,
                60 + row,
                if row % 3 == 0 {
                    "约束性"
                } else {
                    "预期性"
                }
            );
        }
    }
    text
}

fn cn(v: u32) -> String {
    planlint_import::headings::chinese_numeral(v)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    println!("size      read      interpret+write  total     MB/s   rows  headings");
    for megabytes in [1usize, 10] {
        let text = document(megabytes << 20);
        let bytes = text.into_bytes();
        let runs = if megabytes >= 10 { 5 } else { 15 };
        let (mut reads, mut imports, mut totals) = (Vec::new(), Vec::new(), Vec::new());
        let mut shape = (0, 0);
        for _ in 0..runs {
            let start = Instant::now();
            let doc = planlint_import::read("big.txt", &bytes).expect("the document reads");
            let read = start.elapsed();
            let imported = import("big.txt", &doc, &Options::default());
            let total = start.elapsed();
            shape = (
                imported.draft.current_rows().count(),
                imported.yaml.matches("- title:").count(),
            );
            reads.push(read);
            imports.push(total - read);
            totals.push(total);
        }
        let total = median(totals);
        println!(
            "{:>5.1} MB {:>7.1} ms {:>12.1} ms {:>7.1} ms {:>6.1} {:>5} {:>9}",
            bytes.len() as f64 / (1 << 20) as f64,
            ms(median(reads)),
            ms(median(imports)),
            ms(total),
            bytes.len() as f64 / (1 << 20) as f64 / total.as_secs_f64(),
            shape.0,
            shape.1
        );
    }
}
