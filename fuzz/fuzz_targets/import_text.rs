//! Any bytes as a text document: `encoding::decode` and `encoding::read_text` must return
//! text or an error, never panic, and agree with each other. Decoded text has no CR left,
//! an error's offset lies within the input, and the lines are numbered 1, 2, 3 … from the
//! text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlint_import::{encoding, Block, Origin};

fuzz_target!(|bytes: &[u8]| {
    match encoding::decode(bytes) {
        Ok(decoded) => {
            assert!(!decoded.text.contains('\r'));
            let doc = encoding::lines(&decoded.text, decoded.format);
            for (i, block) in doc.blocks.iter().enumerate() {
                let Block::Para(para) = block else {
                    panic!("a table in a text file")
                };
                assert_eq!(
                    para.origin,
                    Origin::Line {
                        line: i as u32 + 1,
                        column: 1
                    }
                );
                assert!(!para.text.contains('\n'));
            }
            assert_eq!(encoding::read_text(bytes).ok(), Some(doc));
        }
        Err(e) => {
            assert!(e.offset() <= bytes.len(), "{e:?}");
            let (zh, en) = e.message();
            assert!(!zh.is_empty() && !en.is_empty());
            assert_eq!(encoding::read_text(bytes).err(), Some(e));
        }
    }
});
