//! The canonical print of a [`Target`]: one spelling per form, chosen so that
//! `parse(&target.to_string())` gives the same form and flags back.
//!
//! The spellings are `[到2035年][力争][确保][保持(在)]` + body + `[左右]`, where the body is a
//! sign form (`≥25%`) or, when the target was given in words, a word form (`25%以上`,
//! `低于23%`, `达到1.3张`). A hold word is printed only where the form does not imply it
//! (`保持稳定` and `不低于现有水平` hold by themselves), and `保持在` takes the place of
//! `达到` before a value in words. An unreadable target prints its raw text, since there is
//! nothing better to print.

use std::fmt::{self, Write};

use crate::{Bound, ChangeKind, Dir, Flags, Form, Implied, Target, Unit};

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.form {
            Form::Empty => return f.write_str("——"),
            Form::History { text } => return f.write_str(text),
            Form::Unreadable { .. } => return f.write_str(&self.raw),
            _ => {}
        }
        if let Some(year) = self.year {
            write!(f, "到{year}年")?;
            // Before parts (which are never inside parts), a comma keeps the first part's
            // name apart from the year: `到2035年，城镇：80` (not `年末`-like `末：0`).
            if matches!(self.form, Form::Parts(_)) {
                f.write_str("，")?;
            }
        }
        if let Form::Parts(parts) = &self.form {
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    f.write_str("；")?;
                }
                write!(f, "{}：{}", part.name, part.target)?;
            }
            return Ok(());
        }
        if self.strive {
            f.write_str("力争")?;
        }
        if self.firm {
            f.write_str("确保")?;
        }
        let flags = Flags::of(&self.form);
        let held_in_words = self.hold && !matches!(flags.hold, Implied::On);
        // `保持在` says the hold in words, and stands for `达到` before a value in words.
        let reach = if held_in_words {
            if self.words && !matches!(flags.words, Implied::On) {
                f.write_str("保持在")?;
                ""
            } else {
                f.write_str("保持")?;
                "达到"
            }
        } else {
            "达到"
        };
        match &self.form {
            Form::Value { value, unit, bound } => {
                let number = format!("{value}{}", unit_label(unit.as_ref()));
                write_bounded(f, &number, *bound, self.words, reach)?;
            }
            Form::Range { low, high, unit } => {
                write!(f, "{low}-{high}{}", unit_label(unit.as_ref()))?;
            }
            Form::Change {
                amount,
                kind,
                direction,
                from_year,
                at_least,
                up_to,
            } => {
                match from_year {
                    Some(year) => write!(f, "比{year}年")?,
                    None => f.write_str("比基期")?,
                }
                write_change(f, *amount, *up_to, kind, *direction, *at_least)?;
            }
            Form::PerYear {
                amount,
                kind,
                direction,
                at_least,
                up_to,
            } => {
                f.write_str("每年")?;
                write_change(f, *amount, *up_to, kind, *direction, *at_least)?;
            }
            Form::Direction(dir) => f.write_str(match dir {
                Dir::Up => "持续提升",
                Dir::Down => "逐步降低",
                Dir::Stable => "保持稳定",
            })?,
            Form::Share {
                numerator,
                denominator,
                bound,
                of,
            } => {
                let mut share = format!("{}总数的", of.as_deref().unwrap_or(""));
                if *denominator == 100.0 {
                    write!(share, "{numerator}%")?;
                } else {
                    write!(share, "{numerator}/{denominator}")?;
                }
                write_bounded(f, &share, *bound, true, "")?;
            }
            Form::All { count, unit, of } => {
                let of = of.as_deref().unwrap_or("");
                match count {
                    Some(count) => write!(f, "{count}{}{of}全部", unit_label(unit.as_ref()))?,
                    None if of.is_empty() => f.write_str("全覆盖")?,
                    None => write!(f, "所有{of}全覆盖")?,
                }
            }
            Form::PerUnit {
                of,
                value,
                unit,
                bound,
            } => {
                write!(f, "每个{of}")?;
                let number = format!("{value}{}", unit_label(unit.as_ref()));
                write_bounded(f, &number, *bound, self.words, reach)?;
            }
            Form::Grade {
                level,
                class,
                bound,
            } => {
                let mut grade = match level {
                    1..=10 => {
                        let digits = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
                        digits[usize::from(*level - 1)].to_string()
                    }
                    _ => level.to_string(),
                };
                grade.push('级');
                if let Some(class) = class {
                    write!(grade, "{}等", class.zh())?;
                }
                write_bounded(f, &grade, *bound, self.words, reach)?;
            }
            Form::AtBaseline { bound, from_year } => {
                let level = match from_year {
                    Some(year) => format!("{year}年水平"),
                    None => "现有水平".to_owned(),
                };
                match bound {
                    Bound::Plain => write!(f, "保持{level}")?,
                    Bound::AtLeast { strict: false } => write!(f, "不低于{level}")?,
                    Bound::AtLeast { strict: true } => write!(f, "高于{level}")?,
                    Bound::AtMost { strict: false } => write!(f, "不高于{level}")?,
                    Bound::AtMost { strict: true } => write!(f, "低于{level}")?,
                }
            }
            Form::Empty | Form::History { .. } | Form::Unreadable { .. } | Form::Parts(_) => {}
        }
        if self.approx {
            f.write_str("左右")?;
        }
        Ok(())
    }
}

fn unit_label(unit: Option<&Unit>) -> String {
    unit.map_or(String::new(), |u| u.label().into_owned())
}

/// Writes `thing` (a number with its unit, a share, a grade) with its bound: as a sign
/// (`≥25%`) or in words (`25%以上`, `低于23%`, `达到1.3张`). `reach` is the word before a
/// plain value in words: `达到`, or nothing after `保持在`.
fn write_bounded(
    f: &mut fmt::Formatter<'_>,
    thing: &str,
    bound: Bound,
    words: bool,
    reach: &str,
) -> fmt::Result {
    match (bound, words) {
        (Bound::Plain, false) => write!(f, "{thing}"),
        (Bound::Plain, true) => write!(f, "{reach}{thing}"),
        (Bound::AtLeast { strict: false }, false) => write!(f, "≥{thing}"),
        (Bound::AtLeast { strict: true }, false) => write!(f, ">{thing}"),
        (Bound::AtMost { strict: false }, false) => write!(f, "≤{thing}"),
        (Bound::AtMost { strict: true }, false) => write!(f, "<{thing}"),
        (Bound::AtLeast { strict: false }, true) => write!(f, "{thing}以上"),
        (Bound::AtLeast { strict: true }, true) => write!(f, "高于{thing}"),
        (Bound::AtMost { strict: false }, true) => write!(f, "{thing}以下"),
        (Bound::AtMost { strict: true }, true) => write!(f, "低于{thing}"),
    }
}

fn write_change(
    f: &mut fmt::Formatter<'_>,
    amount: f64,
    up_to: Option<f64>,
    kind: &ChangeKind,
    direction: Dir,
    at_least: bool,
) -> fmt::Result {
    // A change is always up or down; `Stable` cannot come from the parser, and prints as a
    // word that says so rather than as a wrong direction.
    f.write_str(match direction {
        Dir::Up => "提高",
        Dir::Down => "降低",
        Dir::Stable => "变动",
    })?;
    write!(f, "{amount}")?;
    if let Some(high) = up_to {
        write!(f, "-{high}")?;
    }
    match kind {
        ChangeKind::Percent => f.write_str("%")?,
        ChangeKind::Points => f.write_str("个百分点")?,
        ChangeKind::Absolute(unit) => f.write_str(&unit_label(unit.as_ref()))?,
    }
    if at_least {
        f.write_str("以上")?;
    }
    Ok(())
}
